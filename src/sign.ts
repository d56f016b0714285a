import aws4 from "aws4";
import type { AwsCredentials } from "./credentials-types.js";

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
