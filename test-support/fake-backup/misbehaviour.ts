/**
 * What a test tells the fake AWS Backup server to do wrong: fail or throttle the next N requests
 * of an operation, drop their connection (before or after the operation took effect), repeat a
 * NextToken, end a list with an empty token, or answer a request itself (a malformed timestamp, a
 * cut body). Each is checked after the signature verified and the request was routed, before the
 * operation's handler runs (so a refused request changes nothing), but a drop after it.
 */

import type { PagingQuirks } from "./paging.js";
import type { OperationName } from "./routes.js";
import type { RecordedCall } from "./server.js";
import { type Answer, errorAnswer } from "./wire.js";

type Target = OperationName | "*";

interface Failure {
  target: Target;
  remaining: number;
  answer: () => Answer;
}

export class Misbehaviour {
  private readonly failures: Failure[] = [];
  private readonly dropsAfter: { target: Target; remaining: number }[] = [];
  private readonly repeated = new Set<Target>();
  private readonly emptyLast = new Set<Target>();
  private readonly overrides: { target: Target; answer: (call: RecordedCall) => Answer | undefined }[] = [];

  /** The next `times` requests of the operation get this error (ServiceUnavailableException: 503). */
  fail(target: Target, times: number, error: { type: string; status?: number; message?: string }): this {
    const status = error.status ?? 400;
    const message = error.message ?? `${error.type} (injected by the test)`;
    this.failures.push({ target, remaining: times, answer: () => errorAnswer(error.type, message, status) });
    return this;
  }

  /** The next `times` requests of the operation are throttled: 400 ThrottlingException "Rate exceeded". */
  throttle(target: Target, times = 1, options: { status?: number; type?: string } = {}): this {
    return this.fail(target, times, {
      type: options.type ?? "ThrottlingException",
      status: options.status ?? 400,
      message: "Rate exceeded",
    });
  }

  /**
   * The next `times` requests of the operation lose their connection before an answer: before the
   * operation takes effect, or (`afterEffect`) once it has (a job started, a result recorded).
   */
  dropConnection(target: Target, times = 1, options: { afterEffect?: boolean } = {}): this {
    if (options.afterEffect) this.dropsAfter.push({ target, remaining: times });
    else this.failures.push({ target, remaining: times, answer: () => ({ status: 0, drop: true }) });
    return this;
  }

  /** From now on, a page of the operation carries as NextToken the token its request carried. */
  repeatNextToken(target: Target): this {
    this.repeated.add(target);
    return this;
  }

  /** From now on, the operation's last page says `NextToken: ""` instead of leaving it out. */
  emptyLastPageToken(target: Target): this {
    this.emptyLast.add(target);
    return this;
  }

  /** Answers the operation's requests with `answer` wherever it returns one (the latest first). */
  answer(target: Target, answer: (call: RecordedCall) => Answer | undefined): this {
    this.overrides.unshift({ target, answer });
    return this;
  }

  /** Forgets everything a test told it. */
  reset(): void {
    this.failures.length = 0;
    this.dropsAfter.length = 0;
    this.overrides.length = 0;
    this.repeated.clear();
    this.emptyLast.clear();
  }

  /** The answer that replaces the handler's for this call, if any. */
  intercept(call: RecordedCall & { operation: OperationName }): Answer | undefined {
    const applies = (target: Target) => target === "*" || target === call.operation;
    for (const override of this.overrides) {
      if (!applies(override.target)) continue;
      const answer = override.answer(call);
      if (answer) return answer;
    }
    const failure = this.failures.find((f) => f.remaining > 0 && applies(f.target));
    if (!failure) return undefined;
    failure.remaining--;
    return failure.answer();
  }

  /** Whether this call's connection is to be dropped now that the operation took effect. */
  dropAfterEffect(operation: OperationName): boolean {
    const drop = this.dropsAfter.find((d) => d.remaining > 0 && (d.target === "*" || d.target === operation));
    if (drop) drop.remaining--;
    return drop !== undefined;
  }

  quirks(operation: OperationName): PagingQuirks {
    return {
      repeatToken: this.repeated.has(operation) || this.repeated.has("*"),
      emptyLastToken: this.emptyLast.has(operation) || this.emptyLast.has("*"),
    };
  }
}
