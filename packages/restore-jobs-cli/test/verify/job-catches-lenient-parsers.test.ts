/**
 * The broken-server zoo, lenient parsers: the deterministic negative phase sends every rule, near
 * miss and broken end of JSON under each seed, so a server that lets one kind through fails
 * negative_data_rejected on every run, and one that crashes on deep nesting not_a_server_error.
 */
import { afterEach, describe, expect, it } from "vitest";
import { loadSpec } from "../../src/openapi-document.js";
import { contractOf } from "../../src/verify/contract.js";
import { failsOnEverySeed, runTrackedJob, startServer, stopRuns } from "./support/broken-server-runs.js";
import type { Breakage } from "./support/contract-server.js";

afterEach(stopRuns);

describe("the deterministic negative phase: every rule and near miss, whatever the seed", () => {
  const seeds = ["1", "20250101", "987654321"];

  it("sends every rule the schema walk finds, every near miss and every broken end of JSON, under each seed", async () => {
    const { negativeCoverage } = contractOf(await loadSpec()).bodies;
    const expected = [
      ...negativeCoverage.rules.map(({ body }) => JSON.stringify(body)),
      ...negativeCoverage.nearMisses.map(({ body }) => JSON.stringify(body)),
      ...negativeCoverage.notJson,
    ];
    expect(negativeCoverage.rules.length).toBeGreaterThan(20);
    expect(negativeCoverage.nearMisses.length).toBeGreaterThan(20);
    for (const each of seeds) {
      const server = await startServer();
      const job = await runTrackedJob([
        "--target",
        server.url.href,
        "--checks",
        "negative_data_rejected",
        "--runs",
        "1",
        "--seed",
        each,
      ]);
      expect(job.exitCode, job.stderr).toBe(0);
      const received = new Set(server.received);
      expect(expected.filter((body) => !received.has(body))).toEqual([]);
      expect(job.stdout).toContain(
        `${negativeCoverage.rules.length} rules of the request schema, ${negativeCoverage.nearMisses.length} near misses, ${negativeCoverage.notJson.length} bodies that are not JSON`,
      );
      await stopRuns();
    }
  });

  // Each lenient server lets one kind of near miss through; a few random cases would rarely draw it.
  const lenient: [Breakage, string][] = [
    ["accepts_trailing_bytes", "accepts valid JSON followed by trailing bytes"],
    ["loose_account_digits", "accepts an ARN whose account has 11 or 13 digits"],
    ["case_insensitive_enum", 'accepts ResourceType "efs" and " EFS"'],
    ["coerces_boolean_strings", 'accepts "true" for a boolean'],
    ["numbers_in_metadata", "accepts numbers as Metadata values"],
    ["accepts_empty_recovery_point", "accepts an empty RecoveryPointArn"],
    ["accepts_iam_user", "accepts an IAM user ARN where a role is asked"],
    ["case_insensitive_members", "matches member names in any case"],
    ["in_lookup_members", "takes constructor, toString, __proto__ for known members"],
    ["multiline_patterns", "matches an anchored pattern line by line"],
    ["array_as_metadata", "takes an array for Metadata"],
    ["loose_encrypted", 'takes Encrypted "TRUE" or " true" where the EFS rule asks "true"'],
    ["truthy_kms_key", "does not apply the EFS rule to an empty KmsKeyId"],
  ];
  it.each(lenient)("fails negative_data_rejected on every run when the server %s (%s)", async (breakage) => {
    await failsOnEverySeed(breakage, seeds, "negative_data_rejected");
  });
});

it("names a 500 for a value nested past a parser's depth as not_a_server_error, on every run", async () => {
  await failsOnEverySeed("crashes_on_deep_nesting", ["1", "20250101", "987654321"], "not_a_server_error");
});
