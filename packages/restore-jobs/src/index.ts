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
export { findInputProblems, type ResourceType, type StartRestoreJobInput } from "./input.js";
export type { RestoreJobsClientOptions } from "./options.js";
export type { StartRestoreJobOutput } from "./response.js";
export { credentialsFromEnv } from "./signing/credentials.js";
export type { AwsCredentials, AwsCredentialsProvider, Environment } from "./signing/credentials-types.js";
export { type RequestToSign, type SigningContext, signRequest } from "./signing/sign.js";
export type { FetchLike } from "./transport/bounded-fetch.js";
