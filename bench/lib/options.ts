/** `npm run bench` flags and the settings they select. */
import { parseArgs } from "node:util";

export const partNames = ["bundle", "cold", "throughput", "sign", "contract", "install", "diff"] as const;
export type PartName = (typeof partNames)[number];

export interface Settings {
  coldRuns: number;
  rounds: number;
  warmupMs: number;
  windowMs: number;
  signOps: number;
  signRounds: number;
  verifyRuns: number;
  /** Rounds of the contract job at its default workers, each beside a fresh Prism's first pass. */
  contractRounds: number;
  mockWarmupMs: number;
  mockWindowMs: number;
  diffRuns: number;
}

export const fullSettings: Settings = {
  coldRuns: 20,
  // Five rounds: a median that one disturbed round (another process on the machine) cannot move.
  rounds: 5,
  warmupMs: 1000,
  windowMs: 2000,
  signOps: 20_000,
  signRounds: 7,
  verifyRuns: 100,
  contractRounds: 5,
  mockWarmupMs: 1000,
  mockWindowMs: 3000,
  diffRuns: 7,
};

export const quickSettings: Settings = {
  coldRuns: 2,
  rounds: 1,
  warmupMs: 100,
  windowMs: 300,
  signOps: 500,
  signRounds: 1,
  verifyRuns: 2,
  contractRounds: 1,
  mockWarmupMs: 100,
  mockWindowMs: 300,
  diffRuns: 1,
};

export const helpText = `Usage: npm run bench -- [--quick] [--only parts] [--out FILE]

Benchmarks the restore-jobs client against the AWS SDK for JavaScript v3, side by side, in one run:
  bundle      esbuild bundle (minified, gzip -9) of a program that starts one restore job, and of
              one that calls all eight restore-job operations (run against the fake AWS Backup)
  cold        a fresh node process: import, sign, send one request, exit (median of 20, interleaved,
              rotated; ours, SDK, raw fetch, raw node:http)
  throughput  requests/s against a loopback server, 1 and 16 in flight (ours, SDK, raw fetch, raw
              node:http; median of 5 rounds, each request checked by the server)
  sign        signing operations/s: our signRequest against @smithy/signature-v4
  contract    restore-jobs verify req/s and cases/s against the embedded mock, beside a fresh mock's
              own capacity on the job's requests (median of 5 interleaved rounds)
  install     node_modules of an empty project after installing the client, the tools and the AWS
              SDK's @aws-sdk/client-backup (du -sk; from the npm cache, else the registry)
  diff        restore-jobs diff of two generated 5,000-line specs, --no-compiler: the built command
              spawn → exit, and the diff alone in-process (median of 7; goal under 2 s)

Options:
  --quick        a tiny setting (few runs, short windows): checks that the bench runs, nothing more
  --only a,b     only these parts (default: all): ${partNames.join(", ")}
  --out FILE     also write the table there (default: bench/results.md for a full run; nowhere
                 for --quick or --only)
  -h, --help     this help

Prints a table of medians and ratios with their goals. A missed goal is reported, not an
error. Exit status: 0 the bench ran; 2 it could not run (bad arguments, a part failed, interrupted).`;

export interface BenchOptions {
  help: boolean;
  quick: boolean;
  parts: PartName[];
  out: string | undefined;
}

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: "boolean", short: "h" },
      quick: { type: "boolean" },
      only: { type: "string" },
      out: { type: "string" },
    },
  });
  const parts = values.only === undefined ? [...partNames] : values.only.split(",").map((p) => p.trim());
  const unknown = parts.filter((p) => !partNames.includes(p as PartName));
  if (unknown.length || parts.length === 0) {
    throw new Error(`--only: unknown part(s) "${unknown.join(",")}"; known: ${partNames.join(", ")}`);
  }
  const full = !values.quick && values.only === undefined;
  return {
    help: values.help === true,
    quick: values.quick === true,
    parts: parts as PartName[],
    out: values.out ?? (full ? "bench/results.md" : undefined),
  };
}
