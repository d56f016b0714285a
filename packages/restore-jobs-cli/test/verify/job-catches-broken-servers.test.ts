import { afterEach, describe, expect, it } from "vitest";
import { loadSpec } from "../../src/openapi-document.js";
import { contractOf } from "../../src/verify/contract.js";
import { type Breakage, type ContractServer, startContractServer } from "./support/contract-server.js";
import { type JobRun, runJob, testCredentials, testRegion } from "./support/run-job.js";

// A fixed seed keeps these runs reproducible; 100 runs per check reach every rule of the schema.
const seed = process.env.VERIFY_TEST_SEED ?? "20250101";
const runs = "100";

let server: ContractServer | undefined;
let job: JobRun | undefined;
afterEach(async () => {
  await server?.close();
  await job?.cleanup();
  server = undefined;
  job = undefined;
});

/** A few random cases under each seed: the check must fail every time, by its fixed cases. */
async function failsOnEverySeed(breakage: Breakage, seeds: string[], check: string): Promise<void> {
  for (const each of seeds) {
    server = await startContractServer(testCredentials, testRegion, breakage);
    job = await runJob(["--target", server.url.href, "--runs", "3", "--seed", each]);
    expect(job.failedChecks, `seed ${each}: ${job.stderr}`).toEqual([check]);
    expect(job.exitCode).toBe(1);
    await server.close();
    await job.cleanup();
    server = undefined;
    job = undefined;
  }
}

async function verifyAgainst(breakage?: Breakage): Promise<JobRun> {
  server = await startContractServer(testCredentials, testRegion, breakage);
  job = await runJob(["--target", server.url.href, "--runs", runs, "--seed", seed]);
  return job;
}

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
    // 201 is both not the documented 200 and not a declared status: two checks, rightly.
    ["answers_201", "answers 201", ["positive_data_accepted", "status_code_conformance"]],
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
      server = await startContractServer(testCredentials, testRegion);
      job = await runJob([
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
      await server.close();
      await job.cleanup();
      server = undefined;
      job = undefined;
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

describe("SigV4 as a contract: a server that checks less than SigV4 promises fails auth_enforced", () => {
  it("names a 500 for a request signed for another region or service as not_a_server_error, and runs on", async () => {
    server = await startContractServer(testCredentials, testRegion, "errors_on_foreign_scope");
    job = await runJob(["--target", server.url.href, "--runs", "20", "--seed", seed]);
    expect(job.failedChecks, job.stderr).toEqual(["not_a_server_error"]);
    expect(job.exitCode).toBe(1);
  });

  const lax: [Breakage, string][] = [
    ["accepts_any_service", "accepts a signature for another service"],
    ["accepts_any_region", "accepts a signature for another region"],
    ["no_replay_window", "accepts an X-Amz-Date an hour old"],
    ["caches_authorization", "accepts a verified Authorization header again with another body"],
    ["token_optional", "accepts temporary credentials without their session token"],
    ["window_thirty_minutes", "accepts an X-Amz-Date up to 30 minutes off"],
    ["window_past_only", "accepts an X-Amz-Date in the future"],
    ["host_optional", "accepts SignedHeaders without host"],
    ["honors_unsigned_payload", "honours X-Amz-Content-Sha256: UNSIGNED-PAYLOAD"],
    ["trusts_scope_date", "takes the credential scope's date without comparing it to X-Amz-Date"],
    ["ignores_query", "leaves the query string out of the canonical request"],
    ["accepts_bearer", "lets a Bearer or Basic Authorization in"],
  ];
  it.each(lax)("fails auth_enforced on every run when the server %s (%s)", async (breakage) => {
    await failsOnEverySeed(breakage, ["1", "20250101"], "auth_enforced");
  });
});

describe("idempotency both ways", () => {
  const keyedWrongly: [Breakage, string][] = [
    ["same_id_for_every_token", "returns the same job id for different tokens"],
    ["dedups_identical_bodies", "dedups identical bodies whatever their token"],
  ];
  it.each(keyedWrongly)(
    "fails idempotency, naming both exchanges, when the server %s (%s)",
    async (breakage) => {
      server = await startContractServer(testCredentials, testRegion, breakage);
      job = await runJob(["--target", server.url.href, "--runs", "30", "--seed", seed]);
      expect(job.failedChecks, job.stderr).toEqual(["idempotency"]);
      expect(job.exitCode).toBe(1);
      const finding = job.results.results.find((r) => r.check === "idempotency")?.finding as
        | { exchanges?: unknown[]; message?: string }
        | undefined;
      expect(finding?.exchanges).toHaveLength(2);
      expect(finding?.message).toMatch(/IdempotencyTokens got the same data\.id .* \(requests 1 and 2\)/);
    },
  );
});

describe("idempotency as real stores fail", () => {
  const stores: [Breakage, string][] = [
    ["store_per_connection", "keeps a store per connection"],
    ["remembers_one_token", "remembers only the last token (a cache of one)"],
    ["forgets_after_a_second", "forgets a token after a second"],
    ["new_created_at_for_repeat", "answers a repeat with the same id but a new created_at"],
  ];
  it.each(stores)("fails idempotency on every run when the server %s (%s)", async (breakage) => {
    await failsOnEverySeed(breakage, ["1", "20250101"], "idempotency");
  });
});
