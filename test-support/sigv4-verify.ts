/**
 * SigV4 verification for the tests' servers, independent of aws4 (which the client signs with):
 * the AWS SDK's `@smithy/signature-v4` re-signs what was received (method, path, query, the
 * headers SignedHeaders names, the exact body bytes, the X-Amz-Date it carried) and the
 * signatures are compared in constant time, with the access key, the session token, the scope,
 * the content hash and the clock checked as AWS does.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";

export interface VerifierCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const service = "backup";
/** AWS rejects a request whose X-Amz-Date is more than 5 minutes from its clock. */
const maxClockSkewMs = 5 * 60_000;

export type Rejection = "missing" | "malformed" | "access-key" | "token" | "signature" | "expired";

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9!#$%&'*+.^_`|~;-]+), ?Signature=([0-9a-f]{64})$/;

/** A request as a server received it: header names in lower case, repeated values joined with ",". */
export interface SignedRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** Reads a request a node:http server received, body to its end, as the verifier wants it. */
export async function receivedRequest(req: IncomingMessage): Promise<SignedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return {
    method: req.method ?? "",
    target: req.url ?? "/",
    headers: joinedHeaders(req.headersDistinct),
    body: Buffer.concat(chunks),
  };
}

/** What AWS answers when a request's signature does not verify, on its live wire (restJson1). */
export function awsRejection(rejection: Rejection): {
  status: number;
  type: string;
  /** AWS names a signature failure in the body's `__type` as well as in X-Amzn-ErrorType. */
  typeInBody: boolean;
  message: string;
} {
  const message = rejectionMessages[rejection];
  return rejection === "missing"
    ? { status: 403, type: "MissingAuthenticationTokenException", typeInBody: false, message }
    : { status: 403, type: "InvalidSignatureException", typeInBody: true, message };
}

const rejectionMessages: Record<Rejection, string> = {
  missing: "Missing Authentication Token",
  malformed: "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.",
  "access-key": "The security token included in the request is invalid: unknown access key ID.",
  token: "The security token included in the request is invalid.",
  signature:
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
  expired: "Signature expired: X-Amz-Date is more than 5 minutes from the server's time.",
};

/** Node's `headersDistinct` as SignedRequest wants them: repeated values joined with ",". */
export function joinedHeaders(distinct: NodeJS.Dict<string[]>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(distinct)) if (values) headers[name] = values.join(",");
  return headers;
}

function equalInConstantTime(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `20150830T123600Z` → Date, or undefined when it is not that format. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}

function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const seen = query[key];
    query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

/**
 * What a lenient verifier lets through, for the tests' broken servers: any service or region in
 * the scope (the signature checked for the one it names), any X-Amz-Date age, no session token,
 * `host` unsigned, an unsigned payload.
 */
export interface Leniency {
  anyService?: boolean;
  anyRegion?: boolean;
  anyAge?: boolean;
  tokenOptional?: boolean;
  /** `host` need not be among the signed headers. */
  hostOptional?: boolean;
  /** `X-Amz-Content-Sha256: UNSIGNED-PAYLOAD` taken as S3 takes it: the body is not hashed. */
  unsignedPayload?: boolean;
}

/** Checks the request's SigV4 signature; undefined when it verifies. */
export async function sigv4Rejection(
  req: SignedRequest,
  credentials: VerifierCredentials,
  region = "us-east-1",
  lenient: Leniency = {},
): Promise<Rejection | undefined> {
  const authorization = req.headers.authorization;
  if (authorization === undefined) return "missing";
  const match = authorizationPattern.exec(authorization);
  if (!match) return "malformed";
  const [, accessKeyId, scopeDate, scopeRegion, scopeService, signedHeaderList, signature] = match;
  if (!equalInConstantTime(accessKeyId!, credentials.accessKeyId)) return "access-key";
  const token = req.headers["x-amz-security-token"];
  const expectedToken = credentials.sessionToken;
  if (token === undefined || expectedToken === undefined) {
    if (token !== expectedToken && !(lenient.tokenOptional && token === undefined)) return "token";
  } else if (!equalInConstantTime(token, expectedToken)) {
    return "token";
  }

  const signedNames = signedHeaderList!.split(";");
  const amzDate = req.headers["x-amz-date"];
  const signingDate = parseAmzDate(amzDate);
  if (
    !signingDate ||
    !signedNames.includes("x-amz-date") ||
    (!lenient.hostOptional && !signedNames.includes("host"))
  )
    return "signature";
  const signedRegion = lenient.anyRegion ? scopeRegion! : region;
  const signedService = lenient.anyService ? scopeService! : service;
  if (scopeDate !== amzDate!.slice(0, 8) || scopeRegion !== signedRegion || scopeService !== signedService)
    return "signature";
  const declaredHash = req.headers["x-amz-content-sha256"];
  const unsigned = lenient.unsignedPayload && declaredHash === "UNSIGNED-PAYLOAD";
  if (
    declaredHash !== undefined &&
    !unsigned &&
    declaredHash !== createHash("sha256").update(req.body).digest("hex")
  ) {
    return "signature";
  }
  // Only the headers SignedHeaders names, with the values received. (The SDK's signer sets
  // x-amz-date itself, from `signingDate`, and drops a `date` header, so a request that signs
  // `Date` is rejected here; signRequest always signs X-Amz-Date.)
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = req.headers[name];
    if (value === undefined) return "signature";
    headers[name] = value;
  }
  const queryAt = req.target.indexOf("?");
  const [host, port] = (req.headers.host ?? "").split(":");
  // The token is already among `headers` when it was signed; giving it to the signer as well
  // would add it to the signed headers of a request that sent it unsigned.
  const signer = new SignatureV4({
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
    region: signedRegion,
    service: signedService,
    sha256: Sha256,
    applyChecksum: false,
  });
  const resigned = await signer.sign(
    {
      method: req.method,
      protocol: "http:",
      hostname: host ?? "",
      ...(port ? { port: Number(port) } : {}),
      path: queryAt < 0 ? req.target : req.target.slice(0, queryAt),
      query: queryAt < 0 ? {} : parseQuery(req.target.slice(queryAt + 1)),
      headers,
      body: req.body,
    },
    { signingDate, signableHeaders: new Set(signedNames) },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(String(resigned.headers.authorization))?.[1] ?? "";
  if (!equalInConstantTime(signature!, expected)) return "signature";
  if (!lenient.anyAge && Math.abs(Date.now() - signingDate.getTime()) > maxClockSkewMs) return "expired";
  return undefined;
}
