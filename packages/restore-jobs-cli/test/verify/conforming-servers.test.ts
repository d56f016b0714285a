/**
 * No false alarm: servers that keep the contract in ways the job once took for a break must pass
 * (exit 0): one that holds the client's documented rules the schema cannot, one that refuses a
 * token reused with another body, one that throttles with 429 and Retry-After, one that answers
 * only the contract's own path. A target that throttles past the job's budget stops it (exit 2),
 * and a check that judged no answer says "not judged", never "pass".
 */
import { afterEach, describe, expect, it } from "vitest";
import { stopRuns, verifyAgainst } from "./support/broken-server-runs.js";
import type { Breakage } from "./support/contract-server.js";

afterEach(stopRuns);

describe("conforming servers the job must pass", () => {
  const conforming: [Breakage, string][] = [
    ["holds_documented_rules", "refuses an EFS ItemsToRestore that is not a JSON array of one to five paths"],
    ["refuses_token_reuse", "refuses one IdempotencyToken with another body"],
    ["resets_other_paths", "resets every path but the contract's, `/` included"],
  ];
  it.each(conforming)("passes a server that %s (%s)", async (variant) => {
    const { exitCode, failedChecks, stderr } = await verifyAgainst(variant);
    expect(failedChecks, stderr).toEqual([]);
    expect(exitCode, stderr).toBe(0);
  });

  it("waits out a 429 with Retry-After, sends again, passes, and says how often it was throttled", async () => {
    const { exitCode, failedChecks, stderr, stdout } = await verifyAgainst(
      "throttles_above_20_per_second",
      "10",
      ["--workers", "4"],
    );
    expect(failedChecks, stderr).toEqual([]);
    expect(exitCode, stderr).toBe(0);
    expect(stdout).toMatch(/throttled \d+ time\(s\) \(429 with Retry-After, waited \d+\.\d s in all\)/);
  });
});

describe("what the job says when it cannot judge", () => {
  it("stops with exit 2 THROTTLED when the target throttles past the budget", async () => {
    const { exitCode, stderr } = await verifyAgainst("always_throttles", "3", [
      "--checks",
      "positive_data_accepted",
    ]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(
      /THROTTLED: the target throttles past the job's budget: one request was throttled 5 times in a row/,
    );
  });

  it("says not judged, never pass, for a check every answer of which was another check's business", async () => {
    // Every answer a 500: not_a_server_error names it; the checks that judge an answer's status,
    // type or body judged none.
    const { exitCode, results } = await verifyAgainst("always_fails", "3");
    expect(exitCode).toBe(1);
    const byCheck = Object.fromEntries(results.results.map((r) => [r.check, r.result]));
    expect(byCheck).toMatchObject({
      not_a_server_error: "fail",
      positive_data_accepted: "not_judged",
      status_code_conformance: "not_judged",
      response_schema_conformance: "not_judged",
      idempotency: "not_judged",
    });
  });
});
