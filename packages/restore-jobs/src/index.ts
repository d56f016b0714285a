/**
 * restore-jobs: a typed, SigV4-signed client for AWS Backup's restore jobs. The public API, by
 * name: the convenient client, and the lean core with one export per operation.
 */

export type { components, paths } from "../generated/schema.js";
export {
  createRestoreJobsClient,
  type RestoreJobsClient,
  type StartRestoreJobCallOptions,
} from "./client.js";
export { createRestoreJobsCore, type RestoreJobsCore } from "./core.js";
export {
  RestoreJobFailedError,
  RestoreJobsAbortError,
  RestoreJobsApiError,
  RestoreJobsConfigError,
  RestoreJobsCredentialsError,
  RestoreJobsError,
  RestoreJobsHttpError,
  RestoreJobsNetworkError,
  RestoreJobsProtocolError,
  RestoreJobsTimeoutError,
  RestoreJobsValidationError,
  type ValidationIssue,
} from "./errors.js";
export {
  DescribeRestoreJob,
  type DescribeRestoreJobInput,
  type DescribeRestoreJobOutput,
} from "./operations/describe-restore-job.js";
export {
  GetRecoveryPointRestoreMetadata,
  type GetRecoveryPointRestoreMetadataInput,
  type GetRecoveryPointRestoreMetadataOutput,
} from "./operations/get-recovery-point-restore-metadata.js";
export {
  GetRestoreJobMetadata,
  type GetRestoreJobMetadataInput,
  type GetRestoreJobMetadataOutput,
} from "./operations/get-restore-job-metadata.js";
export {
  ListRestoreJobSummaries,
  type ListRestoreJobSummariesInput,
  type ListRestoreJobSummariesOutput,
} from "./operations/list-restore-job-summaries.js";
export {
  ListRestoreJobs,
  type ListRestoreJobsInput,
  type ListRestoreJobsOutput,
} from "./operations/list-restore-jobs.js";
export {
  ListRestoreJobsByProtectedResource,
  type ListRestoreJobsByProtectedResourceInput,
  type ListRestoreJobsByProtectedResourceOutput,
} from "./operations/list-restore-jobs-by-protected-resource.js";
export type { CallOptions, Operation } from "./operations/operation.js";
export {
  PutRestoreValidationResult,
  type PutRestoreValidationResultInput,
  type PutRestoreValidationResultOutput,
} from "./operations/put-restore-validation-result.js";
export type {
  RestoreJobDescription,
  RestoreJobSummary,
  RestoreJobsListMember,
} from "./operations/restore-job-shapes.js";
export {
  findInputProblems,
  type ResourceType,
  StartRestoreJob,
  type StartRestoreJobInput,
  type StartRestoreJobOutput,
} from "./operations/start-restore-job.js";
export type { RestoreJobsClientOptions } from "./options.js";
export {
  type PaginateOptions,
  paginateListRestoreJobSummaries,
  paginateListRestoreJobs,
  paginateListRestoreJobsByProtectedResource,
} from "./paginators/paginate.js";
export { credentialsFromEnv } from "./signing/credentials.js";
export type { AwsCredentials, AwsCredentialsProvider, Environment } from "./signing/credentials-types.js";
export { type RequestToSign, type SigningContext, signRequest } from "./signing/sign.js";
export type { FetchLike } from "./transport/bounded-fetch.js";
export {
  type WaitForRestoreJobOptions,
  waiterDefaults,
  waitForRestoreJob,
} from "./waiters/wait-for-restore-job.js";
