/**
 * How a check's cases are drawn: as fast-check draws them for the seed (its `examples` first),
 * streamed to the workers while they send the first ones; and a job's draws, shared by the checks
 * that draw the same cases and started ahead while the embedded Prism starts.
 */
import fc from "fast-check";
import type { Check, CheckContext } from "./checks.js";
import type { RequestCase } from "./types.js";

/** One check's cases: case `at` once drawn (undefined when the draw ends before it); all of them. */
export interface Draw {
  caseAt: (at: number) => Promise<RequestCase | undefined>;
  finished: Promise<RequestCase[]>;
}

/** What a draw is drawn with (run-check.ts `drawParameters`). */
export type DrawParameters = fc.Parameters<[RequestCase]> & { seed: number; numRuns: number };

/**
 * Draws the cases of `params` in fast-check's order while the workers send the first ones: the
 * draw yields to the event loop every few cases, so that answers are read (and timers fire) as
 * they come, and `caseAt(i)` waits until case `i` is drawn.
 */
export function drawWhileSending(arbitrary: fc.Arbitrary<RequestCase>, params: DrawParameters): Draw {
  const drawn: RequestCase[] = [];
  let done = false;
  let wake: () => void = () => {};
  let arrived = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const announce = () => {
    const woken = wake;
    arrived = new Promise<void>((resolve) => {
      wake = resolve;
    });
    woken();
  };
  const property = fc.asyncProperty(arbitrary, async (requestCase) => {
    drawn.push(requestCase);
    announce();
    if (drawn.length % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
    return true;
  });
  const finished = fc
    .check(property, params)
    .then((details) => {
      // The arbitrary threw: a bug of the job, not a finding.
      if (details.failed) throw new Error(`drawing the cases failed: ${String(details.errorInstance)}`);
      return drawn;
    })
    .finally(() => {
      done = true;
      announce();
    });
  return {
    caseAt: async (at) => {
      while (drawn.length <= at && !done) await arrived;
      return drawn[at];
    },
    finished,
  };
}

/**
 * A job's draws of its checks' cases (one job: one context, one seed, one number of runs). Checks
 * that draw the same cases, the same `cases` and `examples` functions with the same parameters
 * (checks.ts shares them between the checks that judge a case by its answer), share one draw; a
 * draw is let go when the last check that needs it is done. `drawAhead` draws while the embedded
 * Prism starts (about two seconds on one core, the other idle): drawing was a quarter of the job's
 * own time per case against the mock, time taken from Prism on a two-core machine.
 */
export class DrawnCases {
  private readonly ids = new WeakMap<object, number>();
  private lastId = 0;
  private readonly draws = new Map<string, Draw>();
  private readonly users = new Map<string, number>();

  constructor(
    private readonly checks: readonly Check[],
    private readonly context: CheckContext,
    private readonly parametersOf: (check: Check) => DrawParameters,
  ) {
    for (const check of checks) {
      if (check.skippedBecause?.(context)) continue;
      const key = this.keyOf(check, parametersOf(check));
      this.users.set(key, (this.users.get(key) ?? 0) + 1);
    }
  }

  /** The draw of `check`'s cases with `params`: the one already drawn or being drawn, or a new one. */
  drawFor(check: Check, params: DrawParameters): Draw {
    const key = this.keyOf(check, params);
    let draw = this.draws.get(key);
    if (!draw) {
      draw = drawWhileSending(check.cases(this.context), params);
      this.draws.set(key, draw);
    }
    return draw;
  }

  /** `check` is done with its cases: a draw no check still to run needs is let go. */
  release(check: Check, params: DrawParameters): void {
    const key = this.keyOf(check, params);
    const left = (this.users.get(key) ?? 1) - 1;
    this.users.set(key, left);
    if (left <= 0) this.draws.delete(key);
  }

  /**
   * Draws the checks' cases in their order until `enough()` says to stop (looked at between two
   * checks' draws) or the next draw would take the cases drawn ahead past `limit` (memory: a case
   * is a few kilobytes).
   */
  async drawAhead(enough: () => boolean, limit = 20_000): Promise<void> {
    let ahead = 0;
    for (const check of this.checks) {
      if (enough()) return;
      if (check.skippedBecause?.(this.context)) continue;
      const params = this.parametersOf(check);
      if (this.draws.has(this.keyOf(check, params))) continue;
      ahead += params.numRuns;
      if (ahead > limit) return;
      try {
        await this.drawFor(check, params).finished;
      } catch {
        return; // The check that uses this draw says why it failed.
      }
    }
  }

  private keyOf(check: Check, params: DrawParameters): string {
    return `${this.idOf(check.cases)}/${check.examples ? this.idOf(check.examples) : 0}/${params.seed}/${params.numRuns}`;
  }

  private idOf(f: object): number {
    let id = this.ids.get(f);
    if (id === undefined) {
      id = ++this.lastId;
      this.ids.set(f, id);
    }
    return id;
  }
}
