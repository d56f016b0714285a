/**
 * The convenient face: `createRestoreJobsClient` gives a client with a method per operation and
 * `raw`, over the same runtime as the lean core (core.ts). Each method is one line over `send`.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import {
  StartRestoreJob,
  type StartRestoreJobInput,
  type StartRestoreJobOutput,
} from "./operations/start-restore-job.js";
import { type RestoreJobsClientOptions, resolveOptions } from "./options.js";
import { type CallOptions, createRuntime } from "./runtime/runtime.js";
import { signingMiddleware } from "./signing/middleware.js";
import { type NodeHttpTransport, transportFetch } from "./transport/node-http.js";

/** Options of one call; kept under its first name. */
export type StartRestoreJobCallOptions = CallOptions;

export interface RestoreJobsClient {
  /** Starts a restore job; resolves to its id. Validates first, retries safely with one idempotency token. */
  startRestoreJob(input: StartRestoreJobInput, options?: CallOptions): Promise<StartRestoreJobOutput>;
  /** The typed openapi-fetch client of the documented contract; every request is signed the same way. */
  readonly raw: Client<paths>;
  readonly region: string;
  readonly endpoint: string;
}

export function createRestoreJobsClient(clientOptions?: RestoreJobsClientOptions): RestoreJobsClient {
  const options = resolveOptions(clientOptions);
  const runtime = createRuntime(options);
  // `raw` signs in a middleware, any request, over the same transport.
  const fetch = runtime.fetch ?? transportFetch(runtime.transport as NodeHttpTransport);
  const raw = createClient<paths>({ baseUrl: runtime.baseUrl, fetch });
  raw.use(signingMiddleware(options.credentials, options.region, () => runtime.clock.now()));
  return {
    startRestoreJob: (input, callOptions) => runtime.send(StartRestoreJob, input, callOptions),
    raw,
    region: options.region,
    endpoint: runtime.baseUrl,
  };
}
