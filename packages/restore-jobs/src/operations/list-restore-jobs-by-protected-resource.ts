/**
 * ListRestoreJobsByProtectedResource, `GET /resources/{resourceArn}/restore-jobs`: one page of the
 * restore jobs of one protected resource (its ARN one path segment, percent-encoded once).
 */
import { ListRestoreJobsByProtectedResourceBinding } from "../../generated/operations.js";
import type { components } from "../../generated/schema.js";
import { validateListRestoreJobsByProtectedResourceInput } from "../../generated/validators/list-restore-jobs-by-protected-resource.js";
import { awsOperation, type WithDateInputs } from "./aws-operation.js";
import { type RestoreJobsListMember, restoreJobsPageShape } from "./restore-job-shapes.js";

const timestamps = ["ByRecoveryPointCreationDateAfter", "ByRecoveryPointCreationDateBefore"] as const;
export type ListRestoreJobsByProtectedResourceInput = WithDateInputs<
  components["schemas"]["ListRestoreJobsByProtectedResourceInput"],
  (typeof timestamps)[number]
>;
export interface ListRestoreJobsByProtectedResourceOutput {
  RestoreJobs?: RestoreJobsListMember[];
  NextToken?: string;
}

export const ListRestoreJobsByProtectedResource = /* @__PURE__ */ awsOperation<
  ListRestoreJobsByProtectedResourceInput,
  ListRestoreJobsByProtectedResourceOutput
>({
  binding: ListRestoreJobsByProtectedResourceBinding,
  validate: validateListRestoreJobsByProtectedResourceInput,
  output: restoreJobsPageShape,
  timestamps,
});
