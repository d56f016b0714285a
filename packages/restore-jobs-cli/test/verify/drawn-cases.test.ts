import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Check, CheckContext } from "../../src/verify/checks.js";
import { DrawnCases } from "../../src/verify/drawn-cases.js";
import { Redactor } from "../../src/verify/redaction.js";
import { drawParameters, runCheck } from "../../src/verify/run-check.js";
import type { RequestCase } from "../../src/verify/types.js";

/** Checks whose judge records the bodies it sees; the draw counts the values fast-check builds. */
function fixture() {
  let draws = 0;
  const judgedBy = new Map<string, string[]>();
  const cases: Check["cases"] = () =>
    fc.string({ minLength: 1, maxLength: 8 }).map((body): RequestCase => {
      draws++;
      return { kind: "valid", auth: "signed", body };
    });
  const examples: Check["examples"] = () => [{ kind: "valid", auth: "signed", body: "example" }];
  const check = (name: string, own?: Check["cases"]): Check => ({
    name: name as Check["name"],
    description: name,
    cases: own ?? cases,
    examples,
    judge: async (requestCase) => {
      judgedBy.set(name, [...(judgedBy.get(name) ?? []), requestCase.body]);
      return { exchanges: [], verdict: { result: "pass" } };
    },
  });
  return { check, judgedBy, cases, draws: () => draws };
}

const context = {} as CheckContext;
const options = (drawn: DrawnCases, seed = 3, workers = 1) => ({
  runs: 20,
  seed,
  maxShrinkCases: 10,
  workers,
  drawn,
  redactor: new Redactor([]),
});
const jobDraws = (checks: Check[]) =>
  new DrawnCases(checks, context, (check) => drawParameters(check, context, 20, 3));

describe("a job's draws of its checks' cases", () => {
  it("checks with the same cases and examples functions, seed and runs judge the same cases, drawn once, let go after the last", async () => {
    const { check, judgedBy, draws } = fixture();
    const [first, second] = [check("first"), check("second")];
    const drawn = jobDraws([first, second]);
    await runCheck(first, context, options(drawn));
    const once = draws();
    expect(once).toBe(20);
    const result = await runCheck(second, context, options(drawn, 3, 4));
    expect(draws()).toBe(once);
    expect(result.cases).toBe(21);
    expect(judgedBy.get("second")?.sort()).toEqual(judgedBy.get("first")?.sort());
    expect(judgedBy.get("first")).toContain("example");
    // Both are done: the draw is let go, and a check run again draws again.
    await runCheck(first, context, options(drawn));
    expect(draws()).toBe(2 * once);
  });

  it("another seed, another number of runs or another cases function is drawn anew", async () => {
    const { check, draws, cases } = fixture();
    const first = check("first");
    const drawn = jobDraws([first, first, first, first]);
    await runCheck(first, context, options(drawn));
    expect(draws()).toBe(20);
    await runCheck(first, context, options(drawn, 4));
    expect(draws()).toBe(40);
    await runCheck(first, context, { ...options(drawn), runs: 21 });
    expect(draws()).toBe(61);
    await runCheck(
      check("own cases", (c) => cases(c)),
      context,
      options(drawn),
    );
    expect(draws()).toBe(81);
  });

  it("draws ahead, in the checks' order, until it is told to stop or would pass its limit; the checks then draw nothing", async () => {
    const { check, draws, cases } = fixture();
    const checks = [check("first"), check("second"), check("own cases", (c) => cases(c))];
    const stopped = jobDraws(checks);
    await stopped.drawAhead(() => true);
    expect(draws()).toBe(0);
    const limited = jobDraws(checks);
    await limited.drawAhead(() => false, 30);
    expect(draws()).toBe(20);
    const drawn = jobDraws(checks);
    await drawn.drawAhead(() => false);
    expect(draws()).toBe(60);
    for (const c of checks) await runCheck(c, context, options(drawn));
    expect(draws()).toBe(60);
  });

  it("an arbitrary that throws is the job's crash, named by its check, not a silently shorter run", async () => {
    const { check } = fixture();
    const broken = check("broken", () =>
      fc.integer().map((n): RequestCase => {
        if (n % 3 === 0) throw new Error("no such case");
        return { kind: "valid", auth: "signed", body: String(n) };
      }),
    );
    for (const workers of [1, 4])
      await expect(runCheck(broken, context, options(jobDraws([broken]), 3, workers))).rejects.toThrow(
        /check broken crashed: .*no such case/,
      );
  });

  it("a failing case is counted once, whatever the workers: judging it again to shrink it is not a new case", async () => {
    const { check } = fixture();
    const failing = check("failing", () =>
      fc.constant<RequestCase>({ kind: "valid", auth: "signed", body: "x" }),
    );
    failing.judge = async (requestCase) => ({
      exchanges: [],
      verdict: requestCase.body === "example" ? { result: "fail", message: "no" } : { result: "pass" },
    });
    const result = await runCheck(failing, context, options(jobDraws([failing])));
    expect([result.result, result.cases, result.judged]).toEqual(["fail", 1, 1]);
    expect(result.finding?.path).toBe("0");
  });
});
