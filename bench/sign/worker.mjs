/**
 * Bench part 4: signing operations per second, in one fresh process: `node bench/sign/worker.mjs
 * <opsPerRound> <rounds>`. Our `signRequest` (the built package) against `SignatureV4.sign` of
 * `@smithy/signature-v4` with `Sha256` of `@aws-crypto/sha256-js`, and, when it resolves, with
 * the `Sha256` the SDK itself uses on Node (`@smithy/core/checksum`, over node:crypto); the same
 * StartRestoreJob request (the bench body, content-type and host), the same credentials, the same
 * loop length, signers taking turns each round in a rotated order, all warmed up first. Before timing, each signer
 * signs the request at one fixed time and all must give the same Authorization header: proof
 * that they do the same work. (The SDK's client also signs `x-amz-content-sha256` and its own
 * headers; here smithy signs the request it is given, `applyChecksum: false`, as ours does.)
 * Every signature is kept in a running checksum that is printed, so no call can be skipped.
 * Prints `{"<signer>": [opsPerSecond per round], ...}`.
 */
import { Sha256 as Sha256Js } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { signRequest } from "restore-jobs";
import { credentials, json, region } from "../payload.mjs";

const ops = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 5);
const url = new URL("http://127.0.0.1:4010/restore-jobs");
const headers = { "content-type": "application/json" };

function smithySigner(sha256) {
  const signer = new SignatureV4({ credentials, region, service: "backup", sha256, applyChecksum: false });
  return (signingDate = new Date()) =>
    signer
      .sign(
        {
          method: "PUT",
          protocol: "http:",
          hostname: url.hostname,
          port: Number(url.port),
          path: url.pathname,
          query: {},
          headers: { ...headers, host: url.host },
          body: json,
        },
        { signingDate },
      )
      .then((signed) => signed.headers.authorization);
}

const signers = {
  // The public signRequest, its argument checks included: what a user of signing calls.
  ours: (date = new Date()) =>
    signRequest({ method: "PUT", url, headers, body: json }, { credentials, region, service: "backup", date })
      .authorization,
  "smithy + sha256-js": smithySigner(Sha256Js),
};
try {
  const { Sha256 } = await import("@smithy/core/checksum");
  signers["smithy + SDK's node Sha256"] = smithySigner(Sha256);
} catch {
  // not resolvable in this install: the two required signers only
}

let sink = 0;
async function round(sign, n) {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    // Ours is synchronous, smithy's is a promise: each is called as its users call it.
    let signed = sign();
    if (signed instanceof Promise) signed = await signed;
    sink = (sink + signed.charCodeAt(signed.length - 1)) | 0;
  }
  return n / ((performance.now() - start) / 1000);
}

// Same request, same credentials, same time: every signer must give the same signature.
const at = new Date("2026-01-02T03:04:05Z");
const signatures = {};
for (const [name, sign] of Object.entries(signers)) signatures[name] = await sign(at);
if (!/Signature=[0-9a-f]{64}$/.test(signatures.ours) || new Set(Object.values(signatures)).size !== 1) {
  throw new Error(`the signers disagree on the same request: ${JSON.stringify(signatures)}`);
}

const result = Object.fromEntries(Object.keys(signers).map((name) => [name, []]));
for (const sign of Object.values(signers)) await round(sign, ops);
const entries = Object.entries(signers);
for (let r = 0; r < rounds; r++) {
  // A rotated order each round: no signer always runs first or after the same other.
  for (let i = 0; i < entries.length; i++) {
    const [name, sign] = entries[(r + i) % entries.length];
    result[name].push(await round(sign, ops));
  }
}
console.error(`checksum of the signatures: ${sink}`);
console.log(JSON.stringify(result));
