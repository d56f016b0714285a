import aws4 from "aws4";
import { RestoreJobsValidationError, type ValidationIssue } from "../errors.js";
import { isObject } from "../json.js";
import { credentialsProblems } from "./credentials.js";
import type { AwsCredentials } from "./credentials-types.js";

// us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1 ...
export const regionPattern = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/** A request as the signer sees it: the exact bytes that will be sent. */
export interface RequestToSign {
  method: string;
  url: URL;
  /** Header names in any case; each name once (join repeated values with "," beforehand). */
  headers?: Record<string, string>;
  /** The exact body bytes that will be sent: signing a re-serialized body breaks the signature. */
  body?: string | Uint8Array | undefined;
}

export interface SigningContext {
  credentials: AwsCredentials;
  region: string;
  /** The SigV4 service name; `backup` for AWS Backup. */
  service?: string;
  /** The signing time; defaults to now. */
  date?: Date;
  /** Whether the session token is signed (sent as X-Amz-Security-Token). Default true. */
  signSessionToken?: boolean;
}

let lastSecond = Number.NaN;
let lastAmzDate = "";

/** `20150830T123600Z`: the SigV4 timestamp format (ISO 8601 basic, UTC, whole seconds). */
export function amzDate(date: Date): string {
  // Formatting costs more than the rest of a signature's bookkeeping; it changes once a second.
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastAmzDate = date.toISOString().replace(/[:-]|\.\d{3}/g, "");
  }
  return lastAmzDate;
}

/**
 * Signs a request with SigV4 through aws4 and returns every header to send, names in lower case,
 * with `host`, `x-amz-date`, `x-amz-security-token` (with a session token) and `authorization`.
 *
 * aws4 is driven with `doNotModifyHeaders` so it signs exactly the headers given here and adds
 * none of its own guesses (a form Content-Type, a Content-Length the transport may not send); the
 * host keeps its port, and service and region are explicit because a custom endpoint is not
 * `*.amazonaws.com` and aws4 would otherwise guess them from the host name.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
export function signRequest(request: RequestToSign, context: SigningContext): Record<string, string> {
  const issues = signingProblems(request, context);
  if (issues.length) throw new RestoreJobsValidationError(issues, "signRequest arguments");
  return signChecked(request, context);
}

// RFC 9110 token: what an HTTP method may be.
const methodPattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** What is wrong with signRequest's arguments, by pointer; no value (a secret) is quoted. */
function signingProblems(request: unknown, context: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isObject(request))
    issues.push({ pointer: "/request", message: "must be an object {method, url, headers?, body?}" });
  else {
    if (typeof request.method !== "string" || !methodPattern.test(request.method)) {
      issues.push({ pointer: "/request/method", message: "must be an HTTP method" });
    }
    if (!(request.url instanceof URL))
      issues.push({ pointer: "/request/url", message: "must be a URL object" });
    if (
      request.headers !== undefined &&
      (!isObject(request.headers) || Object.values(request.headers).some((v) => typeof v !== "string"))
    ) {
      issues.push({ pointer: "/request/headers", message: "must be an object of string values" });
    }
    const body = request.body;
    if (body !== undefined && typeof body !== "string" && !(body instanceof Uint8Array)) {
      issues.push({ pointer: "/request/body", message: "must be a string or a Uint8Array" });
    }
  }
  if (!isObject(context))
    issues.push({ pointer: "/context", message: "must be an object {credentials, region, service?, date?}" });
  else {
    issues.push(...credentialsProblems(context.credentials, "/context/credentials"));
    if (typeof context.region !== "string" || !regionPattern.test(context.region)) {
      issues.push({ pointer: "/context/region", message: 'must be an AWS Region (like "us-east-1")' });
    }
    if (
      context.service !== undefined &&
      (typeof context.service !== "string" || !/^[a-z0-9-]+$/.test(context.service))
    ) {
      issues.push({ pointer: "/context/service", message: "must be a SigV4 service name (like backup)" });
    }
    if (
      context.date !== undefined &&
      !(context.date instanceof Date && !Number.isNaN(context.date.getTime()))
    ) {
      issues.push({ pointer: "/context/date", message: "must be a valid Date" });
    }
  }
  return issues;
}

/** signRequest without the argument checks, for callers whose arguments are checked already. */
export function signChecked(request: RequestToSign, context: SigningContext): Record<string, string> {
  const { credentials, region, service = "backup", date = new Date() } = context;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  headers.host ??= request.url.host;
  const datetime = headers["x-amz-date"] ?? amzDate(date);
  headers["x-amz-date"] = datetime;
  if (credentials.sessionToken && context.signSessionToken !== false) {
    headers["x-amz-security-token"] = credentials.sessionToken;
  }
  delete headers.authorization;
  const body = request.body;
  const signer = new aws4.RequestSigner(
    {
      method: request.method,
      host: request.url.host,
      path: `${request.url.pathname}${request.url.search}`,
      headers,
      // aws4 hashes strings and Buffers alike; a Uint8Array view is wrapped without a copy.
      ...(body === undefined
        ? {}
        : {
            body:
              typeof body === "string" ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
          }),
      service,
      region,
      doNotModifyHeaders: true,
    },
    { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
  );
  // With doNotModifyHeaders aws4 does not read X-Amz-Date; give it the same time to sign with.
  signer.datetime = datetime;
  const signed = signer.sign().headers as Record<string, string>;
  headers.authorization = signed.Authorization ?? "";
  if (credentials.sessionToken && context.signSessionToken === false) {
    headers["x-amz-security-token"] = credentials.sessionToken;
  }
  return headers;
}
