/**
 * restore-jobs: a typed, SigV4-signed client for AWS Backup's StartRestoreJob.
 * The public API, by name.
 */

export type { components, paths } from "../generated/schema.js";
export {
  createRestoreJobsClient,
  type RestoreJobsClient,
  type StartRestoreJobCallOptions,
} from "./client.js";
export type { AwsCredentials, AwsCredentialsProvider } from "./credentials-types.js";
export {
  RestoreJobsAbortError,
  RestoreJobsApiError,
  RestoreJobsConfigError,
  RestoreJobsCredentialsError,
  RestoreJobsError,
  RestoreJobsNetworkError,
  RestoreJobsProtocolError,
  RestoreJobsTimeoutError,
  RestoreJobsValidationError,
  type ValidationIssue,
} from "./errors.js";
export type { FetchLike, RestoreJobsClientOptions } from "./options.js";
export type { StartRestoreJobOutput } from "./response.js";
export { type RequestToSign, type SigningContext, signRequest } from "./sign.js";
export { findInputProblems, type ResourceType, type StartRestoreJobInput } from "./validate-input.js";
