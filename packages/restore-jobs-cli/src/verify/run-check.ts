import fc from "fast-check";
import type { Check, CheckContext, Judgement } from "./checks.js";
import { type DrawnCases, drawWhileSending } from "./drawn-cases.js";
import type { Redactor } from "./redaction.js";
import { toCurl } from "./redaction.js";
import type { Shard } from "./shard.js";
import { shardRange } from "./shard.js";
import type { CheckResult, Exchange, RequestCase } from "./types.js";

export interface RunCheckOptions {
  runs: number;
  seed: number;
  /** fast-check's replay path of a finding (`--path`); sharding is off when replaying. */
  path?: string | undefined;
  shard?: Shard | undefined;
  /** Requests spent shrinking a counterexample, at most (each is a round trip to the target). */
  maxShrinkCases: number;
  /** Cases in flight at once; shrinking and `path` replay are sequential whatever this is. */
  workers?: number | undefined;
  /** The job's draws of its checks' cases, shared by the checks that draw the same ones. */
  drawn?: DrawnCases | undefined;
  redactor: Redactor;
  /** Every judgement of a case (not of its shrinking), with the case's path: see every-answer.ts. */
  observe?: ((requestCase: RequestCase, judgement: Judgement, path: string) => void) | undefined;
  onProgress?: ((check: string, done: number, planned: number) => void) | undefined;
}

/**
 * What fast-check draws a check's cases with: its deterministic cases first, all of them on every
 * run, then `runs` random ones (fast-check counts its `examples` within `numRuns`, so they are
 * added to it).
 */
export function drawParameters(check: Check, context: CheckContext, runs: number, seed: number) {
  const examples = (check.examples?.(context) ?? []).map((c) => [c] as [RequestCase]);
  return { numRuns: examples.length + runs, seed, examples };
}

/**
 * Runs one check as a fast-check property: fast-check generates the cases from the seed, stops
 * at the first failure and shrinks it; the finding carries the seed, the path and the shrunk
 * counterexample, and `--seed S --path P` replays exactly that case.
 */
