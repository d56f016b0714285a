/**
 * SigV4 signatures that break one rule of SigV4 on purpose, for `auth_enforced`: each is a correct
 * HMAC of what it says, so only a server that checks the rule refuses it. The client's
 * `signRequest` (aws4) signs what SigV4 allows only: it always signs `host`, hashes the body and
 * takes the scope's date from X-Amz-Date, by design. So the breaches that need a signer to do
 * otherwise (`host` left out of SignedHeaders, `UNSIGNED-PAYLOAD`, a scope dated another day) are
 * signed here by hand, by the algorithm of
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html (about 30 lines; no
 * library signs a request that breaks the rules it exists to keep).
 */
import { createHash, createHmac } from "node:crypto";
import type { AwsCredentials } from "restore-jobs";

export interface HandSigning {
  method: string;
  url: URL;
  /** Header names in lower case; `host` is the URL's. */
  headers: Record<string, string>;
  body: string;
  credentials: AwsCredentials;
  region: string;
  service: string;
  /** X-Amz-Date. */
  date: Date;
  /** The credential scope's date, when it is not X-Amz-Date's day. */
  scopeDate?: Date;
  /** Leave `host` out of SignedHeaders. */
  hostUnsigned?: boolean;
  /** `X-Amz-Content-Sha256: UNSIGNED-PAYLOAD`, and that literal as the payload hash. */
  unsignedPayload?: boolean;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text, "utf8").digest();

/** `20150830T123600Z`. */
export const amzDateOf = (date: Date) => date.toISOString().replace(/[:-]|\.\d{3}/g, "");

/** RFC 3986 encoding as SigV4 asks it of a query's names and values. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Every header to send, names in lower case, `authorization` signed as `signing` says. */
export function signByHand(signing: HandSigning): Record<string, string> {
  const { credentials, url } = signing;
  const amzDate = amzDateOf(signing.date);
  const scope = `${amzDateOf(signing.scopeDate ?? signing.date).slice(0, 8)}/${signing.region}/${signing.service}/aws4_request`;
  const payloadHash = signing.unsignedPayload ? "UNSIGNED-PAYLOAD" : sha256(signing.body);
  const headers: Record<string, string> = {
    ...signing.headers,
    "x-amz-date": amzDate,
    ...(credentials.sessionToken && { "x-amz-security-token": credentials.sessionToken }),
    ...(signing.unsignedPayload && { "x-amz-content-sha256": payloadHash }),
  };
  const signed: Record<string, string> = { ...headers, ...(!signing.hostUnsigned && { host: url.host }) };
  const names = Object.keys(signed).sort();
  const query = [...url.searchParams]
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .sort()
    .join("&");
  const canonical = [
    signing.method,
    url.pathname,
    query,
    ...names.map((name) => `${name}:${(signed[name] ?? "").trim().replace(/\s+/g, " ")}`),
    "",
    names.join(";"),
    payloadHash,
  ].join("\n");
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
  const [day, region, service] = scope.split("/") as [string, string, string];
  const key = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), service),
    "aws4_request",
  );
  const signature = createHmac("sha256", key).update(toSign, "utf8").digest("hex");
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`,
  };
}
