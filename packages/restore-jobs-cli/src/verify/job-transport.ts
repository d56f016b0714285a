/**
 * How the job's requests reach the target: every one (cases, replays, shrinking and the
 * reachability probe) through one rate limiter when `--rate-limit` is given, each answer read
 * within `--max-response-bytes`, the `--header`s on the probe too (a gateway may want its key on
 * every request).
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
  send(request: SentRequest): Promise<Exchange>;
  /** Exit 2 (`TARGET_UNREACHABLE`) unless something answers at `url`. */
  ensureReachable(url: URL): Promise<void>;
  rateKept(): RateKept | undefined;
}

export function jobTransport(options: TransportOptions): JobTransport {
  const { timeoutMs } = options;
  const bound = options.maxResponseBytes ?? defaultMaxResponseBytes;
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  return {
    // Without a limit, the request goes straight out: no promise more than before.
    send: limiter
      ? async (request) => {
          await limiter.acquire();
          return exchange(request, timeoutMs, bound);
        }
      : (request) => exchange(request, timeoutMs, bound),
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
