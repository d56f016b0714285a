/**
 * The hand signer of the SigV4 breaches (src/verify/sigv4-breaches.ts) against the AWS SDK's
 * verifier the tests trust (test-support/sigv4-verify.ts): signing by the rules, it verifies;
 * each breach is a correct HMAC that only a verifier lenient on that one rule accepts.
 */
import { describe, expect, it } from "vitest";
import { type Leniency, sigv4Rejection } from "../../../../test-support/sigv4-verify.js";
import { type HandSigning, signByHand } from "../../src/verify/sigv4-breaches.js";
import { testCredentials, testRegion } from "./support/run-job.js";

const body = JSON.stringify({
  RecoveryPointArn: "arn:aws:backup:eu-west-3:123456789012:recovery-point:x",
  Metadata: {},
});
const url = new URL("http://127.0.0.1:4010/restore-jobs");

async function verdict(signing: Partial<HandSigning>, lenient: Leniency = {}) {
  const headers = signByHand({
    method: "PUT",
    url,
    headers: { "content-type": "application/json" },
    body,
    credentials: testCredentials,
    region: testRegion,
    service: "backup",
    date: new Date(),
    ...signing,
  });
  return sigv4Rejection(
    { method: "PUT", target: url.pathname, headers: { ...headers, host: url.host }, body },
    testCredentials,
    testRegion,
    lenient,
  );
}

describe("SigV4 signed by hand", () => {
  it("verifies when it keeps every rule", async () => {
    expect(await verdict({})).toBeUndefined();
  });

  it.each([
    ["host left out of SignedHeaders", { hostUnsigned: true }, { hostOptional: true }],
    ["UNSIGNED-PAYLOAD", { unsignedPayload: true }, { unsignedPayload: true }],
  ] as [string, Partial<HandSigning>, Leniency][])(
    "%s: refused by the verifier, accepted only by one lenient on that rule",
    async (_, breach, lenient) => {
      expect(await verdict(breach)).toBe("signature");
      expect(await verdict(breach, lenient)).toBeUndefined();
    },
  );

  it("a scope dated the day before X-Amz-Date is refused", async () => {
    expect(await verdict({ scopeDate: new Date(Date.now() - 86_400_000) })).toBe("signature");
  });
});
