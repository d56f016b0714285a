/**
 * Part 4: signing operations per second, in one fresh process: `node bench/sign/worker.mjs
 * <opsPerRound> <rounds>`. Our `signRequest` (the built package) against `SignatureV4.sign` of
 * `@smithy/signature-v4` with `Sha256` of `@aws-crypto/sha256-js`, and, when it resolves, with
 * the `Sha256` the SDK itself uses on Node (`@smithy/core/checksum`, over node:crypto); the same
 * StartRestoreJob request, the same loop length, signers taking turns each round, all warmed up
 * first. Prints `{"<signer>": [opsPerSecond per round], ...}`.
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
  const signer = new SignatureV4({ credentials, region, service: "backup", sha256 });
  return () =>
    signer.sign(
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
      { signingDate: new Date() },
    );
}

const signers = {
  ours: () =>
    signRequest({ method: "PUT", url, headers, body: json }, { credentials, region, service: "backup" }),
  "smithy + sha256-js": smithySigner(Sha256Js),
};
try {
  const { Sha256 } = await import("@smithy/core/checksum");
  signers["smithy + SDK's node Sha256"] = smithySigner(Sha256);
} catch {
  // not resolvable in this install: the two required signers only
}

async function round(sign, n) {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    // Ours is synchronous, smithy's is a promise: each is called as its users call it.
    const signed = sign();
    if (signed instanceof Promise) await signed;
  }
  return n / ((performance.now() - start) / 1000);
}

// The results must agree: same request, same time → both signatures well formed.
const ourAuth = signers.ours().authorization ?? "";
const theirs = await signers["smithy + sha256-js"]();
if (
  !/Signature=[0-9a-f]{64}$/.test(ourAuth) ||
  !/Signature=[0-9a-f]{64}$/.test(theirs.headers.authorization)
) {
  throw new Error("a signer produced no signature");
}

const result = Object.fromEntries(Object.keys(signers).map((name) => [name, []]));
for (const sign of Object.values(signers)) await round(sign, ops);
for (let r = 0; r < rounds; r++) {
  for (const [name, sign] of Object.entries(signers)) result[name].push(await round(sign, ops));
}
console.log(JSON.stringify(result));
