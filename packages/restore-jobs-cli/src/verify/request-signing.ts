import type { AwsCredentials } from "restore-jobs";
import { signRequest } from "restore-jobs";
import { signByHand } from "./sigv4-breaches.js";
import type { RequestCase, SentRequest } from "./types.js";

/** Used against the embedded mock when the environment has no credentials (it only checks the header is there). */
export const dummyCredentials: AwsCredentials = {
  accessKeyId: "AKIDVERIFYDUMMY00000",
  secretAccessKey: "verify-dummy-secret-key-not-a-real-one",
};

export function regionFromEnv(env: NodeJS.ProcessEnv): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
}

export type RequestBuilder = (requestCase: RequestCase) => SentRequest;

/** The URL of the operation at `path` on `base` (the base's own path kept: a gateway's stage). */
export function operationUrl(base: URL, path: string): URL {
  return new URL(path.replace(/^\//, ""), base.href.endsWith("/") ? base : new URL(`${base.href}/`));
}

/**
 * Builds the request of a case (the contract's method and path, PUT /restore-jobs by default),
 * signed as the case says.
 * @param signedFor the server that checks the signature when it is not `target`: Prism's proxy
 *   forwards with the upstream's Host, so the request is signed for the upstream.
 * @param extraHeaders `--header`s, sent with every case and signed like the rest.
 */
export function requestBuilder(
  target: URL,
  credentials: AwsCredentials,
  region: string,
  signedFor: URL = target,
  extraHeaders: Record<string, string> = {},
  place: { method: string; path: string } = { method: "PUT", path: "/restore-jobs" },
): RequestBuilder {
  const endpoint = (base: URL) => operationUrl(base, place.path);
  const { method } = place;
  const url = endpoint(target);
  const signingUrl = endpoint(signedFor);
  const otherRegion = region === "us-east-1" ? "us-west-2" : "us-east-1";
  const { sessionToken: _token, ...withoutToken } = credentials;
  return (requestCase) => {
    const headers = { ...extraHeaders, "content-type": "application/json" };
    const auth = requestCase.auth;
    const base = {
      method,
      // The query goes on the URL sent, not on the one signed.
      url: auth === "query_unsigned" ? `${url.href}?${unsignedQuery}` : url.href,
      body: requestCase.body,
      ...(requestCase.connection && { connection: requestCase.connection }),
    };
    if (auth === "unsigned") return { ...base, headers };
    if (auth === "bearer_token" || auth === "basic_auth")
      return { ...base, headers: { ...headers, authorization: notSigv4[auth] } };
    const now = Date.now();
    if (auth === "host_unsigned" || auth === "unsigned_payload" || auth === "scope_date_mismatch") {
      const signed = signByHand({
        method,
        url: signingUrl,
        headers,
        body: requestCase.body,
        credentials,
        region,
        service: "backup",
        date: new Date(now),
        ...(auth === "scope_date_mismatch" && { scopeDate: new Date(now - 24 * 60 * 60_000) }),
        hostUnsigned: auth === "host_unsigned",
        unsignedPayload: auth === "unsigned_payload",
      });
      return { ...base, headers: signed };
    }
    // Each other SigV4 breach signs correctly but for what the target must refuse.
    const skew = auth === "stale_date" ? -windowBreachMs : auth === "future_date" ? windowBreachMs : 0;
    const signed = signRequest(
      { method, url: signingUrl, headers, body: requestCase.body },
      {
        credentials: auth === "token_missing" ? withoutToken : credentials,
        region: auth === "other_region" ? otherRegion : region,
        service: auth === "other_service" ? "s3" : "backup",
        ...(skew !== 0 && { date: new Date(now + skew) }),
      },
    );
    if (requestCase.auth === "bad_signature")
      signed.authorization = tamperSignature(signed.authorization ?? "");
    return { ...base, headers: signed };
  };
}

/**
 * How far off X-Amz-Date is for `stale_date` and `future_date`: 20 minutes, outside the
 * 15-minute window with room for the clocks of the job and the target to differ by a few.
 */
export const windowBreachMs = 20 * 60_000;

/** The query string `query_unsigned` adds to the URL after signing. */
export const unsignedQuery = "verify-unsigned=1";

/** Authorization headers that are not SigV4 at all (no secret in them). */
const notSigv4 = {
  bearer_token: "Bearer restore-jobs-verify-not-a-sigv4-token",
  basic_auth: `Basic ${Buffer.from("restore-jobs-verify:not-sigv4").toString("base64")}`,
} as const;

/** The same Authorization header with the signature's last hex digit changed: well-formed, but wrong. */
export function tamperSignature(authorization: string): string {
  return authorization.replace(/([0-9a-f])$/, (digit) => (digit === "0" ? "1" : "0"));
}
