/**
 * One call of any operation after its input is prepared: retries (when the operation is
 * idempotent), corrections, the deadline and the caller's abort. It sees only RestoreJobsErrors:
 * the attempt translated the transport's.
 */
import {
  RestoreJobsAbortError,
  RestoreJobsApiError,
  type RestoreJobsError,
  RestoreJobsTimeoutError,
} from "../errors.js";
import type { Operation } from "../operations/operation.js";
import type { ResolvedOptions } from "../options.js";
import { redactedCause, redactSecrets } from "../redact.js";
import type { AwsCredentials } from "../signing/credentials-types.js";
import type { Attempt } from "./attempt.js";
import type { PreparedRequest } from "./prepare.js";
import { backoffDelay, RetryQuota, sleep, untilAborted } from "./retry.js";

/** SigV4 requests more than 5 minutes off the service's clock are refused. */
const maxSkewMs = 5 * 60_000;
const skewCodes = new Set([
  "RequestTimeTooSkewed",
  "RequestExpired",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
]);
const expiredTokenCodes = new Set(["ExpiredToken", "ExpiredTokenException"]);

/** The clock requests are signed with: the local one plus what a skew error taught. */
export interface SigningClock {
  offsetMs: number;
  now(): Date;
}

export interface CallContext {
  options: ResolvedOptions;
  /** The endpoint's base URL, for messages: `https://backup.us-east-1.amazonaws.com`. */
  baseUrl: string;
  attempt: Attempt;
  /** Shared by every call of the client. */
  quota: RetryQuota;
  clock: SigningClock;
  /**
   * The secrets of the client's recent credentials, which no error may hold: a provider failing
   * to refresh may quote the credentials it gave before.
   */
  recentSecrets: Set<string | undefined>;
}

/**
 * Network errors, attempt timeouts, 429, 5xx and throttling codes; never 4xx validation or auth:
 * the kinds that can be retried say so in `retryable` (docs/errors.md), the others have none.
 */
const isRetryable = (error: RestoreJobsError): boolean =>
  (error as { retryable?: boolean }).retryable === true;

/**
 * A correction that makes the same request worth sending again at once, each once a call. A skew
 * is judged against the time the refused request was signed with (`signedAt`), not against the
 * client's clock now: when concurrent calls were signed before the first correction, each of them
 * was still signed off the service's clock, and each is signed again.
 */
function correctionFor(
  { options, clock }: CallContext,
  failure: RestoreJobsError,
  done: Set<string>,
  credentials: AwsCredentials | undefined,
  signedAt: Date | undefined,
): "skew" | "token" | undefined {
  if (!(failure instanceof RestoreJobsApiError)) return undefined;
  const serverTime = failure.serverDate?.getTime();
  if (!done.has("skew") && skewCodes.has(failure.code) && serverTime !== undefined && signedAt) {
    if (Math.abs(serverTime - signedAt.getTime()) > maxSkewMs) {
      clock.offsetMs = serverTime - Date.now(); // later calls of the client keep it
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

/**
 * The error as the caller gets it: its message and stack redacted of every secret the call knows
 * (in every form) and every named one, and its `cause` (a caller's fetch's error, a provider's)
 * replaced by a redacted copy, so a secret quoted there reaches no log.
 */
function scrubbed(error: RestoreJobsError, secrets: Set<string | undefined>): RestoreJobsError {
  error.message = redactSecrets(error.message, secrets);
  error.stack = redactSecrets(error.stack ?? "", secrets);
  if (error.cause !== undefined) error.cause = redactedCause(error.cause, secrets);
  return error;
}

/** A retryable failure the retry quota stopped, saying so in its message and `retryQuotaExhausted`. */
function quotaSpent(error: RestoreJobsError): RestoreJobsError {
  const said = `${error.message} (not retried: the client's retry quota is spent)`;
  error.stack = (error.stack ?? "").replace(error.message, said);
  error.message = said;
  error.retryQuotaExhausted = true;
  return error;
}

/**
 * One call after validation: attempts with one prepared request (one idempotency token),
 * corrections (clock skew, expired token), retries with backoff under the shared quota when the
 * operation is idempotent, and the caller's abort and the deadline, which end it at once.
 */
export async function runCall<Output>(
  context: CallContext,
  operation: Operation<unknown, Output>,
  request: PreparedRequest,
  callerSignal: AbortSignal | undefined,
): Promise<Output> {
  const { options, attempt, quota } = context;
  const method = operation.method;
  const url = `${context.baseUrl}${request.path}`;
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
  let retriesLeft = operation.idempotent ? options.maxAttempts - 1 : 0;
  let lastRetryCost: number | undefined;
  /** Requests sent: what `attempts` of an error says (a provider failing sends none). */
  let sent = 0;
  /** What no error may hold: the client's recent credentials, every attempt's signature. */
  const secrets = new Set<string | undefined>(context.recentSecrets);
  for (;;) {
    let failure: RestoreJobsError;
    let credentials: AwsCredentials | undefined;
    let signedAt: Date | undefined;
    try {
      // A provider that hangs (an unreachable metadata endpoint) must not outlive an abort or
      // the deadline; the attempt's own timeout is for the service, not for a slow SSO login.
      credentials = await untilAborted(options.credentials.get(), callSignal);
      for (const secret of [credentials.secretAccessKey, credentials.sessionToken]) {
        secrets.add(secret);
        context.recentSecrets.add(secret);
      }
      // The last few credentials' secrets are enough: a provider quotes those it gave last.
      for (const old of context.recentSecrets)
        if (context.recentSecrets.size > 8) context.recentSecrets.delete(old);
      sent++;
      signedAt = context.clock.now();
      const output = await attempt(operation, request, credentials, signedAt, callSignal, secrets);
      quota.release(lastRetryCost);
      return output;
    } catch (error) {
      // The attempt and the credentials source throw RestoreJobsErrors only; an abort or the
      // deadline rejects with the signal's reason, which `stopped` names.
      failure = scrubbed(stopped() ?? (error as RestoreJobsError), secrets);
    }
    failure.attempts = sent;
    const correction = correctionFor(context, failure, corrections, credentials, signedAt);
    if (correction) {
      // Signed again with the corrected clock or fresh credentials: not a fault, so it takes
      // neither a retry nor quota, and happens at most once a call.
      corrections.add(correction);
      continue;
    }
    if (sent > 0 && request.idempotencyToken !== undefined)
      failure.idempotencyToken = request.idempotencyToken;
    const cost =
      failure instanceof RestoreJobsTimeoutError ? RetryQuota.timeoutRetryCost : RetryQuota.retryCost;
    if (!isRetryable(failure) || retriesLeft === 0) throw failure;
    if (!quota.acquire(cost)) throw quotaSpent(failure);
    retriesLeft--;
    lastRetryCost = cost;
    const retry = options.maxAttempts - 1 - retriesLeft;
    const delay = backoffDelay(retry, options.retryDelay.baseMs, options.retryDelay.maxMs);
    try {
      await sleep(delay, callSignal);
    } catch {
      const end = stopped() ?? failure;
      end.attempts = sent;
      if (failure.idempotencyToken !== undefined) end.idempotencyToken = failure.idempotencyToken;
      throw scrubbed(end, secrets);
    }
  }
}
