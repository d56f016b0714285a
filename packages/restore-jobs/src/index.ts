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
export type { Operation } from "./operations/operation.js";
export {
  findInputProblems,
  type ResourceType,
  StartRestoreJob,
  type StartRestoreJobInput,
  type StartRestoreJobOutput,
} from "./operations/start-restore-job.js";
export type { RestoreJobsClientOptions } from "./options.js";
export type { CallOptions } from "./runtime/runtime.js";
export { credentialsFromEnv } from "./signing/credentials.js";
export type { AwsCredentials, AwsCredentialsProvider, Environment } from "./signing/credentials-types.js";
export { type RequestToSign, type SigningContext, signRequest } from "./signing/sign.js";
export type { FetchLike } from "./transport/bounded-fetch.js";
