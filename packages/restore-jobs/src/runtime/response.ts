/**
 * An answer, either wire format, into an operation's output or a typed error, for every operation:
 * a success is the operation's to read (its `read`); an error is read here once, the documented
 * envelope and the AWS wire alike.
 */
import { RestoreJobsApiError, RestoreJobsProtocolError } from "../errors.js";
import { isObject, type JsonObject, parseJsonObject } from "../json.js";
import { NotTheOutput, type Operation } from "../operations/operation.js";
import { redactSecrets } from "../redact.js";
import type { HeaderLookup } from "../transport/bounded-fetch.js";

export interface AnswerContext<Output> {
  method: string;
  url: string;
  /** How the operation reads its success answer. */
  read: Operation<unknown, Output>["read"];
  /** Values that must not appear in an error even if the server echoes them. */
  secrets: readonly (string | undefined)[];
}

/**
 * AWS error codes that mean "slow down": THROTTLING_ERROR_CODES of the AWS SDK for JavaScript v3
 * (Smithy's retry classification, `@smithy/core` `submodules/retry`); docs/errors.md lists them.
 */
export const throttlingCodes = new Set([
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
  "Throttling",
  "ThrottledException",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "BandwidthLimitExceeded",
  "PriorRequestNotComplete",
  "EC2ThrottledException",
  "TransactionInProgressException",
]);

/** Whether an answer with this status and code may be retried with the same idempotency token. */
export function isRetryableAnswer(status: number, code: string | undefined): boolean {
  return status === 429 || status >= 500 || (code !== undefined && throttlingCodes.has(code));
}

/**
 * The AWS restJson1 error name, cleaned: what stands before the first `,` and the first `:`, and
 * after a `#` (`aws.protocoltests#FooError:http://internal.amazon.com/` is `FooError`).
 * https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization
 */
export function cleanErrorCode(raw: string): string {
  const head = raw.split(",")[0]?.split(":")[0]?.trim() ?? "";
  return head.includes("#") ? head.slice(head.indexOf("#") + 1) : head;
}

const nonEmptyString = (value: unknown): value is string => typeof value === "string" && value !== "";

/** A member by name in any letter case (`code`, `Code`); restJson1 servers differ. */
function memberAnyCase(body: JsonObject, name: string): unknown {
  if (name in body) return body[name];
  const key = Object.keys(body).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : body[key];
}

function errorCode(headers: HeaderLookup, body: JsonObject | undefined): string | undefined {
  const header = headers.get("x-amzn-errortype");
  if (header) return cleanErrorCode(header);
  if (!body) return undefined;
  const envelope = isObject(body.error) ? body.error.code : undefined;
  for (const candidate of [envelope, memberAnyCase(body, "code"), body.__type]) {
    if (nonEmptyString(candidate)) return cleanErrorCode(candidate);
  }
  return undefined;
}

function errorMessage(body: JsonObject | undefined): string {
  if (!body) return "";
  const envelope = isObject(body.error) ? body.error.message : undefined;
  const message = [envelope, body.message, body.Message].find(nonEmptyString);
  return message ?? "";
}

/**
 * Text a server wrote, as an error may carry it: secrets redacted, then control characters (ANSI
 * escapes, CR/LF that would forge log lines, bidi overrides that reorder what a terminal shows)
 * each made a U+FFFD, and at most `max` characters, the cut said. Redacted before cut, so no
 * prefix of a secret survives the cut.
 */
export function serverText(text: string, secrets: readonly (string | undefined)[], max: number): string {
  const clean = redactSecrets(text, secrets).replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, "\ufffd");
  return clean.length <= max ? clean : `${clean.slice(0, max)}… (${clean.length - max} more characters)`;
}

/** An IMF-fixdate, RFC 9110's HTTP-date as every server writes it: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const imfFixdate = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
/** No server answering this client has a clock before 2025 (the year this client was written). */
const earliestPlausibleMs = Date.UTC(2025, 0, 1);

/**
 * The answer's `Date` header when it is a plausible clock reading: an IMF-fixdate, not before
 * 2025. `Date.parse` reads `"0"` as the year 2000 and many other strings as some date; a clock-skew
 * correction from those would sign every later call wrongly.
 */
function plausibleDate(header: string | null): Date | undefined {
  if (header === null || !imfFixdate.test(header)) return undefined;
  const ms = Date.parse(header);
  return ms >= earliestPlausibleMs ? new Date(ms) : undefined;
}

/**
 * Turns an answer into the operation's output, or throws `RestoreJobsApiError` (the service said
 * no, in either format) or `RestoreJobsProtocolError` (neither format, or not the output).
 */
export function interpretAnswer<Output>(
  status: number,
  headers: HeaderLookup,
  text: string,
  context: AnswerContext<Output>,
): Output {
  const body = parseJsonObject(text);
  const rawRequestId = headers.get("x-amzn-requestid") ?? headers.get("x-amz-request-id");
  const requestId = rawRequestId === null ? undefined : serverText(rawRequestId, context.secrets, 200);
  const serverDate = plausibleDate(headers.get("date"));
  const base = { status, method: context.method, url: context.url, requestId, serverDate };
  let notTheOutput: string | undefined;
  if (status >= 200 && status < 300) {
    if (body?.success === false) notTheOutput = "a success status with the error envelope and no error code";
    else
      try {
        return context.read(body, text);
      } catch (error) {
        if (!(error instanceof NotTheOutput)) throw error;
        notTheOutput = error.message;
      }
  }
  const code = status >= 300 || body?.success === false ? errorCode(headers, body) : undefined;
  if (code !== undefined) {
    throw new RestoreJobsApiError({
      ...base,
      code: serverText(code, context.secrets, 200),
      serviceMessage: serverText(errorMessage(body), context.secrets, 1000),
      retryable: isRetryableAnswer(status, code),
    });
  }
  const reason =
    notTheOutput ?? "an error answer in neither the documented envelope nor the AWS error format";
  throw new RestoreJobsProtocolError({
    ...base,
    reason,
    excerpt: serverText(text, context.secrets, 200),
    retryable: isRetryableAnswer(status, undefined),
  });
}
