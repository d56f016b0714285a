/**
 * The composition root: options → transport → openapi-fetch → attempt → call. `startRestoreJob`
 * is the input's one stop (input.ts), then the call (call.ts); `raw` is openapi-fetch signed by
 * a middleware.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { createAttempt, type SigningClock } from "./attempt.js";
import { runCall } from "./call.js";
import { RestoreJobsConfigError } from "./errors.js";
import { prepareInput, type StartRestoreJobInput } from "./input.js";
import { restoreJobsPut } from "./openapi-fetch-adapter.js";
import { type RestoreJobsClientOptions, resolveOptions } from "./options.js";
import type { StartRestoreJobOutput } from "./response.js";
import { RetryQuota } from "./retry.js";
import { signingMiddleware } from "./signing/middleware.js";
import { boundedFetch } from "./transport/bounded-fetch.js";
import { nodeHttpTransport } from "./transport/node-http.js";

export interface StartRestoreJobCallOptions {
  /** Ends the call at once (no further attempts) with `RestoreJobsAbortError`. */
  signal?: AbortSignal;
}

export interface RestoreJobsClient {
  /** Starts a restore job; resolves to its id. Validates first, retries safely with one idempotency token. */
  startRestoreJob(
    input: StartRestoreJobInput,
    options?: StartRestoreJobCallOptions,
  ): Promise<StartRestoreJobOutput>;
  /** The typed openapi-fetch client of the documented contract; every request is signed the same way. */
  readonly raw: Client<paths>;
  readonly region: string;
  readonly endpoint: string;
}

export function createRestoreJobsClient(clientOptions?: RestoreJobsClientOptions): RestoreJobsClient {
  const options = resolveOptions(clientOptions);
  const baseUrl = options.endpoint.href.replace(/\/$/, "");
  const url = `${baseUrl}/restore-jobs`;
  const clock: SigningClock = {
    offsetMs: 0, // learnt from a skew error; later calls keep it
    now() {
      return new Date(Date.now() + this.offsetMs);
    },
  };
  // The transport: node:http by default (transport/node-http.ts says why), or the caller's fetch.
  const transport = options.fetch ? undefined : nodeHttpTransport(options.maxResponseBytes);
  const fetch = transport?.fetch ?? boundedFetch(options.fetch ?? globalThis.fetch, options.maxResponseBytes);
  // Two openapi-fetch clients over one transport: startRestoreJob's `put` sends what it signed
  // before any Request exists (openapi-fetch-adapter.ts); `raw` signs in a middleware, any call.
  const requestUrl = new URL(url);
  const put = restoreJobsPut(baseUrl, requestUrl, transport, fetch);
  const raw = createClient<paths>({ baseUrl, fetch });
  raw.use(signingMiddleware(options.credentials, options.region, () => clock.now()));
  const attempt = createAttempt({
    region: options.region,
    timeoutMs: options.timeoutMs,
    url,
    requestUrl,
    put,
    ownTransport: transport !== undefined,
    clock,
  });
  const context = { options, url, attempt, quota: new RetryQuota(options.retryQuota), clock };

  async function startRestoreJob(input: StartRestoreJobInput, callOptions: StartRestoreJobCallOptions = {}) {
    if (typeof callOptions !== "object" || callOptions === null) {
      throw new RestoreJobsConfigError([
        { pointer: "", message: "call options must be an object { signal? }" },
      ]);
    }
    const callerSignal = callOptions.signal;
    if (callerSignal !== undefined && !(callerSignal instanceof AbortSignal)) {
      throw new RestoreJobsConfigError([{ pointer: "/signal", message: "must be an AbortSignal" }]);
    }
    const { body, json } = prepareInput(input, options.maxRequestBytes);
    return runCall(context, body, json, callerSignal);
  }

  return { startRestoreJob, raw, region: options.region, endpoint: baseUrl };
}
