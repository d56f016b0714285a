/**
 * Every error the client throws is a `RestoreJobsError`, with one small subclass per kind, each
 * with a fixed `name`. No error holds a request's headers: the secret key, the session token and
 * the signature never reach a message, a stack, `JSON.stringify` or `util.inspect`. Text that
 * comes from a server is scrubbed of them too (redact.ts), in case a server echoes them.
 * The catalogue with examples: docs/errors.md.
 */
import type { RestoreJobDescription } from "./operations/restore-job-shapes.js";

/** One problem with an input (or options): where (a JSON pointer into it) and what. */
export interface ValidationIssue {
  pointer: string;
  message: string;
}

export class RestoreJobsError extends Error {
  override name: string = "RestoreJobsError";
  /** How many HTTP attempts were made before this error (0 when nothing was sent). */
  attempts = 0;
  /**
   * The idempotency token the call's requests carried, once one was sent (operations that have
   * one: StartRestoreJob). After an ambiguous failure (a connection lost after the service may
   * have started the job, a timeout, an unreadable answer) call again with this token: the
   * service answers with the job already started instead of starting a second.
   */
  declare idempotencyToken?: string;
  /** True when a retry was due but the client's retry quota could not pay for it. */
  declare retryQuotaExhausted?: boolean;
}

function describeIssues(what: string, issues: readonly ValidationIssue[]): string {
  const lines = issues.map((issue) => `  ${issue.pointer || "(the input)"}: ${issue.message}`);
  return `Invalid ${what} (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${lines.join("\n")}`;
}

/** The input breaks the request schema or a documented rule. Nothing was sent. */
export class RestoreJobsValidationError extends RestoreJobsError {
  override readonly name = "RestoreJobsValidationError" as const;
  readonly issues: readonly ValidationIssue[];
  /** `what`: what was invalid, for the message (StartRestoreJob's input unless said). */
  constructor(issues: readonly ValidationIssue[], what = "StartRestoreJob input") {
    super(describeIssues(what, issues));
    this.issues = issues;
  }
}

/** The client's options are wrong, or no credentials or region could be found. Nothing was sent. */
export class RestoreJobsConfigError extends RestoreJobsError {
  override readonly name = "RestoreJobsConfigError" as const;
  /** `pointer` names the option: `/region`, `/credentials/accessKeyId`, ... */
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[]) {
    super(describeIssues("restore-jobs client options", issues));
    this.issues = issues;
  }
}

/** The credentials provider failed or returned something that is not credentials. */
export class RestoreJobsCredentialsError extends RestoreJobsError {
  override readonly name = "RestoreJobsCredentialsError" as const;
}

interface HttpErrorDetails {
  status: number;
  method: string;
  url: string;
  requestId: string | undefined;
  retryable: boolean;
  /** The answer's `Date` header, when it had a valid one. */
  serverDate?: Date | undefined;
}

/** An answer that is not a restore job: what both kinds of answer errors hold. */
export class RestoreJobsHttpError extends RestoreJobsError {
  readonly status: number;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  /** The service's clock when it answered (its `Date` header): what a clock-skew correction needs. */
  readonly serverDate: Date | undefined;
  constructor(message: string, details: HttpErrorDetails) {
    super(message);
    this.status = details.status;
    this.requestId = details.requestId;
    this.retryable = details.retryable;
    this.serverDate = details.serverDate;
  }
}

/** The service answered with an error: the documented envelope or an AWS wire error. */
export class RestoreJobsApiError extends RestoreJobsHttpError {
  override readonly name = "RestoreJobsApiError" as const;
  /** The service's error code: `VALIDATION_ERROR`, `ThrottlingException`, ... */
  readonly code: string;
  /** The service's own message (the `message` property holds a summary with status and URL). */
  readonly serviceMessage: string;
  constructor(details: HttpErrorDetails & { code: string; serviceMessage: string }) {
    super(
      `Request failed with status ${details.status} (${details.code}): ${details.method} ${details.url}` +
        (details.serviceMessage ? `: ${details.serviceMessage}` : ""),
      details,
    );
    this.code = details.code;
    this.serviceMessage = details.serviceMessage;
  }
}

