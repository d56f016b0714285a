/** ListRestoreJobSummaries, `GET /audit/restore-job-summaries`: job counts of the last 14 days. */
import { ListRestoreJobSummariesBinding } from "../../generated/operations.js";
import type { components } from "../../generated/schema.js";
import { validateListRestoreJobSummariesInput } from "../../generated/validators/list-restore-job-summaries.js";
import { awsOperation } from "./aws-operation.js";
import { type RestoreJobSummary, restoreJobStates } from "./restore-job-shapes.js";

export type ListRestoreJobSummariesInput = components["schemas"]["ListRestoreJobSummariesInput"];
export interface ListRestoreJobSummariesOutput {
  RestoreJobSummaries?: RestoreJobSummary[];
  /** The period the counts cover (ONE_DAY, SEVEN_DAYS, FOURTEEN_DAYS); the model types it a string. */
  AggregationPeriod?: string;
  NextToken?: string;
}

export const ListRestoreJobSummaries = /* @__PURE__ */ awsOperation<
  ListRestoreJobSummariesInput,
  ListRestoreJobSummariesOutput
>({
  binding: ListRestoreJobSummariesBinding,
  validate: validateListRestoreJobSummariesInput,
  output: {
    RestoreJobSummaries: [
      "list",
      {
        Region: "string",
        AccountId: "string",
        State: ["enum", restoreJobStates],
        ResourceType: "string",
        Count: "number",
        StartTime: "timestamp",
        EndTime: "timestamp",
      },
    ],
    AggregationPeriod: "string",
    NextToken: "string",
  },
});
