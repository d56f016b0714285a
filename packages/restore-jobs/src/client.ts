import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { createAttempt, PreparedRequest, type SigningClock } from "./attempt.js";
import { boundedFetch } from "./bounded-fetch.js";
import { runCall } from "./call.js";
import { RestoreJobsConfigError, RestoreJobsValidationError } from "./errors.js";
import { nodeHttpTransport } from "./node-http-transport.js";
import { type RestoreJobsClientOptions, resolveOptions } from "./options.js";
import { signingMiddleware } from "./raw-signing.js";
import type { StartRestoreJobOutput } from "./response.js";
import { RetryQuota } from "./retry.js";
import { serializeInput, snapshotInput } from "./serialize.js";
import { findInputProblems, findSizeProblem, type StartRestoreJobInput } from "./validate-input.js";

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
  // The transport: node:http by default (see node-http-transport.ts for why), or the caller's fetch.
  const transport = options.fetch ? undefined : nodeHttpTransport(options.maxResponseBytes);
  const fetch = transport?.fetch ?? boundedFetch(options.fetch ?? globalThis.fetch, options.maxResponseBytes);
  // Two openapi-fetch clients over one transport: `core` sends what startRestoreJob signed before
  // the Request was built (no clone, no re-read), `raw` signs in a middleware for any call.
  // With the own transport, `core` needs no undici Request (nor its body stream): nothing is read
  // back from it. openapi-fetch takes the Request class as an option for this.
  const core = createClient<paths>({
    baseUrl,
    fetch,
    ...(transport && { Request: PreparedRequest as unknown as typeof Request }),
  });
  const raw = createClient<paths>({ baseUrl, fetch });
  raw.use(signingMiddleware(options.credentials, options.region, () => clock.now()));
  const attempt = createAttempt({
    region: options.region,
    timeoutMs: options.timeoutMs,
    url,
    core,
    transport,
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
    const copy = snapshotInput(input);
    const problems = findInputProblems(copy);
    if (problems.length) throw new RestoreJobsValidationError(problems);
    const { body, json } = serializeInput(copy as StartRestoreJobInput);
    const tooLarge = findSizeProblem(body, json, options.maxRequestBytes);
    if (tooLarge) throw new RestoreJobsValidationError([tooLarge]);
    return runCall(context, body, json, callerSignal);
  }

  return { startRestoreJob, raw, region: options.region, endpoint: baseUrl };
}
