/**
 * The broken-server zoo, SigV4 and idempotency: a server that checks less than SigV4 promises
 * fails auth_enforced, and an idempotency store that fails as real ones do (per connection, a
 * cache of one, a short lifetime, a new created_at) fails idempotency, on every run.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  failsOnEverySeed,
  runTrackedJob,
  seed,
  startServer,
  stopRuns,
} from "./support/broken-server-runs.js";
import type { Breakage } from "./support/contract-server.js";

afterEach(stopRuns);

describe("SigV4 as a contract: a server that checks less than SigV4 promises fails auth_enforced", () => {
  it("names a 500 for a request signed for another region or service as not_a_server_error, and runs on", async () => {
    const server = await startServer("errors_on_foreign_scope");
    const job = await runTrackedJob(["--target", server.url.href, "--runs", "20", "--seed", seed]);
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
      const server = await startServer(breakage);
      const job = await runTrackedJob(["--target", server.url.href, "--runs", "30", "--seed", seed]);
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
