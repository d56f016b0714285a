import { describe, expect, it } from "vitest";
import { runJob } from "./support/run-job.js";

// The contract suite against the embedded Prism mock, as `npm run verify` runs it. A modest
// number of runs keeps `npm test` fast; `VERIFY_RUNS=1000 npm test` (or `npm run verify -- --runs
// 1000`) goes further.
const runs = process.env.VERIFY_RUNS ?? "60";

describe("the embedded Prism mock of openapi/restore-jobs.yaml", () => {
  it("keeps the contract: every check passes and the job exits 0", async () => {
    // No credentials in the environment: the job signs with dummy ones against its own mock.
    const job = await runJob(["--runs", runs], {});
    try {
      expect(job.failedChecks, job.stderr).toEqual([]);
      expect(job.exitCode).toBe(0);
      const ran = job.results.results.filter((r) => r.result === "pass").map((r) => r.check);
      expect(ran).toEqual([
        "positive_data_accepted",
        "negative_data_rejected",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "not_a_server_error",
        "auth_enforced",
        "idempotency",
      ]);
      expect(job.stdout).toMatch(/check\s+cases\s+requests\s+result/);
    } finally {
      await job.cleanup();
    }
  });
});
