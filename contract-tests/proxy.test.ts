import { afterEach, describe, expect, it } from "vitest";
import { type ContractServer, startContractServer } from "./support/contract-server.js";
import { type JobRun, runJob, testCredentials, testRegion } from "./support/run-job.js";

let server: ContractServer | undefined;
let job: JobRun | undefined;
afterEach(async () => {
  await server?.close();
  await job?.cleanup();
});

describe("restore-jobs verify --proxy (Prism's validation proxy in front of the upstream)", () => {
  const checks = "positive_data_accepted,response_schema_conformance,idempotency,proxy_violations";
  it("passes a conforming upstream, signed for the upstream so its SigV4 check holds", async () => {
    server = await startContractServer(testCredentials, testRegion);
    job = await runJob(["--proxy", server.url.href, "--runs", "30", "--seed", "2", "--checks", checks]);
    expect(job.failedChecks, job.stderr).toEqual([]);
    expect(job.exitCode).toBe(0);
  });

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
