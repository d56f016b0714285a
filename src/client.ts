import { randomUUID } from "node:crypto";
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { boundedFetch, ResponseTooLarge } from "./bounded-fetch.js";
import type { AwsCredentials } from "./credentials-types.js";
import {
  RestoreJobsAbortError,
  RestoreJobsApiError,
  RestoreJobsConfigError,
  RestoreJobsError,
  RestoreJobsNetworkError,
  RestoreJobsProtocolError,
  RestoreJobsTimeoutError,
  RestoreJobsValidationError,
} from "./errors.js";
import { type ResolvedOptions, type RestoreJobsClientOptions, resolveOptions } from "./options.js";
import { interpretAnswer, type StartRestoreJobOutput } from "./response.js";
import { backoffDelay, sleep } from "./retry.js";
import { signRequest } from "./sign.js";
import { findInputProblems, type StartRestoreJobInput } from "./validate-input.js";

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

const method = "PUT";

// The AWS SDK's member order (its serializer walks the model), so both send the same bytes.
const memberOrder = [
  "RecoveryPointArn",
  "Metadata",
  "IamRoleArn",
  "IdempotencyToken",
  "ResourceType",
  "CopySourceTagsToRestoredResource",
] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads the input once into plain objects, so a getter or a Proxy cannot show the validator one
 * value and the serializer another. Spread keeps own keys such as `__proto__` as plain data.
 */
function snapshot(input: unknown): unknown {
  if (!isObject(input)) return input;
  const copy: Record<string, unknown> = { ...input };
  if (isObject(copy.Metadata)) copy.Metadata = { ...copy.Metadata };
  return copy;
}

/** The request body, members in the AWS SDK's order, the idempotency token filled. */
export function serializeInput(input: StartRestoreJobInput): { body: StartRestoreJobInput; json: string } {
  const body: Record<string, unknown> = {};
  for (const key of memberOrder) {
    const value = key === "IdempotencyToken" ? (input.IdempotencyToken ?? randomUUID()) : input[key];
    if (value !== undefined) body[key] = value;
  }
  return { body: body as StartRestoreJobInput, json: JSON.stringify(body) };
}

function signingContext(options: ResolvedOptions, credentials: AwsCredentials) {
  return { credentials, region: options.region, service: "backup" };
}

/** Signs requests made through `client.raw`: reads the body the Request carries, signs those bytes. */
function signingMiddleware(options: ResolvedOptions): Middleware {
  return {
    async onRequest({ request }) {
      const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const credentials = await options.credentials.get();
      const signed = signRequest(
        { method: request.method, url: new URL(request.url), headers, body },
        signingContext(options, credentials),
      );
      delete signed.host;
      return new Request(request.url, {
        method: request.method,
        headers: signed,
        body: body ?? null,
        signal: request.signal,
        redirect: request.redirect,
      });
    },
  };
}

