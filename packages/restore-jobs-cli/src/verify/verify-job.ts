import { credentialsFromEnv, findInputProblems } from "restore-jobs";
import { loadSpec, type OpenApiDocument, requestSchemaOf } from "../openapi-document.js";
import { type Check, type CheckContext, checks } from "./checks.js";
import { type Contract, contractOf, placeOf, verifiedOperationId } from "./contract.js";
import { DrawnCases } from "./drawn-cases.js";
import { VerifyCannotRun } from "./errors.js";
import { EveryAnswer } from "./every-answer.js";
import { jobTransport, type RateKept, type Throttled } from "./job-transport.js";
import { startPrism } from "./prism-process.js";
import type { RateLimit } from "./rate-limiter.js";
import { Redactor } from "./redaction.js";
import {
  dummyCredentials,
  operationUrl,
  type RequestBuilder,
  regionFromEnv,
  requestBuilder,
} from "./request-signing.js";
import { drawParameters, runCheck } from "./run-check.js";
import type { PrismInFront } from "./schema-walk.js";
import type { Shard } from "./shard.js";
import { sharedAnswers } from "./shared-answers.js";
import { loadJobSpec, type SpecIdentity } from "./spec-source.js";
import type { CheckName, CheckResult, RequestCase } from "./types.js";

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
  /** `--spec`: a file or `REV:path`; without it, the bundled spec. */
  spec?: string | undefined;
  /** Where `--spec` is read from (relative paths, `git show`); default the process's. */
  cwd?: string | undefined;
  /** `--header`s, names in lower case: sent with every request and signed. */
  headers?: Record<string, string> | undefined;
  rateLimit?: RateLimit | undefined;
  /** Default 1 MiB. */
  maxResponseBytes?: number | undefined;
  env: NodeJS.ProcessEnv;
  onProgress?: ((check: string, done: number, planned: number) => void) | undefined;
  onInfo?: ((message: string) => void) | undefined;
}

export type VerifyMode = "embedded-mock" | "target" | "proxy";

