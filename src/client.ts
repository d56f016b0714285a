import createClient, { type Client } from "openapi-fetch";
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
import { AttemptTimedOut, nodeHttpTransport } from "./node-http-transport.js";
import { type RestoreJobsClientOptions, resolveOptions } from "./options.js";
import { signingMiddleware } from "./raw-signing.js";
import { interpretAnswer, type StartRestoreJobOutput } from "./response.js";
import { attemptSignal, backoffDelay, RetryQuota, sleep, untilAborted } from "./retry.js";
import { serializeInput, snapshotInput } from "./serialize.js";
import { signChecked } from "./sign.js";
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

const method = "PUT";
/** SigV4 requests more than 5 minutes off the service's clock are refused. */
const maxSkewMs = 5 * 60_000;
const skewCodes = new Set([
  "RequestTimeTooSkewed",
  "RequestExpired",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
]);
const expiredTokenCodes = new Set(["ExpiredToken", "ExpiredTokenException"]);

/**
 * The request openapi-fetch builds for startRestoreJob over the own transport: its URL and method,
 * for openapi-fetch's bookkeeping; the signed bytes go to the transport directly.
 */
class PreparedRequest {
  readonly url: string;
  readonly method: string;
  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = init.method ?? "GET";
  }
}

/** The server's clock (its `Date` header) at the time of an API error, for skew correction. */
const serverTimes = new WeakMap<RestoreJobsApiError, number>();

