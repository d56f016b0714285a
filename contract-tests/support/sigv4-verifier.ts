import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";

export interface VerifierCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Verifies a SigV4 Authorization header independently of src/sign.ts (which uses aws4): it signs
 * the same request again with the AWS SDK's own signer, with the headers the client said it
 * signed and the client's X-Amz-Date, and compares the signatures.
 */
export async function verifySigV4(
  request: {
    method: string;
    path: string;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  },
  credentials: VerifierCredentials,
  region: string,
): Promise<boolean> {
  const authorization = String(request.headers.authorization ?? "");
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (!match) return false;
  const [, accessKeyId, , signedRegion, service, signedHeaders, signature] = match;
  if (accessKeyId !== credentials.accessKeyId || signedRegion !== region || service !== "backup")
    return false;
  const amzDate = String(request.headers["x-amz-date"] ?? "");
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!date) return false;
  const headers: Record<string, string> = {};
  for (const name of (signedHeaders ?? "").split(";")) headers[name] = String(request.headers[name] ?? "");
  const signer = new SignatureV4({
    credentials,
    region,
    service: "backup",
    sha256: Sha256,
    applyChecksum: false,
  });
  const [host, port] = (headers.host ?? "").split(":");
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname: host ?? "",
      ...(port ? { port: Number(port) } : {}),
      path: request.path,
      query: {},
      headers,
      body: request.body,
    },
    { signingDate: new Date(`${date[1]}-${date[2]}-${date[3]}T${date[4]}:${date[5]}:${date[6]}Z`) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ""))?.[1];
  return expected === signature;
}