export async function runCheck(
  check: Check,
  context: CheckContext,
  options: RunCheckOptions,
): Promise<CheckResult> {
  const started = performance.now();
  const partlySkipped = check.partlySkipped?.(context);
  const base = { check: check.name, description: check.description, ...(partlySkipped && { partlySkipped }) };
  const skippedBecause = check.skippedBecause?.(context);
  if (skippedBecause)
    return { ...base, cases: 0, judged: 0, result: "skipped", skippedBecause, durationMs: 0 };

  const params = drawParameters(check, context, options.runs, options.seed);
  const { examples, numRuns: total } = params;
  // Sharding keeps the unsharded stream of cases (same seed, same indices) and runs only this
  // shard's slice of it, so a finding replays the same without --shard.
  const [start, end] = options.shard && !options.path ? shardRange(total, options.shard) : [0, total];
  const planned = end - start;

  // The cases are drawn exactly as fast-check draws them for this seed (or taken from the job's
  // draw of them: drawn ahead, or by a check that draws the same ones) and sent `workers` at a
  // time as soon as they are drawn; the first (lowest) failing case is then replayed through
  // fast-check by its path, which judges it again and shrinks it sequentially: the finding, its
  // path and its replay are those of a sequential run.
  let replayPath = options.path;
  let cases = 0;
  let judged = 0;
  // The first failure as it happened: the finding, whether or not it comes back.
  let first: Failure | undefined;
  if (replayPath === undefined) {
    const draw = options.drawn?.drawFor(check, params) ?? drawWhileSending(check.cases(context), params);
    let next = start;
    let firstFailure: number | undefined;
    const worker = async () => {
      for (;;) {
        const at = next++;
        if (at >= end || (firstFailure !== undefined && at > firstFailure)) return;
        const requestCase = await draw.caseAt(at);
        if (requestCase === undefined) return;
        const judgement = await check.judge(requestCase, context);
        const { exchanges, verdict } = judgement;
        options.observe?.(requestCase, judgement, String(at));
        cases++;
        options.onProgress?.(check.name, Math.min(cases, planned), planned);
        if (verdict.result === "skip") continue;
        judged++;
        if (verdict.result === "fail" && (firstFailure === undefined || at < firstFailure)) {
          firstFailure = at;
          first = { requestCase, exchanges, message: verdict.message };
        }
      }
    };
    await Promise.all(Array.from({ length: options.workers ?? 1 }, worker));
    await draw.finished.catch((error: Error) => {
      throw new Error(`check ${check.name} crashed: ${error.message}`);
    });
    options.drawn?.release(check, params);
    if (firstFailure === undefined) {
      const durationMs = Math.round(performance.now() - started);
      return { ...base, cases, judged, deterministic: examples.length, result: "pass", durationMs };
    }
    replayPath = String(firstFailure);
  }

  // Judging again sends again: an answer another check's judgement kept (shared-answers.ts) would
  // only say the same thing twice, and a failure that does not come back must be seen not to.
  const fresh: CheckContext = { ...context, answerOf: context.send };
  let shrinkCases = 0;
  // A failing case found above is counted already: judging it again to shrink it is not a new case.
  let countedAlready = options.path === undefined;
  let last: Failure | undefined;
  // The exchanges of the replays of the first failure that passed (a flaky finding shows them).
  const passedReplays: Exchange[][] = [];
  const property = fc.asyncProperty(check.cases(context), async (requestCase) => {
    // Past the shrinking budget: keep the smallest failing case found so far.
    if (++shrinkCases > options.maxShrinkCases) return true;
    const counted = countedAlready;
    const replaying = shrinkCases === 1 && first !== undefined;
    countedAlready = false;
    if (!counted) cases++;
    const judgement = await check.judge(requestCase, fresh);
    const { exchanges, verdict } = judgement;
    // Replaying a finding (--path): its case's answers are judged by the other checks too.
    if (options.path !== undefined && shrinkCases === 1)
      options.observe?.(requestCase, judgement, options.path);
    if (replaying && verdict.result !== "fail") passedReplays.push(exchanges);
    if (verdict.result === "skip") return true;
    if (!counted) judged++;
    if (verdict.result === "pass") return true;
    last = { requestCase, exchanges, message: verdict.message };
    return false;
  });
  const details = await fc.check(property, { ...params, path: replayPath });
  if (details.failed && !last) {
    // The property threw instead of returning false: a bug of the job, not a finding.
    throw new Error(`check ${check.name} crashed: ${String(details.errorInstance)}`);
  }
  let path = details.counterexamplePath ?? replayPath;
  if (!last && first) {
    // The first failure did not come back when its case was judged again: judge it a few more
    // times; if it still does not, it is a flaky finding (as Schemathesis and Hypothesis report
    // one), never a pass. An intermittent 500 is what a CI run exists to catch.
    for (let replay = passedReplays.length; replay < flakyReplays && !last; replay++) {
      const { exchanges, verdict } = await check.judge(first.requestCase, fresh);
      if (verdict.result === "fail")
        last = { requestCase: first.requestCase, exchanges, message: verdict.message };
      else passedReplays.push(exchanges);
    }
    path = replayPath;
    last ??= {
      ...first,
      message: `${first.message} (flaky: it did not come back in ${passedReplays.length} replay${passedReplays.length === 1 ? "" : "s"} of the same case, shown after the exchange that broke)`,
      exchanges: [...first.exchanges, ...passedReplays.flat()],
      flaky: passedReplays.length,
    };
  }
  const durationMs = Math.round(performance.now() - started);
  if (!last) return { ...base, cases, judged, deterministic: examples.length, result: "pass", durationMs };
  const { redactor } = options;
  const exchanges = last.exchanges.map((e) => redactor.exchange(e));
  return {
    ...base,
    cases,
    judged,
    deterministic: examples.length,
    result: "fail",
    durationMs,
    finding: {
      check: check.name,
      message: redactor.text(last.message),
      seed: details.seed,
      path: path ?? "",
      counterexample: redactor.text(fc.stringify(describeCase(last.requestCase))),
      exchanges,
      curl: exchanges.map((e) => redactor.text(toCurl(e.request))),
      ...(last.flaky !== undefined && { flaky: { replaysPassed: last.flaky } }),
    },
  };
}

/** A failing judgement: the case, what was sent and received, why it failed. */
interface Failure {
  requestCase: RequestCase;
  exchanges: Exchange[];
  message: string;
  /** Set when it did not come back: how many replays of the case passed. */
  flaky?: number;
}

/** How often a first failure is judged again, at most, before it is reported as flaky. */
const flakyReplays = 3;

/** The counterexample as users read it: the body as the value sent when it is JSON. */
export function describeCase(requestCase: RequestCase): unknown {
  const { kind, auth, breakage } = requestCase;
  const body = "value" in requestCase ? requestCase.value : requestCase.body;
  return breakage ? { kind, auth, breakage, body } : { kind, auth, body };
}
