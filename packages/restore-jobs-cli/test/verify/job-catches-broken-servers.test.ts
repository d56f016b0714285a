/**
 * The broken-server zoo, single answers: each server breaks one rule of an answer, and the job
 * must name exactly the checks that rule belongs to (a conforming server: none). The lenient
 * parsers and the lax SigV4 and idempotency stores are tried beside this file.
 */
import { afterEach, describe, expect, it } from "vitest";
import { seed, stopRuns, verifyAgainst } from "./support/broken-server-runs.js";
import type { Breakage } from "./support/contract-server.js";

afterEach(stopRuns);

describe("restore-jobs verify against loopback servers", () => {
  it("passes a conforming server (SigV4 verified for real) with no finding", async () => {
    const { exitCode, failedChecks, stdout, stderr } = await verifyAgainst();
    expect(failedChecks, stderr).toEqual([]);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/auth_enforced\s+\d+\s+\d+\s+pass/);
    expect(stdout).toContain("the target keeps the contract");
  });

  // Each broken server breaks one rule; the job must name exactly the checks that rule belongs to.
  const cases: [Breakage, string, string[]][] = [
    ["accepts_missing_metadata", "accepts a body without Metadata", ["negative_data_rejected"]],
    ["rejects_valid_resource_type", 'rejects ResourceType "Storage Gateway"', ["positive_data_accepted"]],
    [
      "success_without_success",
      "answers a success envelope without `success`",
      ["response_schema_conformance"],
    ],
    [
      "created_at_not_date_time",
      "answers a created_at that is not a date-time",
      ["response_schema_conformance"],
    ],
    ...(["created_at_with_space", "created_at_offset_without_colon", "created_at_short_offset"] as const).map(
      (breakage): [Breakage, string, string[]] => [
        breakage,
        "answers a created_at ajv-formats takes but RFC 3339 does not",
        ["response_schema_conformance"],
      ],
    ),
    // 201 accepts the request, with a status the spec does not declare: one fault, named once.
    ["answers_201", "answers 201", ["status_code_conformance"]],
    ["answers_text_plain", "answers text/plain", ["content_type_conformance"]],
    ["error_without_message", "answers an error envelope without `message`", ["response_schema_conformance"]],
    ["crashes_on_unicode_metadata", "crashes on Unicode metadata", ["not_a_server_error"]],
    ["ignores_signature", "ignores the signature", ["auth_enforced"]],
    ["new_id_for_repeated_token", "gives a new id for a repeated token", ["idempotency"]],
  ];
  it.each(cases)("exits 1 naming the check when the server %s (%s)", async (breakage, _what, expected) => {
    const { exitCode, failedChecks, stderr, results } = await verifyAgainst(breakage);
    expect(failedChecks, stderr).toEqual(expected);
    expect(exitCode).toBe(1);
    for (const check of expected) {
      const finding = results.results.find((r) => r.check === check)?.finding;
      expect(finding?.seed).toBe(Number(seed));
      expect(finding?.path).toMatch(/^\d+(:\d+)*$/);
      expect(stderr).toContain(`--checks ${check} --seed ${seed} --path ${finding?.path}`);
    }
  });
});
