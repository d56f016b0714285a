/** Exponential backoff with full jitter: https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/ */
export function backoffDelay(
  retry: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * The signal of one attempt: aborted by its own timeout or by any of the call's signals. One
 * AbortController and a timer: `AbortSignal.timeout`/`any` make transferable signals, which costs
 * more than the rest of an attempt's bookkeeping on Node 20.
 */
export interface AttemptSignal {
  signal: AbortSignal;
  timedOut(): boolean;
  dispose(): void;
}

export function attemptSignal(timeoutMs: number, callSignals: readonly AbortSignal[]): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`attempt timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const stop = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  for (const signal of callSignals) signal.addEventListener("abort", stop, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      for (const signal of callSignals) signal.removeEventListener("abort", stop);
    },
  };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A retry quota shared by every call of one client, as the AWS SDK's standard retry mode keeps
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html): a retry costs
 * 5 tokens (10 after a timeout), a success gives back what its retry cost (1 when it needed
 * none), and when the bucket is empty failures are not retried, so an outage does not multiply
 * the load on the service.
 */
export class RetryQuota {
  static readonly retryCost = 5;
  static readonly timeoutRetryCost = 10;
  static readonly noRetryIncrement = 1;
  #available: number;
  constructor(readonly capacity = 500) {
    this.#available = capacity;
  }
  get available(): number {
    return this.#available;
  }
  /** Takes the cost of one retry; false (and nothing taken) when the quota cannot pay it. */
  acquire(cost: number): boolean {
    if (cost > this.#available) return false;
    this.#available -= cost;
    return true;
  }
  /** After a success: gives back the last retry's cost, or the small increment for none. */
  release(lastRetryCost: number | undefined): void {
    this.#available = Math.min(
      this.capacity,
      this.#available + (lastRetryCost ?? RetryQuota.noRetryIncrement),
    );
  }
}

/** The promise, or the signal's reason as soon as it aborts (the promise is left to settle alone). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