/** How long idempotency waits before a repeat after a pause: a store with a short time-to-live forgets by then. */
export const repeatPauseMs = 3000;

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
  /** The document verified against. */
  spec: SpecIdentity;
  /** With `--rate-limit`: the limit and the rate the job kept. */
  rateLimit?: RateKept | undefined;
  /** When the target throttled the job (429 with Retry-After, waited out): how often, how long. */
  throttled?: Throttled | undefined;
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
  const mode = options.proxy ? "proxy" : options.target ? "target" : "embedded-mock";
  // The copy Prism starts on is written only when Prism starts, and removed below.
  const spec = await loadJobSpec(options.spec, options.cwd ?? process.cwd());
  let contract: Contract;
  try {
    contract = contractOf(spec.doc, prismInFrontOf[mode], await clientJudgeOf(spec.doc));
  } catch (error) {
    throw new VerifyCannotRun(
      "SPEC_UNREADABLE",
      `cannot read the spec ${spec.source}: ${(error as Error).message}`,
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
  const redactor = new Redactor([credentials.secretAccessKey, credentials.sessionToken], options.headers);
  const wire = jobTransport(options);

  // The target's URL is known once the embedded Prism has started; the cases are drawn before.
  let build: RequestBuilder | undefined;
  let requests = 0;
  const send = (requestCase: RequestCase) => {
    requests++;
    return wire.send(build!(requestCase));
  };
  const context: CheckContext = {
    contract,
    send,
    answerOf: sharedAnswers(send),
    // The embedded mock only checks that an Authorization header is there.
    verifiesSignatures: !embedded,
    viaProxy: options.proxy !== undefined,
    sessionToken: credentials.sessionToken !== undefined,
    staticAnswers: embedded,
    pauseMs: Math.min(repeatPauseMs, options.timeoutMs),
    replay: (sent, body) => {
      requests++;
      return wire.send({ ...sent.request, body });
    },
  };
  const selected: Check[] = checks.filter((c) => (options.checks ? options.checks.includes(c.name) : true));
  const drawn = new DrawnCases(selected, context, (check) =>
    drawParameters(check, context, options.runs, options.seed),
  );

  let prism: Awaited<ReturnType<typeof startPrism>> | undefined;
  let prismStarted = false;
  try {
    // Reachable is: something answers at the contract's own path (a GET, which changes nothing),
    // not at `/`, which a server of this API need not answer at all.
    const probe = (base: URL) => wire.ensureReachable(operationUrl(base, contract.path));
    if (options.proxy) await probe(options.proxy);
    if (!options.target) {
      const starting = startPrism(await spec.prismPath(), options.proxy).finally(() => {
        prismStarted = true;
      });
      // Prism takes about two seconds to start, on one core: the job draws its cases meanwhile.
      if (options.path === undefined) void drawn.drawAhead(() => prismStarted);
      prism = await starting;
    }
    const target = options.target ?? prism!.url;
    if (options.target) await probe(target);
    build = requestBuilder(
      target,
      credentials,
      regionFromEnv(options.env),
      options.proxy ?? target,
      options.headers,
      contract,
    );
    const results: CheckResult[] = [];
    const everyAnswer = new EveryAnswer(selected, context, redactor);
    for (const check of selected) {
      if (signal?.aborted) throw new VerifyCannotRun("INTERRUPTED", "interrupted");
      options.onInfo?.(`${check.name}: ${check.description}`);
      const requestsBefore = requests;
      const result = await runCheck(check, context, {
        runs: options.runs,
        seed: options.seed,
        path: options.path,
        shard: options.shard,
        maxShrinkCases: 300,
        workers: options.workers ?? (embedded ? embeddedMockWorkers : 1),
        drawn,
        redactor,
        observe: (requestCase, judgement, path) =>
          everyAnswer.observe(requestCase, judgement, check, { check: check.name, seed: options.seed, path }),
        onProgress: options.onProgress,
      });
      // A crash of our own Prism is the job's failure, not the target's finding.
      const prismExit = prism?.exitedBecause();
      if (prismExit) throw new VerifyCannotRun("PRISM_EXITED", prismExit);
      results.push({ ...result, requests: requests - requestsBefore });
    }
    for (const [i, result] of results.entries()) results[i] = withEveryAnswer(result, everyAnswer);
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
      spec: { source: spec.source, sha256: spec.sha256 },
      rateLimit: wire.rateKept(),
      throttled: wire.throttled(),
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
    await spec.cleanup();
  }
}

/**
 * A check's result with what it found judging the other checks' answers (every-answer.ts): its
 * own finding first; a check that judged no answer at all is `not_judged`, never a pass.
 */
function withEveryAnswer(result: CheckResult, everyAnswer: EveryAnswer): CheckResult {
  if (result.result !== "pass") return result;
  const finding = everyAnswer.findings.get(result.check);
  if (finding) return { ...result, result: "fail", finding };
  const judged = result.judged + (everyAnswer.judged.get(result.check) ?? 0);
  return judged === 0 ? { ...result, result: "not_judged" } : result;
}

/**
 * The client's judgement of a valid input (`findInputProblems` of \`restore-jobs\`), when the
 * document's request schema is the one the client was built from (the bundled spec's): the client
 * holds the rules the spec states in words (ItemsToRestore a JSON array of one to five paths).
 * Against another version of the contract (`--spec`), the client judges a contract that is not
 * this one, and the schema alone judges.
 */
async function clientJudgeOf(doc: OpenApiDocument): Promise<((body: unknown) => boolean) | undefined> {
  const schemaOf = (d: OpenApiDocument) => {
    const { method, path } = placeOf(d, verifiedOperationId);
    return JSON.stringify(requestSchemaOf(d, method, path));
  };
  try {
    if (schemaOf(doc) !== schemaOf(await loadSpec())) return undefined;
  } catch {
    return undefined; // contractOf says what is wrong with the document
  }
  return (body) => findInputProblems(body).length === 0;
}
