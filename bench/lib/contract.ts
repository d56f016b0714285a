/**
 * Bench part 5: the contract job, `restore-jobs verify` against its embedded mock, in cases and
 * requests per second (from its results.json: what its checks sent over the time they took,
 * Prism's start excluded), and beside it the mock's own capacity in the same run, a fresh Prism
 * started alone as the job starts its own: on the job's own requests (job-cases.ts: the same
 * requests, replayed 16 cases at a time with no judging), the capacity the job's goal is judged
 * against; and on small valid signed PUTs from the raw node:http load generator, one at a time and
 * 16 at a time, for reference.
 *
 * Prism gets faster as V8 compiles its hot code: on the job's requests a fresh Prism answers about
 * 600 req/s on its first pass, 850 on its second and 1,500 on its third (this machine, quiet). The
 * job meets a fresh Prism, every run, and sends one pass; so the capacity it is judged against is a
 * fresh Prism's first pass over the same requests, the same work in the same state. The later passes
 * are reported beside it, to show how far warming up moves the figure.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundledSpecPath } from "../../packages/restore-jobs-cli/src/openapi-document.js";
import { type PrismProcess, startPrism } from "../../packages/restore-jobs-cli/src/verify/prism-process.js";
import { embeddedMockWorkers } from "../../packages/restore-jobs-cli/src/verify/verify-job.js";
import { repoRoot } from "./build.js";
import { run } from "./children.js";
import { jobRequests, replayRate } from "./job-cases.js";
import { median } from "./stats.js";
import { measureOnce, type Window } from "./throughput.js";

/** The seed of the job's runs, and of the draw that measures the mock on the job's cases. */
const verifySeed = 6;

/** The tools package's command, run from source by tsx as `npm run verify` does. */
const cliBin = "packages/restore-jobs-cli/src/bin.ts";

export interface VerifyFigures {
  cases: number;
  /** HTTP requests the cases sent (idempotency sends pairs), from results.json. */
  requests: number;
  requestsPerSecond: number;
  checksMs: number;
  wallMs: number;
  casesPerSecond: number;
  findings: boolean;
}

export interface ContractResult {
  /** The job with one case in flight (`--workers 1`). */
  verify: VerifyFigures | { unavailable: string };
  /** The job as it runs against the embedded mock by default (`--workers 8`): the median run. */
  verifyConcurrent: VerifyFigures | { unavailable: string };
  /** Its requests per second, round by round. */
  verifyConcurrentRuns: number[];
  /** The workers of `verifyConcurrent`. */
  workers: number;
  /** Requests per second the mock answers, by concurrency; or why it could not be measured. */
  mock: Record<string, number> | { unavailable: string };
  /**
   * Requests per second a fresh mock answers on its first pass over the job's own requests, 16
   * cases at a time: the mock in the state the job meets it (the median of the rounds).
   */
  mockOnJobCases: number | { unavailable: string };
  /** The same, round by round (the job's run of a round just before it). */
  mockFirstPasses: number[];
  /** The same, on the second and third passes over the same requests (the mock warming up). */
  mockWarmingUp: number[];
  /** How many cases, and requests, that replay sent. */
  jobCases: number;
  jobRequests: number;
}

interface ResultsJson {
  ok?: boolean;
  durationMs?: number;
  results?: { cases?: number; requests?: number; durationMs?: number; result?: string }[];
}

async function measureVerify(runs: number, workers: number): Promise<ContractResult["verify"]> {
  if (!existsSync(join(repoRoot, cliBin))) return { unavailable: `${cliBin} does not exist` };
  const report = await mkdtemp(join(tmpdir(), "restore-jobs-bench-verify-"));
  try {
    const tsx = join(repoRoot, "node_modules/.bin/tsx");
    const args = [cliBin, "verify", "--runs", String(runs), "--seed", String(verifySeed)];
    args.push("--workers", String(workers));
    args.push("--report", report);
    const ran = await run(tsx, args, { cwd: repoRoot, timeoutMs: 600_000 });
    const text = await readFile(join(report, "results.json"), "utf8").catch(() => undefined);
    if (text === undefined) {
      const why = ran.stderr.trim().split("\n").slice(-2).join(" ").slice(0, 300);
      return { unavailable: `restore-jobs verify exited with ${ran.code} and wrote no results.json: ${why}` };
    }
    const json = JSON.parse(text) as ResultsJson;
    const checks = (json.results ?? []).filter((r) => r.result !== "skipped");
    const cases = checks.reduce((sum, r) => sum + (r.cases ?? 0), 0);
    const checksMs = checks.reduce((sum, r) => sum + (r.durationMs ?? 0), 0);
    const requests = checks.reduce((sum, r) => sum + (r.requests ?? 0), 0);
    if (cases === 0 || checksMs === 0)
      return { unavailable: "results.json reports no cases or no check timings" };
    return {
      cases,
      requests,
      requestsPerSecond: requests / (checksMs / 1000),
      checksMs,
      wallMs: json.durationMs ?? ran.ms,
      casesPerSecond: cases / (checksMs / 1000),
      findings: json.ok === false,
    };
  } finally {
    await rm(report, { recursive: true, force: true });
  }
}