export function createRestoreJobsClient(clientOptions?: RestoreJobsClientOptions): RestoreJobsClient {
  const options = resolveOptions(clientOptions);
  const baseUrl = options.endpoint.href.replace(/\/$/, "");
  const url = `${baseUrl}/restore-jobs`;
  const requestUrl = new URL(url);
  const quota = new RetryQuota(options.retryQuota);
  /** Added to the local clock when signing, learnt from a skew error (later calls keep it). */
  let clockOffsetMs = 0;
  const clock = () => new Date(Date.now() + clockOffsetMs);
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
  raw.use(signingMiddleware(options.credentials, options.region, clock));

  async function attemptOnce(
    body: StartRestoreJobInput,
    json: string,
    credentials: AwsCredentials,
    callSignal: AbortSignal | undefined,
    secrets: Set<string | undefined>,
  ): Promise<StartRestoreJobOutput> {
    const headers = signChecked(
      { method, url: requestUrl, headers: { "content-type": "application/json" }, body: json },
      { credentials, region: options.region, service: "backup", date: clock() },
    );
    // The call's earlier attempts count too: a later answer may echo an earlier signature.
    secrets.add(credentials.secretAccessKey);
    secrets.add(credentials.sessionToken);
    secrets.add(headers.authorization?.split("Signature=")[1]);
    delete headers.host;
    // Over the own transport the attempt's timeout is a timer in the transport; over a caller's
    // fetch it is an AbortController the fetch is handed.
    const attemptAbort = transport
      ? undefined
      : attemptSignal(options.timeoutMs, callSignal ? [callSignal] : []);
    const signal = attemptAbort?.signal;
    try {
      const { data, error, response } = await core.PUT("/restore-jobs", {
        body,
        bodySerializer: () => json,
        headers,
        parseAs: "text",
        ...(signal && { signal }),
        redirect: "manual",
        // The bytes are in hand: send them as signed instead of reading them back from the Request.
        ...(transport && {
          // openapi-fetch reads only status, ok, headers.get and text() of what its fetch returns.
          fetch: () =>
            transport.send({
              method,
              url: requestUrl,
              headers,
              body: json,
              signal: callSignal,
              timeoutMs: options.timeoutMs,
            }) as Promise<unknown> as Promise<Response>,
        }),
      });
      const payload: unknown = response.ok ? data : error;
      const text =
        typeof payload === "string" ? payload : payload === undefined ? "" : JSON.stringify(payload);
      try {
        return interpretAnswer(response.status, response.headers, text, {
          method,
          url,
          secrets: [...secrets],
        });
      } catch (failure) {
        const date = Date.parse(response.headers.get("date") ?? "");
        if (failure instanceof RestoreJobsApiError && !Number.isNaN(date)) serverTimes.set(failure, date);
        throw failure;
      }
    } catch (error) {
      if (error instanceof RestoreJobsError) throw error;
      if (attemptAbort?.timedOut()) throw new AttemptTimedOut(options.timeoutMs);
      const tooLarge = [error, (error as { cause?: unknown })?.cause].find(
        (e) => e instanceof ResponseTooLarge,
      );
      if (tooLarge) {
        const reason = (tooLarge as Error).message;
        throw new RestoreJobsProtocolError({
          status: 0,
          method,
          url,
          requestId: undefined,
          retryable: false,
          reason,
          excerpt: "",
        });
      }
      throw error;
    } finally {
      attemptAbort?.dispose();
    }
  }

  /** A correction that makes the same request worth sending again at once, each once a call. */
  function correctionFor(
    failure: RestoreJobsError,
    done: Set<string>,
    credentials: AwsCredentials | undefined,
  ): "skew" | "token" | undefined {
    if (!(failure instanceof RestoreJobsApiError)) return undefined;
    const serverTime = serverTimes.get(failure);
    if (!done.has("skew") && skewCodes.has(failure.code) && serverTime !== undefined) {
      if (Math.abs(serverTime - clock().getTime()) > maxSkewMs) {
        clockOffsetMs = serverTime - Date.now();
        return "skew";
      }
    }
    if (
      !done.has("token") &&
      expiredTokenCodes.has(failure.code) &&
      options.credentials.refreshable &&
      credentials
    ) {
      options.credentials.invalidate(credentials);
      return "token";
    }
    return undefined;
  }

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
    if (callerSignal?.aborted) throw new RestoreJobsAbortError(method, url, callerSignal.reason);
    const deadline = options.deadlineMs === undefined ? undefined : AbortSignal.timeout(options.deadlineMs);
    const callSignals = [callerSignal, deadline].filter((s): s is AbortSignal => s !== undefined);
    const callSignal = callSignals.length > 1 ? AbortSignal.any(callSignals) : callSignals[0];
    const stopped = (): RestoreJobsError | undefined => {
      if (callerSignal?.aborted) return new RestoreJobsAbortError(method, url, callerSignal.reason);
      if (deadline?.aborted)
        return new RestoreJobsTimeoutError(method, url, options.deadlineMs ?? 0, "deadline");
      return undefined;
    };

    const corrections = new Set<string>();
    let retriesLeft = options.maxAttempts - 1;
    let lastRetryCost: number | undefined;
    /** Requests sent: what `attempts` of an error says (a provider failing sends none). */
    let sent = 0;
    /** What no error may hold, from every attempt of this call. */
    const secrets = new Set<string | undefined>();
    for (;;) {
      let failure: RestoreJobsError;
      let credentials: AwsCredentials | undefined;
      try {
        // A provider that hangs (an unreachable metadata endpoint) must not outlive an abort or
        // the deadline; the attempt's own timeout is for the service, not for a slow SSO login.
        credentials = await untilAborted(options.credentials.get(), callSignal);
        sent++;
        const output = await attemptOnce(body, json, credentials, callSignal, secrets);
        quota.release(lastRetryCost);
        return output;
      } catch (error) {
        failure =
          stopped() ??
          (error instanceof RestoreJobsError
            ? error
            : error instanceof AttemptTimedOut
              ? new RestoreJobsTimeoutError(method, url, options.timeoutMs)
              : new RestoreJobsNetworkError(method, url, error));
      }
      failure.attempts = sent;
      const correction = correctionFor(failure, corrections, credentials);
      if (correction) {
        // Signed again with the corrected clock or fresh credentials: not a fault, so it takes
        // neither a retry nor quota, and happens at most once a call.
        corrections.add(correction);
        continue;
      }
      const cost =
        failure instanceof RestoreJobsTimeoutError ? RetryQuota.timeoutRetryCost : RetryQuota.retryCost;
      if (!isRetryable(failure) || retriesLeft === 0 || !quota.acquire(cost)) throw failure;
      retriesLeft--;
      lastRetryCost = cost;
      const retry = options.maxAttempts - 1 - retriesLeft;
      const delay = backoffDelay(retry, options.retryDelay.baseMs, options.retryDelay.maxMs);
      try {
        await sleep(delay, callSignal);
      } catch {
        const end = stopped() ?? failure;
        end.attempts = sent;
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
