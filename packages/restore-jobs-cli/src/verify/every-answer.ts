/**
 * Every answer of the run judged by every check it concerns: the checks that judge a case by its
 * one answer (`answer` in checks.ts) also judge the answers the other checks' cases got (an
 * idempotency pair, a SigV4 breach, a valid case of positive_data_accepted), as Schemathesis runs
 * every check on every response. Without it a 500 on the second request of an idempotency pair,
 * or a success envelope without `data.id` for a case only positive_data_accepted sent, went
 * unjudged. Each answer is judged once by each check: a check whose own cases are the sending
 * check's (the same draw, checks.ts `answerCases`) judged it already.
 */
import fc from "fast-check";
import type { AnswerJudge, Check, CheckContext, Judgement } from "./checks.js";
import type { Redactor } from "./redaction.js";
import { toCurl } from "./redaction.js";
import { describeCase } from "./run-check.js";
import type { CheckName, Finding, RequestCase } from "./types.js";

/** Where an answer came from: the check that sent it, the seed and the path of its case. */
export interface Sender {
  check: CheckName;
  seed: number;
  path: string;
}

export class EveryAnswer {
  /** The first finding of each check among the answers of other checks' cases. */
  readonly findings = new Map<CheckName, Finding>();
  /** Answers judged so, by check (not counted in the check's own cases). */
  readonly judged = new Map<CheckName, number>();

  private readonly seen = new WeakSet<object>();
  /** The selected checks that judge an answer and run against this target. */
  private readonly sweeping: Check[];

  constructor(
    checks: readonly Check[],
    private readonly context: CheckContext,
    private readonly redactor: Redactor,
  ) {
    this.sweeping = checks.filter((check) => check.answer && !check.skippedBecause?.(context));
  }

  /** Judges the answers of `sent`'s judgement of `judged` by the other single-answer checks. */
  observe(judged: RequestCase, judgement: Judgement, sent: Check, sender: Sender): void {
    judgement.exchanges.forEach((exchange, i) => {
      const requestCase = judgement.cases?.[i] ?? judged;
      // An answer kept for several checks (shared-answers.ts) comes here once per check that got it.
      if (this.seen.has(exchange)) return;
      this.seen.add(exchange);
      for (const check of this.sweeping) {
        const answer: AnswerJudge | undefined = check.answer;
        if (!answer || check === sent || check.cases === sent.cases) continue;
        const verdict = answer(requestCase, exchange, this.context);
        if (verdict.result === "skip") continue;
        this.judged.set(check.name, (this.judged.get(check.name) ?? 0) + 1);
        if (verdict.result !== "fail" || this.findings.has(check.name)) continue;
        const seen = this.redactor.exchange(exchange);
        this.findings.set(check.name, {
          check: check.name,
          message: this.redactor.text(`${verdict.message} (the answer to a request ${sender.check} sent)`),
          seed: sender.seed,
          path: sender.path,
          counterexample: this.redactor.text(fc.stringify(describeCase(requestCase))),
          exchanges: [seen],
          curl: [this.redactor.text(toCurl(seen.request))],
          sentBy: sender.check,
        });
      }
    });
  }
}
