import { afterEach, describe, expect, it } from "vitest";
import { type ContractServer, startContractServer } from "./support/contract-server.js";
import { type JobRun, runJob, testCredentials, testRegion } from "./support/run-job.js";

let server: ContractServer | undefined;
let job: JobRun | undefined;
afterEach(async () => {
  await server?.close();
  await job?.cleanup();
  server = undefined;
  job = undefined;
});

describe("restore-jobs verify --proxy (Prism's validation proxy in front of the upstream)", () => {
  const checks = "positive_data_accepted,response_schema_conformance,idempotency,proxy_violations";
  // Every check, so that no case is one Prism cannot forward as sent (a JSON string or falsy
  // body reached the upstream altered, its signature failed, and a conforming upstream got a
  // finding of negative_data_rejected on every seed).
  it.each(["2", "3"])(
    "passes a conforming upstream on every check, signed for the upstream so its SigV4 check holds (seed %s)",
    async (seed) => {
      server = await startContractServer(testCredentials, testRegion);
      job = await runJob(["--proxy", server.url.href, "--runs", "60", "--seed", seed]);
      expect(job.failedChecks, job.stderr).toEqual([]);
      expect(job.results.results.filter((r) => r.result === "pass")).toHaveLength(9);
      expect(job.exitCode).toBe(0);
    },
  );

  it("turns Prism's sl-violations into findings", async () => {
    server = await startContractServer(testCredentials, testRegion, "success_without_success");
    job = await runJob(["--proxy", server.url.href, "--runs", "30", "--seed", "2", "--checks", checks]);
    expect(job.failedChecks).toEqual(["response_schema_conformance", "proxy_violations"]);
    expect(job.stderr).toContain(
      "Prism reports: response.body: Response body must have required property 'success'",
    );
    expect(job.exitCode).toBe(1);
  });
});
