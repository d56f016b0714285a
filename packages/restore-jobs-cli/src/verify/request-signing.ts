import type { AwsCredentials } from "restore-jobs";
import { signRequest } from "restore-jobs";
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
    const base = {
      method,
      url: url.href,
      body: requestCase.body,
      ...(requestCase.connection && { connection: requestCase.connection }),
    };
    const auth = requestCase.auth;
    if (auth === "unsigned") return { ...base, headers };
    // Each SigV4 breach signs correctly but for what the target must refuse.
    const signed = signRequest(
      { method, url: signingUrl, headers, body: requestCase.body },
      {
        credentials: auth === "token_missing" ? withoutToken : credentials,
        region: auth === "other_region" ? otherRegion : region,
        service: auth === "other_service" ? "s3" : "backup",
        ...(auth === "stale_date" && { date: new Date(Date.now() - 60 * 60_000) }),
      },
    );
    if (requestCase.auth === "bad_signature")
      signed.authorization = tamperSignature(signed.authorization ?? "");
    return { ...base, headers: signed };
  };
}

/** The same Authorization header with the signature's last hex digit changed: well-formed, but wrong. */
export function tamperSignature(authorization: string): string {
  return authorization.replace(/([0-9a-f])$/, (digit) => (digit === "0" ? "1" : "0"));
}
