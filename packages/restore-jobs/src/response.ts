import { RestoreJobsApiError, RestoreJobsProtocolError, redactSecrets } from "./errors.js";

export interface StartRestoreJobOutput {
  /** The restore job's id: `data.id` of the documented envelope, `RestoreJobId` on the AWS wire. */
  id: string;
  /** `data.created_at` of the documented envelope; the AWS wire does not send it. */
  createdAt: Date | undefined;
}

/** What the interpretation reads of headers: a Fetch `Headers` or the transport's lookup. */
export interface HeaderLookup {
  get(name: string): string | null;
}

export interface AnswerContext {
  method: string;
  url: string;
  /** Values that must not appear in an error even if the server echoes them. */
  secrets: readonly (string | undefined)[];
}

/** AWS error codes that mean "slow down" (aws-wire-format.md; the AWS SDK's THROTTLING_ERROR_CODES). */
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

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const nonEmptyString = (value: unknown): value is string => typeof value === "string" && value !== "";

/** A member by name in any letter case (`code`, `Code`); restJson1 servers differ. */
function memberAnyCase(body: Json, name: string): unknown {
  if (name in body) return body[name];
  const key = Object.keys(body).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : body[key];
}

function errorCode(headers: HeaderLookup, body: Json | undefined): string | undefined {
  const header = headers.get("x-amzn-errortype");
  if (header) return cleanErrorCode(header);
  if (!body) return undefined;
  const envelope = isObject(body.error) ? body.error.code : undefined;
  for (const candidate of [envelope, memberAnyCase(body, "code"), body.__type]) {
    if (nonEmptyString(candidate)) return cleanErrorCode(candidate);
  }
  return undefined;
}

function errorMessage(body: Json | undefined): string {
  if (!body) return "";
  const envelope = isObject(body.error) ? body.error.message : undefined;
  const message = [envelope, body.message, body.Message].find(nonEmptyString);
  return message ?? "";
}

function parseJson(text: string | undefined): Json | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function parseDate(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Turns an answer into the job's id, or throws `RestoreJobsApiError` (the service said no, in
 * either format) or `RestoreJobsProtocolError` (neither format).
 */
export function interpretAnswer(
  status: number,
  headers: HeaderLookup,
  text: string,
  context: AnswerContext,
): StartRestoreJobOutput {
  const body = parseJson(text);
  const rawRequestId = headers.get("x-amzn-requestid") ?? headers.get("x-amz-request-id");
  const requestId = rawRequestId === null ? undefined : redactSecrets(rawRequestId, context.secrets);
  const base = { status, method: context.method, url: context.url, requestId };
  if (status >= 200 && status < 300 && body) {
    const data = isObject(body.data) ? body.data : undefined;
    if (body.success === true && data && nonEmptyString(data.id)) {
      return { id: data.id, createdAt: parseDate(data.created_at) };
    }
    if (nonEmptyString(body.RestoreJobId)) return { id: body.RestoreJobId, createdAt: undefined };
  }
  const code = status >= 300 || body?.success === false ? errorCode(headers, body) : undefined;
  if (code !== undefined) {
    throw new RestoreJobsApiError({
      ...base,
      code: redactSecrets(code, context.secrets),
      serviceMessage: redactSecrets(errorMessage(body), context.secrets),
      retryable: isRetryableAnswer(status, code),
    });
  }
  const reason =
    status >= 200 && status < 300
      ? text === ""
        ? "an empty success answer"
        : body
          ? "a success answer without a restore job id (data.id or RestoreJobId)"
          : "a success answer whose body is not a JSON object"
      : `an error answer in neither the documented envelope nor the AWS error format`;
  throw new RestoreJobsProtocolError({
    ...base,
    reason,
    // Redact before cutting, so no prefix of a secret survives the cut.
    excerpt: redactSecrets(text, context.secrets).slice(0, 200),
    retryable: isRetryableAnswer(status, undefined),
  });
}
