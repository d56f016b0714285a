/**
 * Bench part 5: the contract job, `restore-jobs verify` against its embedded mock, in cases per second
 * (from its results.json: cases sent over the time its checks took, Prism's start excluded), and
 * beside it the mock's own capacity in the same run, Prism started alone: on the job's own cases
 * (job-cases.ts: the same requests, replayed 16 at a time with no judging), the capacity the job's
 * goal is judged against; and on small valid signed PUTs from the raw node:http load generator,
 * one at a time and 16 at a time, for reference.
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
  /** The job as it runs against the embedded mock by default (`--workers 8`). */
  verifyConcurrent: VerifyFigures | { unavailable: string };
  /** The workers of `verifyConcurrent`. */
  workers: number;
  /** Requests per second the mock answers, by concurrency; or why it could not be measured. */
  mock: Record<string, number> | { unavailable: string };
  /** Requests per second the mock answers on the job's own cases (one request each), 16 at a time. */
  mockOnJobCases: number | { unavailable: string };
  /** How many cases that replay sent. */
  jobCases: number;
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

type MockFigures = Pick<ContractResult, "mock" | "mockOnJobCases" | "jobCases">;

async function measureMock(window: Window, runs: number): Promise<MockFigures> {
  let prism: PrismProcess | undefined;
  const unavailable = (error: unknown) => ({ unavailable: (error as Error).message.slice(0, 300) });
  try {
    // The mock `restore-jobs verify` embeds, started as it starts it; stopped below on every path,
    // and by stopAll (children.ts) on SIGINT and SIGTERM.
    prism = await startPrism(bundledSpecPath, undefined, 60_000);
    const requests = await jobRequests(prism.url, runs, verifySeed);
    // Once to warm Prism up (its JIT, its caches), then measured.
    await replayRate(requests, 16);
    const mockOnJobCases = await replayRate(requests, 16).catch(unavailable);
    // Prism has no bench counters: the worker's own check (every answer a 200 with a RestoreJobId).
    const mock = await measureOnce("http-signed", prism.url.origin, window, { serverStats: false })
      .then((figures) => figures.rps)
      .catch(unavailable);
    return { mock, mockOnJobCases, jobCases: requests.length };
  } catch (error) {
    return { mock: unavailable(error), mockOnJobCases: unavailable(error), jobCases: 0 };
  } finally {
    await prism?.stop();
  }
}

export async function measureContract(runs: number, window: Window): Promise<ContractResult> {
  const attempt = (workers: number) =>
    measureVerify(runs, workers).catch((error: unknown) => ({
      unavailable: (error as Error).message.slice(0, 300),
    }));
  const verify = await attempt(1);
  const verifyConcurrent = await attempt(embeddedMockWorkers);
  return { verify, verifyConcurrent, workers: embeddedMockWorkers, ...(await measureMock(window, runs)) };
}
