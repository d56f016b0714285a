/**
 * How the job's requests reach the target: every one (cases, replays, shrinking and the
 * reachability probe) through one rate limiter when `--rate-limit` is given, each answer read
 * within `--max-response-bytes`, the `--header`s on the probe too (a gateway may want its key on
 * every request), and a documented 429 with `Retry-After` taken as back-pressure, not an answer:
 * waited out within a budget, and counted.
 */
import { defaultMaxResponseBytes } from "./bounded-answer.js";
import { VerifyCannotRun } from "./errors.js";
import { exchange, probe } from "./http-exchange.js";
import { type RateLimit, RateLimiter } from "./rate-limiter.js";
import type { Exchange, SentRequest } from "./types.js";

export interface TransportOptions {
  timeoutMs: number;
  maxResponseBytes?: number | undefined;
  rateLimit?: RateLimit | undefined;
  headers?: Record<string, string> | undefined;
}

/** The rate a rate-limited job kept, for the closing line and the reports. */
export interface RateKept {
  limit: string;
  requests: number;
  perSecond: number;
}

export interface JobTransport {
  /** Sends a request; a 429 with Retry-After is waited out and sent again (throttleBudget). */
  send(request: SentRequest): Promise<Exchange>;
  /** Exit 2 (`TARGET_UNREACHABLE`) unless something answers a GET of `url`. */
  ensureReachable(url: URL): Promise<void>;
  /** How often the target throttled the job; undefined when it never did. */
  throttled(): Throttled | undefined;
  rateKept(): RateKept | undefined;
}

/**
 * How much back-pressure the job takes: a 429 with `Retry-After` is waited out and the request
 * sent again, unless one wait would be longer than `longestWaitMs`, the waits together longer
 * than `totalWaitMs`, or one request is throttled `perRequest` times in a row: then the target
 * throttles past the budget and the job stops (exit 2, `THROTTLED`), for a verdict on a target
 * that answers so little would not be one.
 */
export const throttleBudget = { longestWaitMs: 30_000, totalWaitMs: 120_000, perRequest: 5 };

/** How often the target throttled the job (429 with Retry-After) and how long the job waited. */
export interface Throttled {
  times: number;
  waitedMs: number;
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP-date (RFC 9110 10.2.3); undefined otherwise. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function jobTransport(options: TransportOptions): JobTransport {
  const { timeoutMs } = options;
  const bound = options.maxResponseBytes ?? defaultMaxResponseBytes;
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  const throttled: Throttled = { times: 0, waitedMs: 0 };
  // Without a limit, the request goes straight out: no promise more than before.
  const once = limiter
    ? async (request: SentRequest) => {
        await limiter.acquire();
        return exchange(request, timeoutMs, bound);
      }
    : (request: SentRequest) => exchange(request, timeoutMs, bound);
  const send = async (request: SentRequest): Promise<Exchange> => {
    for (let attempt = 1; ; attempt++) {
      const answer = await once(request);
      const wait =
        answer.response?.status === 429 ? retryAfterMs(answer.response.headers["retry-after"]) : undefined;
      if (wait === undefined) return answer;
      const budget = throttleBudget;
      const past =
        wait > budget.longestWaitMs
          ? `asked to wait ${Math.round(wait / 1000)} s (Retry-After), more than ${budget.longestWaitMs / 1000} s`
          : throttled.waitedMs + wait > budget.totalWaitMs
            ? `the job waited ${Math.round(throttled.waitedMs / 1000)} s on Retry-After already, the most it waits is ${budget.totalWaitMs / 1000} s`
            : attempt >= budget.perRequest
              ? `one request was throttled ${attempt} times in a row`
              : undefined;
      if (past)
        throw new VerifyCannotRun(
          "THROTTLED",
          `the target throttles past the job's budget: ${past} (429 with Retry-After ${throttled.times + 1} times in all); verify it with a lower --rate-limit`,
        );
      throttled.times++;
      throttled.waitedMs += wait;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  return {
    send,
    throttled: () => (throttled.times > 0 ? { ...throttled } : undefined),
    async ensureReachable(url) {
      await limiter?.acquire();
      const problem = await probe(url.href, Math.min(timeoutMs, 5000), options.headers);
      if (problem) throw new VerifyCannotRun("TARGET_UNREACHABLE", `cannot reach ${url.href}: ${problem}`);
    },
    rateKept: () =>
      limiter && {
        limit: limiter.limit.label,
        requests: limiter.requests,
        perSecond: Math.round(limiter.keptPerSecond() * 100) / 100,
      },
  };
}
