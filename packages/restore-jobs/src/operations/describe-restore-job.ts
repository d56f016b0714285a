/** DescribeRestoreJob, `GET /restore-jobs/{restoreJobId}`: a restore job as it stands. */
import { DescribeRestoreJobBinding } from "../../generated/operations.js";
import type { components } from "../../generated/schema.js";
import { validateDescribeRestoreJobInput } from "../../generated/validators/describe-restore-job.js";
import { awsOperation } from "./aws-operation.js";
import { type RestoreJobDescription, restoreJobShape } from "./restore-job-shapes.js";

export type DescribeRestoreJobInput = components["schemas"]["DescribeRestoreJobInput"];
export type DescribeRestoreJobOutput = RestoreJobDescription;

export const DescribeRestoreJob = /* @__PURE__ */ awsOperation<
  DescribeRestoreJobInput,
  DescribeRestoreJobOutput
>({
  binding: DescribeRestoreJobBinding,
  validate: validateDescribeRestoreJobInput,
  output: restoreJobShape,
});