export function createRestoreJobsClient(clientOptions?: RestoreJobsClientOptions): RestoreJobsClient {
  const options = resolveOptions(clientOptions);
  const baseUrl = options.endpoint.href.replace(/\/$/, "");
  const url = `${baseUrl}/restore-jobs`;
  const requestUrl = new URL(url);
  const fetch = boundedFetch(options.fetch, options.maxResponseBytes);
  // Two openapi-fetch clients over one transport: `core` sends what startRestoreJob signed before
  // the Request was built (no clone, no re-read), `raw` signs in a middleware for any call.
  const core = createClient<paths>({ baseUrl, fetch });
  const raw = createClient<paths>({ baseUrl, fetch });
  raw.use(signingMiddleware(options));

  async function attemptOnce(
    body: StartRestoreJobInput,
    json: string,
    signal: AbortSignal,
  ): Promise<StartRestoreJobOutput> {
    const credentials = await options.credentials.get();
    const headers = signRequest(
      { method, url: requestUrl, headers: { "content-type": "application/json" }, body: json },
      signingContext(options, credentials),
    );
    const secrets = [
      credentials.secretAccessKey,
      credentials.sessionToken,
      headers.authorization?.split("Signature=")[1],
    ];
    delete headers.host;
    try {
      const { data, error, response } = await core.PUT("/restore-jobs", {
        body,
        bodySerializer: () => json,
        headers,
        parseAs: "text",
        signal,
        redirect: "manual",
      });
      const payload: unknown = response.ok ? data : error;
      const text =
        typeof payload === "string" ? payload : payload === undefined ? "" : JSON.stringify(payload);
      return interpretAnswer(response.status, response.headers, text, { method, url, secrets });
    } catch (error) {
      if (error instanceof RestoreJobsError) throw error;
      const tooLarge = [error, (error as { cause?: unknown })?.cause].find(
        (e) => e instanceof ResponseTooLarge,
      );
      if (tooLarge) {
        throw new RestoreJobsProtocolError({
          status: 0,
          method,
          url,
          requestId: undefined,
          retryable: false,
          reason: (tooLarge as Error).message,
          excerpt: "",
        });
      }
      throw error;
    }
  }

  async function startRestoreJob(input: StartRestoreJobInput, callOptions: StartRestoreJobCallOptions = {}) {
    const callerSignal = callOptions?.signal;
    if (callerSignal !== undefined && !(callerSignal instanceof AbortSignal)) {
      throw new RestoreJobsConfigError([{ pointer: "/signal", message: "must be an AbortSignal" }]);
    }
    const copy = snapshot(input);
    const problems = findInputProblems(copy);
    if (problems.length) throw new RestoreJobsValidationError(problems);
    const { body, json } = serializeInput(copy as StartRestoreJobInput);
    if (callerSignal?.aborted) throw new RestoreJobsAbortError(method, url, callerSignal.reason);
    const deadline = options.deadlineMs === undefined ? undefined : AbortSignal.timeout(options.deadlineMs);
    const callSignals = [callerSignal, deadline].filter((s): s is AbortSignal => s !== undefined);

    const stopped = (): RestoreJobsError | undefined => {
      if (callerSignal?.aborted) return new RestoreJobsAbortError(method, url, callerSignal.reason);
      if (deadline?.aborted)
        return new RestoreJobsTimeoutError(method, url, options.deadlineMs ?? 0, "deadline");
      return undefined;
    };

    for (let attempt = 1; ; attempt++) {
      const attemptTimeout = AbortSignal.timeout(options.timeoutMs);
      let failure: RestoreJobsError;
      try {
        return await attemptOnce(body, json, AbortSignal.any([...callSignals, attemptTimeout]));
      } catch (error) {
        failure =
          stopped() ??
          (error instanceof RestoreJobsError
            ? error
            : attemptTimeout.aborted
              ? new RestoreJobsTimeoutError(method, url, options.timeoutMs)
              : new RestoreJobsNetworkError(method, url, error));
      }
      failure.attempts = attempt;
      if (!isRetryable(failure) || attempt >= options.maxAttempts) throw failure;
      const delay = backoffDelay(attempt, options.retryDelay.baseMs, options.retryDelay.maxMs);
      try {
        await sleep(delay, callSignals.length ? AbortSignal.any(callSignals) : undefined);
      } catch {
        const end = stopped() ?? failure;
        end.attempts = attempt;
        throw end;
      }
    }
  }

  return { startRestoreJob, raw, region: options.region, endpoint: baseUrl };
}

/** Network errors, attempt timeouts, 429, 5xx and throttling codes; never 4xx validation or auth. */
function isRetryable(error: RestoreJobsError): boolean {
  if (error instanceof RestoreJobsNetworkError) return true;
  if (error instanceof RestoreJobsTimeoutError) return error.retryable;
  if (error instanceof RestoreJobsApiError || error instanceof RestoreJobsProtocolError)
    return error.retryable;
  return false;
}
