/**
 * `--rate-limit N/s` or `N/m`: the most requests the whole job sends, all workers together, the
 * reachability probe, replays and shrinking included. A shared environment that throttles is
 * verified politely.
 */

export interface RateLimit {
  /** As given, normalised: `20/s`, `90/m`. */
  label: string;
  /** The least time between two requests. */
  intervalMs: number;
}

/** `N/s` or `N/m` with N a positive number (decimals allowed: `0.5/s`); undefined when it is not one. */
export function parseRateLimit(text: string): RateLimit | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|m)\s*$/i.exec(text);
  if (!match) return undefined;
  const count = Number(match[1]);
  const unit = (match[2] ?? "s").toLowerCase();
  if (!(count > 0) || !Number.isFinite(count)) return undefined;
  const intervalMs = (unit === "m" ? 60_000 : 1000) / count;
  // Slower than one request a day is not a rate limit but a typo; faster than 1/ms is no limit.
  if (intervalMs > 86_400_000 || intervalMs < 0.001) return undefined;
  return { label: `${count}/${unit}`, intervalMs };
}

/**
 * Spaces the job's requests at least `intervalMs` apart, measured from when each request was
 * actually released: after a stall of the event loop the next request still waits a full
 * interval, so no burst ever "catches up". One instance serves every worker; requests are
 * released in the order they asked.
 */
export class RateLimiter {
  private nextAt = 0;
  private queue: Promise<void> = Promise.resolve();
  /** Requests released so far, and when the first and the last were. */
  requests = 0;
  private firstAt: number | undefined;
  private lastAt: number | undefined;

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Resolves when the caller may send one request. */
  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      // setTimeout may fire a little early of the clock this reads: wait until it is really time.
      for (let wait = this.nextAt - this.now(); wait > 0; wait = this.nextAt - this.now())
        await this.sleep(Math.max(1, Math.ceil(wait)));
      const at = this.now();
      this.nextAt = at + this.limit.intervalMs;
      this.firstAt ??= at;
      this.lastAt = at;
      this.requests++;
    });
    this.queue = turn;
    return turn;
  }

  /** The rate kept: requests per second over the time from the first to the last (0 for one). */
  keptPerSecond(): number {
    if (this.firstAt === undefined || this.lastAt === undefined || this.requests < 2) return 0;
    return (this.requests - 1) / ((this.lastAt - this.firstAt) / 1000);
  }
}
