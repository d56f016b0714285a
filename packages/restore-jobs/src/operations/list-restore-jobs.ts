/** ListRestoreJobs, `GET /restore-jobs`: one page of the account's restore jobs, filtered. */
import { ListRestoreJobsBinding } from "../../generated/operations.js";
import type { components } from "../../generated/schema.js";
import { validateListRestoreJobsInput } from "../../generated/validators/list-restore-jobs.js";
import { awsOperation, type WithDateInputs } from "./aws-operation.js";
import { type RestoreJobsListMember, restoreJobsPageShape } from "./restore-job-shapes.js";

const timestamps = ["ByCreatedBefore", "ByCreatedAfter", "ByCompleteBefore", "ByCompleteAfter"] as const;
export type ListRestoreJobsInput = WithDateInputs<
  components["schemas"]["ListRestoreJobsInput"],
  (typeof timestamps)[number]
>;
export interface ListRestoreJobsOutput {
  RestoreJobs?: RestoreJobsListMember[];
  NextToken?: string;
}

export const ListRestoreJobs = /* @__PURE__ */ awsOperation<ListRestoreJobsInput, ListRestoreJobsOutput>({
  binding: ListRestoreJobsBinding,
  validate: validateListRestoreJobsInput,
  output: restoreJobsPageShape,
  timestamps,
});