type MockFigures = Pick<ContractResult, "mock" | "mockWarmingUp" | "jobCases" | "jobRequests"> & {
  firstPass: number | { unavailable: string };
};

/**
 * A fresh Prism's first pass over the job's own requests; with `warmUp`, also the next two passes
 * and the small valid PUTs (Prism warm by then).
 */
async function measureMock(window: Window, runs: number, warmUp: boolean): Promise<MockFigures> {
  let prism: PrismProcess | undefined;
  const unavailable = (error: unknown) => ({ unavailable: (error as Error).message.slice(0, 300) });
  const none = { unavailable: "not measured in this round" };
  try {
    // The mock `restore-jobs verify` embeds, started as it starts it; stopped below on every path,
    // and by stopAll (children.ts) on SIGINT and SIGTERM.
    prism = await startPrism(bundledSpecPath, undefined, 60_000);
    const cases = await jobRequests(prism.url, runs, verifySeed);
    const jobRequestCount = cases.reduce((sum, unit) => sum + unit.length, 0);
    // The first pass meets Prism as the job does (fresh); the next two show it warming up.
    const firstPass = await replayRate(cases, 16).catch(unavailable);
    const mockWarmingUp: number[] = [];
    for (let pass = 0; warmUp && pass < 2 && typeof firstPass === "number"; pass++)
      mockWarmingUp.push(await replayRate(cases, 16));
    // Prism has no bench counters: the worker's own check (every answer a 200 with a RestoreJobId).
    const mock = warmUp
      ? await measureOnce("http-signed", prism.url.origin, window, { serverStats: false })
          .then((figures) => figures.rps)
          .catch(unavailable)
      : none;
    return { mock, firstPass, mockWarmingUp, jobCases: cases.length, jobRequests: jobRequestCount };
  } catch (error) {
    const why = unavailable(error);
    return { mock: why, firstPass: why, mockWarmingUp: [], jobCases: 0, jobRequests: 0 };
  } finally {
    await prism?.stop();
  }
}

/**
 * The job once at one worker; then `rounds` rounds, each the job at its default workers and a
 * fresh Prism's first pass over the job's requests, interleaved so that whatever else loads the
 * machine weighs on both alike: the figures are the medians (a fresh Prism's first pass moves by
 * a fifth between runs on a quiet machine), and each round's ratio is kept.
 */
export async function measureContract(runs: number, rounds: number, window: Window): Promise<ContractResult> {
  const attempt = (workers: number) =>
    measureVerify(runs, workers).catch((error: unknown) => ({
      unavailable: (error as Error).message.slice(0, 300),
    }));
  const verify = await attempt(1);
  const jobRuns: VerifyFigures[] = [];
  const firstPasses: number[] = [];
  let last: MockFigures | undefined;
  for (let round = 0; round < rounds; round++) {
    const job = await attempt(embeddedMockWorkers);
    if ("unavailable" in job) return { ...failed(verify, job), workers: embeddedMockWorkers };
    jobRuns.push(job);
    last = await measureMock(window, runs, round === rounds - 1);
    if (typeof last.firstPass !== "number")
      return { ...failed(verify, job, last.firstPass), workers: embeddedMockWorkers };
    firstPasses.push(last.firstPass);
  }
  const byRate = [...jobRuns].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return {
    verify,
    verifyConcurrent: byRate[Math.floor((byRate.length - 1) / 2)]!,
    verifyConcurrentRuns: jobRuns.map((j) => j.requestsPerSecond),
    workers: embeddedMockWorkers,
    mock: last!.mock,
    mockOnJobCases: median(firstPasses),
    mockFirstPasses: firstPasses,
    mockWarmingUp: last!.mockWarmingUp,
    jobCases: last!.jobCases,
    jobRequests: last!.jobRequests,
  };
}

function failed(
  verify: ContractResult["verify"],
  job: ContractResult["verify"],
  mock: { unavailable: string } = { unavailable: "the job did not run" },
): Omit<ContractResult, "workers"> {
  return {
    verify,
    verifyConcurrent: job,
    verifyConcurrentRuns: [],
    mock,
    mockOnJobCases: mock,
    mockFirstPasses: [],
    mockWarmingUp: [],
    jobCases: 0,
    jobRequests: 0,
  };
}
