import { credentialsFromEnv } from "restore-jobs";
import { bundledSpecPath, loadSpec, type OpenApiDocument } from "../openapi-document.js";
import { type Check, type CheckContext, checks } from "./checks.js";
import { type Contract, contractOf } from "./contract.js";
import { VerifyCannotRun } from "./errors.js";
import { exchange, probe } from "./http-exchange.js";
import { startPrism } from "./prism-process.js";
import { Redactor } from "./redaction.js";
import { dummyCredentials, regionFromEnv, requestBuilder } from "./request-signing.js";
import { runCheck } from "./run-check.js";
import type { PrismInFront } from "./schema-walk.js";
import type { Shard } from "./shard.js";
import type { CheckName, CheckResult } from "./types.js";

export interface VerifyOptions {
  /** The server to verify; without it, the embedded Prism mock of the spec. */
  target?: URL | undefined;
  /** Verify through Prism's validation proxy in front of this upstream. */
  proxy?: URL | undefined;
  runs: number;
  seed: number;
  path?: string | undefined;
  checks?: CheckName[] | undefined;
  shard?: Shard | undefined;
  timeoutMs: number;
  /**
   * Cases in flight at once (1 to 64). Undefined: 1 against a target or a proxy (a server that is
   * not ours to load), `embeddedMockWorkers` against the embedded mock.
   */
  workers?: number | undefined;
  specPath?: string | undefined;
  env: NodeJS.ProcessEnv;
  onProgress?: ((check: string, done: number, planned: number) => void) | undefined;
  onInfo?: ((message: string) => void) | undefined;
}

export type VerifyMode = "embedded-mock" | "target" | "proxy";

/** Against the embedded mock, the job keeps this many cases in flight unless told otherwise. */
export const embeddedMockWorkers = 8;

const prismInFrontOf: Record<VerifyMode, PrismInFront> = {
  "embedded-mock": "mock",
  target: "none",
  proxy: "proxy",
};

export interface VerifyOutcome {
  target: string;
  mode: VerifyMode;
  seed: number;
  runs: number;
  shard?: Shard | undefined;
  startedAt: string;
  durationMs: number;
  results: CheckResult[];
  /** When negative_data_rejected ran: what its deterministic phase sent, whatever the seed. */
  negativeCoverage?: NegativeCoverageCount | undefined;
}

/** The negative side's deterministic phase, counted by kind. */
export interface NegativeCoverageCount {
  /** Rules of the request schema the walk found, each broken once. */
  rules: number;
  nearMisses: number;
  notJson: number;
}

/** Runs every selected check against the target and returns the results (findings inside). */
export async function verify(options: VerifyOptions, signal?: AbortSignal): Promise<VerifyOutcome> {
  const started = Date.now();
  const specPath = options.specPath ?? bundledSpecPath;
  const mode = options.proxy ? "proxy" : options.target ? "target" : "embedded-mock";
  let doc: OpenApiDocument;
  let contract: Contract;
  try {
    doc = await loadSpec(specPath);
    contract = contractOf(doc, prismInFrontOf[mode]);
  } catch (error) {
    throw new VerifyCannotRun(
      "SPEC_UNREADABLE",
      `cannot read the spec ${specPath}: ${(error as Error).message}`,
    );
  }
  const envCredentials = credentialsFromEnv(options.env);
  const embedded = mode === "embedded-mock";
  if (!envCredentials && !embedded) {
    throw new VerifyCannotRun(
      "NO_CREDENTIALS",
      "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones)",
    );
  }
  const credentials = envCredentials ?? dummyCredentials;
  const redactor = new Redactor([credentials.secretAccessKey, credentials.sessionToken]);

  if (options.proxy) await ensureReachable(options.proxy, options.timeoutMs);
  const prism = options.target ? undefined : await startPrism(specPath, options.proxy);
  try {
    const target = options.target ?? prism!.url;
    if (options.target) await ensureReachable(target, options.timeoutMs);
    const build = requestBuilder(target, credentials, regionFromEnv(options.env), options.proxy ?? target);
    const context: CheckContext = {
      contract,
      send: (requestCase) => exchange(build(requestCase), options.timeoutMs),
      // The embedded mock only checks that an Authorization header is there.
      verifiesSignatures: !embedded,
      viaProxy: options.proxy !== undefined,
      sessionToken: credentials.sessionToken !== undefined,
      staticAnswers: embedded,
      replay: (sent, body) => exchange({ ...sent.request, body }, options.timeoutMs),
    };
    const selected: Check[] = checks.filter((c) => (options.checks ? options.checks.includes(c.name) : true));
    const results: CheckResult[] = [];
    for (const check of selected) {
      if (signal?.aborted) throw new VerifyCannotRun("INTERRUPTED", "interrupted");
      options.onInfo?.(`${check.name}: ${check.description}`);
      const result = await runCheck(check, context, {
        runs: options.runs,
        seed: options.seed,
        path: options.path,
        shard: options.shard,
        maxShrinkCases: 300,
        workers: options.workers ?? (embedded ? embeddedMockWorkers : 1),
        redactor,
        onProgress: options.onProgress,
      });
      // A crash of our own Prism is the job's failure, not the target's finding.
      const prismExit = prism?.exitedBecause();
      if (prismExit) throw new VerifyCannotRun("PRISM_EXITED", prismExit);
      results.push(result);
    }
    return {
      target: options.proxy
        ? `${target.href} (Prism proxy to ${options.proxy.href})`
        : options.target
          ? target.href
          : `${target.href} (embedded Prism mock)`,
      mode,
      seed: options.seed,
      runs: options.runs,
      shard: options.shard,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      results,
      negativeCoverage: selected.some((c) => c.name === "negative_data_rejected")
        ? {
            rules: contract.bodies.negativeCoverage.rules.length,
            nearMisses: contract.bodies.negativeCoverage.nearMisses.length,
            notJson: contract.bodies.negativeCoverage.notJson.length,
          }
        : undefined,
    };
  } finally {
    await prism?.stop();
  }
}

async function ensureReachable(url: URL, timeoutMs: number): Promise<void> {
  const problem = await probe(url.href, Math.min(timeoutMs, 5000));
  if (problem) throw new VerifyCannotRun("TARGET_UNREACHABLE", `cannot reach ${url.href}: ${problem}`);
}
