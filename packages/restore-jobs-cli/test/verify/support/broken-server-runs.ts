/**
 * The runs of the job against contract servers that break (the zoo, split over files so the
 * runner spreads them over its workers), keep the contract, or bend one answer: a server and the
 * job against it, each stopped after its test (`stopRuns` in afterEach), on failure too.
 */
import { expect } from "vitest";
import {
  type BentAnswer,
  type Breakage,
  type ContractServer,
  startContractServer,
} from "./contract-server.js";
import { type JobRun, runJob, testCredentials, testRegion } from "./run-job.js";

// A fixed seed keeps these runs reproducible; 100 runs per check reach every rule of the schema.
export const seed = process.env.VERIFY_TEST_SEED ?? "20250101";
export const runs = "100";

let server: ContractServer | undefined;
let job: JobRun | undefined;

/** Stops the server and removes the job's reports of the test that just ended. */
export async function stopRuns(): Promise<void> {
  await server?.close();
  await job?.cleanup();
  server = undefined;
  job = undefined;
}

/** A contract server with `breakage` (or one `bent` answer), stopped by `stopRuns`. */
export async function startServer(breakage?: Breakage, bent?: BentAnswer): Promise<ContractServer> {
  server = await startContractServer(testCredentials, testRegion, breakage, bent);
  return server;
}

/** The job with `argv`, its reports removed by `stopRuns`. */
export async function runTrackedJob(argv: string[]): Promise<JobRun> {
  job = await runJob(argv);
  return job;
}

/** A few random cases under each seed: the check must fail every time, by its fixed cases. */
export async function failsOnEverySeed(breakage: Breakage, seeds: string[], check: string): Promise<void> {
  for (const each of seeds) {
    const target = await startServer(breakage);
    const run = await runTrackedJob(["--target", target.url.href, "--runs", "3", "--seed", each]);
    expect(run.failedChecks, `seed ${each}: ${run.stderr}`).toEqual([check]);
    expect(run.exitCode).toBe(1);
    await stopRuns();
  }
}

/** The job against a server with `breakage`, `runs` runs per check under `seed`, then `more` flags. */
export async function verifyAgainst(
  breakage?: Breakage,
  runsPerCheck = runs,
  more: string[] = [],
): Promise<JobRun> {
  const target = await startServer(breakage);
  return runTrackedJob(["--target", target.url.href, "--runs", runsPerCheck, "--seed", seed, ...more]);
}
