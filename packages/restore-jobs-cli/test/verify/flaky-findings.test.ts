/**
 * A break that does not come back is still a break: a conforming server that bends exactly one
 * answer of the run (one 500, one success envelope without `data.id`) fails the job, whichever
 * check's request the bent answer lands on and however many workers send; when judging the case
 * again does not bring the failure back, the finding says it is flaky and shows both.
 */
import { afterEach, describe, expect, it } from "vitest";
import { runTrackedJob, seed, startServer, stopRuns } from "./support/broken-server-runs.js";
import type { BentAnswer, ContractServer } from "./support/contract-server.js";
import type { JobRun } from "./support/run-job.js";

const runs = "8";

afterEach(stopRuns);

let server: ContractServer | undefined;
async function runAgainst(bent: BentAnswer | undefined, workers: string): Promise<JobRun> {
  await stopRuns();
  server = await startServer(undefined, bent);
  return runTrackedJob(["--target", server.url.href, "--runs", runs, "--seed", seed, "--workers", workers]);
}

describe("one bent answer in a run of a conforming server", () => {
  it.each(["1", "8"])("exits 1 wherever the one bent answer lands (--workers %s)", async (workers) => {
    // The run's length with no bent answer, then the bent answer at a spread of places within it.
    const clean = await runAgainst(undefined, workers);
    expect(clean.failedChecks, clean.stderr).toEqual([]);
    const total = server!.answers();
    const successes = server!.successes();
    const places = [0.05, 0.3, 0.55, 0.75, 0.9, 0.99];
    const bents: BentAnswer[] = [
      ...places.map((p): BentAnswer => ({ how: "server_error", at: Math.max(1, Math.floor(total * p)) })),
      ...places.map(
        (p): BentAnswer => ({ how: "success_without_id", at: Math.max(1, Math.floor(successes * p)) }),
      ),
    ];
    for (const bent of bents) {
      const { exitCode, failedChecks, stderr } = await runAgainst(bent, workers);
      expect(exitCode, `${JSON.stringify(bent)} of ${total}: ${stderr}`).toBe(1);
      expect(failedChecks.length, JSON.stringify(bent)).toBe(1);
    }
  });

  it("reports a failure that does not come back as flaky, with the exchange that broke and the replays that passed", async () => {
    const { exitCode, failedChecks, stderr, results } = await runAgainst({ how: "server_error", at: 3 }, "1");
    expect(exitCode).toBe(1);
    expect(failedChecks).toEqual(["not_a_server_error"]);
    const finding = results.results.find((r) => r.check === "not_a_server_error")?.finding as unknown as {
      message: string;
      flaky?: { replaysPassed: number };
      exchanges: { response?: { status: number } }[];
    };
    expect(finding.flaky?.replaysPassed).toBe(3);
    expect(finding.message).toMatch(/flaky: it did not come back in 3 replays/);
    expect(finding.exchanges.map((e) => e.response?.status)).toEqual([500, 200, 200, 200]);
    expect(stderr).toContain("flaky");
  });
});
