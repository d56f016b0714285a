import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ContractServer, startContractServer } from "./support/contract-server.js";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";
import { type JobRun, runJob, testCredentials, testRegion } from "./support/run-job.js";

let contract: ContractServer | undefined;
let recording: RecordingServer | undefined;
const jobs: JobRun[] = [];
afterEach(async () => {
  await contract?.close();
  await recording?.close();
  contract = undefined;
  recording = undefined;
  for (const job of jobs.splice(0)) await job.cleanup();
});

const apiKey = "gw-KEY-0123456789abcdef";
const headers = ["-H", `X-Api-Key: ${apiKey}`, "--header", "x-tenant-id: tenant-42"];

describe("--header: sent with every request, signed, secret-looking values redacted", () => {
  it("reaches the target on every request, the probe included, and is signed with the rest", async () => {
    recording = await startRecordingServer();
    const job = await runJob(["--target", recording.url.href, "--runs", "2", "--seed", "3", ...headers]);
    jobs.push(job);
    const [probe, ...cases] = recording.requests;
    expect(probe?.method).toBe("GET");
    expect(cases.length).toBeGreaterThan(20);
    for (const request of recording.requests) {
      expect(request.headers["x-api-key"]).toBe(apiKey);
      expect(request.headers["x-tenant-id"]).toBe("tenant-42");
    }
    // Every signed case signs them: SignedHeaders names them.
    const signed = cases.filter((r) => typeof r.headers.authorization === "string");
    expect(signed.length).toBeGreaterThan(20);
    for (const request of signed)
      expect(request.headers.authorization).toMatch(/SignedHeaders=[^,]*x-api-key;[^,]*x-tenant-id/);
  });

  it("a SigV4-verifying target keeps the contract with them (their signature verifies)", async () => {
    contract = await startContractServer(testCredentials, testRegion);
    const job = await runJob(["--target", contract.url.href, "--runs", "10", "--seed", "4", ...headers]);
    jobs.push(job);
    expect(job.failedChecks, job.stderr).toEqual([]);
    expect(job.exitCode).toBe(0);
  });

  it("redacts a secret-looking header's value in every report, log, curl and replay line", async () => {
    contract = await startContractServer(testCredentials, testRegion, "ignores_signature");
    const job = await runJob(["--target", contract.url.href, "--runs", "10", "--seed", "7", ...headers]);
    jobs.push(job);
    expect(job.exitCode).toBe(1);
    const texts = await Promise.all(
      ["junit.xml", "summary.md", "results.json"].map((f) => readFile(join(job.reportDir, f), "utf8")),
    );
    for (const text of [...texts, job.stdout, job.stderr]) expect(text).not.toContain(apiKey);
    // Shown, but redacted: in the curl line and the replay line, as the user gave it.
    expect(job.stderr).toContain("-H 'x-api-key: <redacted>'");
    expect(job.stderr).toContain("-H 'x-tenant-id: tenant-42'");
    expect(job.stderr).toMatch(
      /replay: npm run verify -- .*-H 'x-api-key: <redacted>' -H 'x-tenant-id: tenant-42'/,
    );
  });

  it("redacts a secret-looking header's value where a target echoes it (body and headers)", async () => {
    recording = await startRecordingServer("x-api-key");
    const job = await runJob(["--target", recording.url.href, "--runs", "2", "--seed", "7", ...headers]);
    jobs.push(job);
    expect(job.exitCode).toBe(1);
    const texts = await Promise.all(
      ["junit.xml", "summary.md", "results.json"].map((f) => readFile(join(job.reportDir, f), "utf8")),
    );
    expect(texts[1]).toContain("rejected: x-api-key=<redacted>");
    for (const text of [...texts, job.stdout, job.stderr]) expect(text).not.toContain(apiKey);
  });
});