/** The service answered with something that is neither documented format (or too much of it). */
export class RestoreJobsProtocolError extends RestoreJobsHttpError {
  override readonly name = "RestoreJobsProtocolError" as const;
  /** The first characters of the body, for a human to look at. */
  readonly excerpt: string;
  constructor(details: HttpErrorDetails & { reason: string; excerpt: string }) {
    super(
      `Unexpected answer with status ${details.status}: ${details.method} ${details.url}: ${details.reason}` +
        (details.excerpt ? ` (body starts: ${JSON.stringify(details.excerpt)})` : ""),
      details,
    );
    this.excerpt = details.excerpt;
  }
}

/** The request could not be sent or its answer not received: refused, reset, DNS, TLS. */
export class RestoreJobsNetworkError extends RestoreJobsError {
  override readonly name = "RestoreJobsNetworkError" as const;
  readonly retryable = true;
  constructor(method: string, url: string, cause: unknown) {
    super(`Network error: ${method} ${url}: ${describeCause(cause)}`, { cause });
  }
}

/**
 * An attempt took longer than `timeoutMs`, the whole call longer than `deadlineMs`, or a
 * `waitForRestoreJob` longer than its `deadlineMs` (then `lastStatus` is the last status seen).
 */
export class RestoreJobsTimeoutError extends RestoreJobsError {
  override readonly name = "RestoreJobsTimeoutError" as const;
  /** An attempt's timeout is retried; the call's deadline is not. */
  readonly retryable: boolean;
  readonly timeoutMs: number;
  /**
   * A wait's last status of the job (`none seen` when no poll answered); absent otherwise. Set by
   * the waiter, not here, so a program that never waits does not bundle it.
   */
  readonly lastStatus?: string;
  /** `what`: "attempt", "deadline", or the words for another deadline (the waiter's, with the status). */
  constructor(method: string, url: string, timeoutMs: number, what = "attempt") {
    super(
      `Timed out after ${timeoutMs} ms (${what === "attempt" ? "one attempt" : what === "deadline" ? "the call's deadline" : what}): ${method} ${url}`,
    );
    this.timeoutMs = timeoutMs;
    this.retryable = what === "attempt";
  }
}

/**
 * `waitForRestoreJob` saw the restore job end FAILED or ABORTED. Not an HTTP error: the service
 * answered; the job did not succeed. `job` is its last description, `statusMessage` why.
 */
export class RestoreJobFailedError extends RestoreJobsError {
  override readonly name = "RestoreJobFailedError" as const;
  readonly status: "FAILED" | "ABORTED";
  readonly statusMessage: string | undefined;
  readonly job: RestoreJobDescription;
  constructor(job: RestoreJobDescription & { Status: "FAILED" | "ABORTED" }) {
    super(
      `Restore job ${job.RestoreJobId ?? "(no id)"} ended ${job.Status}` +
        (job.StatusMessage ? `: ${job.StatusMessage}` : ""),
    );
    this.status = job.Status;
    this.statusMessage = job.StatusMessage;
    this.job = job;
  }
}

/** The caller's AbortSignal ended the call. */
export class RestoreJobsAbortError extends RestoreJobsError {
  override readonly name = "RestoreJobsAbortError" as const;
  constructor(method: string, url: string, reason: unknown) {
    super(
      `Aborted by the caller: ${method} ${url}${reason === undefined ? "" : `: ${describeCause(reason)}`}`,
    );
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  // undici wraps the socket error: "fetch failed" with cause ECONNREFUSED / "other side closed".
  const inner = cause.cause instanceof Error ? cause.cause : undefined;
  const code = inner && "code" in inner ? ` (${String(inner.code)})` : "";
  return inner ? `${cause.message}: ${inner.message}${code}` : cause.message;
}
