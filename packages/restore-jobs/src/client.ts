/**
 * The convenient face: `createRestoreJobsClient` gives a client with a method per operation, the
 * paginators, the waiter and `raw`, over the same runtime as the lean core (core.ts). Each method
 * is one line over `send`.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import {
  DescribeRestoreJob,
  type DescribeRestoreJobInput,
  type DescribeRestoreJobOutput,
} from "./operations/describe-restore-job.js";
import {
  GetRecoveryPointRestoreMetadata,
  type GetRecoveryPointRestoreMetadataInput,
  type GetRecoveryPointRestoreMetadataOutput,
} from "./operations/get-recovery-point-restore-metadata.js";
import {
  GetRestoreJobMetadata,
  type GetRestoreJobMetadataInput,
  type GetRestoreJobMetadataOutput,
} from "./operations/get-restore-job-metadata.js";
import {
  ListRestoreJobSummaries,
  type ListRestoreJobSummariesInput,
  type ListRestoreJobSummariesOutput,
} from "./operations/list-restore-job-summaries.js";
import {
  ListRestoreJobs,
  type ListRestoreJobsInput,
  type ListRestoreJobsOutput,
} from "./operations/list-restore-jobs.js";
import {
  ListRestoreJobsByProtectedResource,
  type ListRestoreJobsByProtectedResourceInput,
  type ListRestoreJobsByProtectedResourceOutput,
} from "./operations/list-restore-jobs-by-protected-resource.js";
import type { CallOptions } from "./operations/operation.js";
import {
  PutRestoreValidationResult,
  type PutRestoreValidationResultInput,
  type PutRestoreValidationResultOutput,
} from "./operations/put-restore-validation-result.js";
import {
  StartRestoreJob,
  type StartRestoreJobInput,
  type StartRestoreJobOutput,
} from "./operations/start-restore-job.js";
import { type RestoreJobsClientOptions, resolveOptions } from "./options.js";
import {
  type PaginateOptions,
  paginateListRestoreJobSummaries,
  paginateListRestoreJobs,
  paginateListRestoreJobsByProtectedResource,
} from "./paginators/paginate.js";
import { createRuntime } from "./runtime/runtime.js";
import { signingMiddleware } from "./signing/middleware.js";
import { boundedFetch } from "./transport/bounded-fetch.js";
import { type NodeHttpTransport, transportFetch } from "./transport/node-http.js";
import { type WaitForRestoreJobOptions, waitForRestoreJob } from "./waiters/wait-for-restore-job.js";

/** Options of one call; kept under its first name. */
export type StartRestoreJobCallOptions = CallOptions;

