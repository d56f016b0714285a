/**
 * `npm run bench`: the client against the AWS SDK for JavaScript v3, side by side, in one run:
 * bundle size, cold start, throughput, signing, the contract job, the install size, and the tools'
 * diff of two large specs. Prints a table of medians and ratios with the goals and writes it to
 * bench/results.md; the pieces live in bench/.
 * Exit status: 0 the bench ran (a missed goal is reported, not a failure); 2 it could not run.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ensureBuilt, repoRoot } from "../bench/lib/build.js";
import { measureBundles } from "../bench/lib/bundle.js";
import { killAllNow, stopAll } from "../bench/lib/children.js";
import { measureColdStart } from "../bench/lib/cold.js";
import { measureContract } from "../bench/lib/contract.js";
import { measureDiff } from "../bench/lib/diff.js";
import { measureInstallSizes } from "../bench/lib/install.js";
import {
  type BenchOptions,
  fullSettings,
  helpText,
  parseBenchArgs,
  quickSettings,
} from "../bench/lib/options.js";
import { startLoopbackServer } from "../bench/lib/server.js";
import { measureSigning } from "../bench/lib/sign.js";
import { type Results, report } from "../bench/lib/table.js";
import { measureThroughput } from "../bench/lib/throughput.js";

const log = (text: string) => process.stderr.write(`bench: ${text}\n`);

async function attempt<T>(name: string, measure: () => Promise<T>): Promise<T | Error> {
  const started = performance.now();
  log(`${name}...`);
  try {
    const value = await measure();
    log(`${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return value;
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    log(`${name} failed: ${failure.message}`);
    return failure;
  }
}

export async function runBench(options: BenchOptions, argv: string[]): Promise<number> {
  const settings = options.quick ? quickSettings : fullSettings;
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const notes: string[] = [];
  const results: Results = {};
  const want = new Set(options.parts);
  const server = await startLoopbackServer();
  try {
    // Every part but the contract job (tsx, from src/) imports the built package by its name.
    if (options.parts.some((p) => p !== "contract")) notes.push(await ensureBuilt());
    if (want.has("bundle")) results.bundle = await attempt("bundle", () => measureBundles(server.endpoint));
    if (want.has("cold"))
      results.cold = await attempt("cold start", () => measureColdStart(server.endpoint, settings.coldRuns));
    if (want.has("throughput")) {
      const window = { warmupMs: settings.warmupMs, windowMs: settings.windowMs };
      results.throughput = await attempt("throughput", () =>
        measureThroughput(server.endpoint, settings.rounds, window),
      );
    }
    if (want.has("sign"))
      results.sign = await attempt("signing", () => measureSigning(settings.signOps, settings.signRounds));
    if (want.has("contract")) {
      const window = { warmupMs: settings.mockWarmupMs, windowMs: settings.mockWindowMs };
      results.contract = await attempt("contract job", () =>
        measureContract(settings.verifyRuns, settings.contractRounds, window),
      );
    }
    if (want.has("install")) results.install = await attempt("install size", () => measureInstallSizes());
    if (want.has("diff")) results.diff = await attempt("diff", () => measureDiff(settings.diffRuns));
  } finally {
    await server.stop();
  }
  const text = report(results, {
    command: ["npm run bench", ...(argv.length ? ["--", ...argv] : [])].join(" "),
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    loadAtStart,
    notes,
    settings,
  });
  process.stdout.write(`${text}\n`);
  if (options.out) {
    const file = resolve(repoRoot, options.out);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, "utf8");
    log(`written to ${options.out}`);
  }
  // A part that could not be measured (including either half of the contract part) is a failure.
  const contract = results.contract;
  const failed =
    Object.values(results).some((r) => r instanceof Error) ||
    (contract !== undefined &&
      !(contract instanceof Error) &&
      ("unavailable" in contract.verify ||
        "unavailable" in contract.verifyConcurrent ||
        "unavailable" in contract.mock));
  if (failed) log("a part could not be measured: exit 2 (see the table)");
  return failed ? 2 : 0;
}

export async function main(argv: string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(
      `bench: ${(error as Error).message}\nRun \`npm run bench -- --help\` for the options.\n`,
    );
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${helpText}\n`);
    return 0;
  }
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping every child process`);
    void stopAll().finally(() => process.exit(2));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", killAllNow);
  try {
    return await runBench(options, argv);
  } catch (error) {
    log(`could not run: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await stopAll();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