export interface RestoreJobsClient {
  /** Starts a restore job; resolves to its id. Validates first, retries safely with one idempotency token. */
  startRestoreJob(input: StartRestoreJobInput, options?: CallOptions): Promise<StartRestoreJobOutput>;
  /** What a restore of a recovery point needs in Metadata (its RestoreMetadata). */
  getRecoveryPointRestoreMetadata(
    input: GetRecoveryPointRestoreMetadataInput,
    options?: CallOptions,
  ): Promise<GetRecoveryPointRestoreMetadataOutput>;
  /** A restore job as it stands: Status, dates, sizes, what it created. */
  describeRestoreJob(
    input: DescribeRestoreJobInput,
    options?: CallOptions,
  ): Promise<DescribeRestoreJobOutput>;
  /** The Metadata a restore job was started with. */
  getRestoreJobMetadata(
    input: GetRestoreJobMetadataInput,
    options?: CallOptions,
  ): Promise<GetRestoreJobMetadataOutput>;
  /** One page of restore jobs; `paginateListRestoreJobs` follows the pages. */
  listRestoreJobs(input: ListRestoreJobsInput, options?: CallOptions): Promise<ListRestoreJobsOutput>;
  /** One page of the restore jobs of one protected resource. */
  listRestoreJobsByProtectedResource(
    input: ListRestoreJobsByProtectedResourceInput,
    options?: CallOptions,
  ): Promise<ListRestoreJobsByProtectedResourceOutput>;
  /** One page of restore-job counts over the last 14 days. */
  listRestoreJobSummaries(
    input: ListRestoreJobSummariesInput,
    options?: CallOptions,
  ): Promise<ListRestoreJobSummariesOutput>;
  /** Reports whether a restored resource was valid (answers without a body: resolves to `{}`). */
  putRestoreValidationResult(
    input: PutRestoreValidationResultInput,
    options?: CallOptions,
  ): Promise<PutRestoreValidationResultOutput>;
  /** ListRestoreJobs page by page, following NextToken; a token seen twice is a protocol error. */
  paginateListRestoreJobs(
    input: ListRestoreJobsInput,
    options?: PaginateOptions,
  ): AsyncIterable<ListRestoreJobsOutput>;
  paginateListRestoreJobsByProtectedResource(
    input: ListRestoreJobsByProtectedResourceInput,
    options?: PaginateOptions,
  ): AsyncIterable<ListRestoreJobsByProtectedResourceOutput>;
  paginateListRestoreJobSummaries(
    input: ListRestoreJobSummariesInput,
    options?: PaginateOptions,
  ): AsyncIterable<ListRestoreJobSummariesOutput>;
  /**
   * Polls DescribeRestoreJob until the job is COMPLETED (resolves with its description); FAILED or
   * ABORTED is a RestoreJobFailedError, the deadline a RestoreJobsTimeoutError.
   */
  waitForRestoreJob(
    restoreJobId: string,
    options?: WaitForRestoreJobOptions,
  ): Promise<DescribeRestoreJobOutput>;
  /** The typed openapi-fetch client of the documented contract; every request is signed the same way. */
  readonly raw: Client<paths>;
  readonly region: string;
  readonly endpoint: string;
}

export function createRestoreJobsClient(clientOptions?: RestoreJobsClientOptions): RestoreJobsClient {
  const options = resolveOptions(clientOptions);
  const runtime = createRuntime(options);
  // `raw` signs in a middleware, any request, over the same transport.
  const fetch = runtime.fetch
    ? boundedFetch(runtime.fetch, options.maxResponseBytes)
    : transportFetch(runtime.transport as NodeHttpTransport);
  const raw = createClient<paths>({ baseUrl: runtime.baseUrl, fetch });
  raw.use(signingMiddleware(options.credentials, options.region, () => runtime.clock.now()));
  const sender = { send: runtime.send, endpoint: runtime.baseUrl };
  return {
    startRestoreJob: (input, callOptions) => runtime.send(StartRestoreJob, input, callOptions),
    getRecoveryPointRestoreMetadata: (input, callOptions) =>
      runtime.send(GetRecoveryPointRestoreMetadata, input, callOptions),
    describeRestoreJob: (input, callOptions) => runtime.send(DescribeRestoreJob, input, callOptions),
    getRestoreJobMetadata: (input, callOptions) => runtime.send(GetRestoreJobMetadata, input, callOptions),
    listRestoreJobs: (input, callOptions) => runtime.send(ListRestoreJobs, input, callOptions),
    listRestoreJobsByProtectedResource: (input, callOptions) =>
      runtime.send(ListRestoreJobsByProtectedResource, input, callOptions),
    listRestoreJobSummaries: (input, callOptions) =>
      runtime.send(ListRestoreJobSummaries, input, callOptions),
    putRestoreValidationResult: (input, callOptions) =>
      runtime.send(PutRestoreValidationResult, input, callOptions),
    paginateListRestoreJobs: (input, pageOptions) => paginateListRestoreJobs(sender, input, pageOptions),
    paginateListRestoreJobsByProtectedResource: (input, pageOptions) =>
      paginateListRestoreJobsByProtectedResource(sender, input, pageOptions),
    paginateListRestoreJobSummaries: (input, pageOptions) =>
      paginateListRestoreJobSummaries(sender, input, pageOptions),
    waitForRestoreJob: (restoreJobId, waitOptions) => waitForRestoreJob(sender, restoreJobId, waitOptions),
    raw,
    region: options.region,
    endpoint: runtime.baseUrl,
  };
}
