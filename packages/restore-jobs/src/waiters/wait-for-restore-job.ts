/**
 * The waiter none of the AWS SDKs has for a restore job: polls DescribeRestoreJob, through the
 * client's one send, with a jittered delay that grows from `minDelayMs` to `maxDelayMs`, until the
 * job is COMPLETED (resolves with that description), FAILED or ABORTED (RestoreJobFailedError),
 * the deadline passes (RestoreJobsTimeoutError naming the last status seen) or the caller aborts
 * (RestoreJobsAbortError). A poll that is throttled slows the polls instead of ending the wait;
 * any other error (an id the service does not know: ResourceNotFoundException) ends it at once.
 */
import {
  RestoreJobFailedError,
  RestoreJobsAbortError,
  RestoreJobsApiError,
  RestoreJobsConfigError,
  RestoreJobsTimeoutError,
  type ValidationIssue,
} from "../errors.js";
import { isObject } from "../json.js";
import { DescribeRestoreJob, type DescribeRestoreJobOutput } from "../operations/describe-restore-job.js";
import { type Sender, urlOf } from "../paginators/paginate.js";
import { isRetryableAnswer } from "../runtime/response.js";
import { sleep } from "../runtime/retry.js";

export interface WaitForRestoreJobOptions {
  /** The first delay between polls, in ms; default 10 s. */
  minDelayMs?: number;
  /** The longest delay between polls, in ms; default 2 min. */
  maxDelayMs?: number;
  /** How long to wait in all, in ms; default 6 h (a large file system can take longer: say so). */
  deadlineMs?: number;
  /** Ends the wait at once with RestoreJobsAbortError; no poll is sent after it. */
  signal?: AbortSignal;
}

/** Written out (6 h is 21,600,000 ms): a bundler keeps an unused `6 * 3_600_000`, not a literal. */
export const waiterDefaults = { minDelayMs: 10_000, maxDelayMs: 120_000, deadlineMs: 21_600_000 };

function checkOptions(options: unknown): Required<Omit<WaitForRestoreJobOptions, "signal">> & {
  signal: AbortSignal | undefined;
} {
  if (!isObject(options)) {
    throw new RestoreJobsConfigError([
      {
        pointer: "",
        message: "waiter options must be an object { minDelayMs?, maxDelayMs?, deadlineMs?, signal? }",
      },
    ]);
  }
  const given = options as WaitForRestoreJobOptions;
  const chosen = { ...waiterDefaults, ...given };
  const issues: ValidationIssue[] = [];
  for (const name of ["minDelayMs", "maxDelayMs", "deadlineMs"] as const) {
    const value = chosen[name];
    // Node's timers hold at most 2^31 - 1 ms (24.8 days); a longer one would fire at once.
    if (typeof value !== "number" || !(value > 0 && value <= 2_147_483_647)) {
      issues.push({
        pointer: `/${name}`,
        message: "must be a positive number of milliseconds, at most 2147483647",
      });
    }
  }
  if (issues.length === 0 && chosen.minDelayMs > chosen.maxDelayMs) {
    issues.push({ pointer: "/maxDelayMs", message: `must not be below minDelayMs (${chosen.minDelayMs})` });
  }
  if (given.signal !== undefined && !(given.signal instanceof AbortSignal)) {
    issues.push({ pointer: "/signal", message: "must be an AbortSignal" });
  }
  if (issues.length) throw new RestoreJobsConfigError(issues);
  return { ...chosen, signal: given.signal };
}

/**
 * The delay before poll number `poll + 1`: drawn between `minMs` and a ceiling that doubles each
 * poll up to `maxMs` (jittered, so many waiters do not poll in step). A throttled poll counts as
 * two steps more, and its delay is the ceiling itself.
 */
export function pollDelay(
  poll: number,
  throttled: boolean,
  minMs: number,
  maxMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** poll);
  return throttled ? ceiling : minMs + random() * (ceiling - minMs);
}

const isThrottled = (error: unknown): boolean =>
  error instanceof RestoreJobsApiError && error.status < 500 && isRetryableAnswer(error.status, error.code);

export async function waitForRestoreJob(
  sender: Sender,
  restoreJobId: string,
  options: WaitForRestoreJobOptions = {},
  random: () => number = Math.random,
): Promise<DescribeRestoreJobOutput> {
  const { minDelayMs, maxDelayMs, deadlineMs, signal } = checkOptions(options);
  const url = urlOf(sender, DescribeRestoreJob, { RestoreJobId: restoreJobId });
  // One signal for the polls and the sleeps: the caller's abort or the deadline, whichever first.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`the wait's deadline of ${deadlineMs} ms passed`));
  }, deadlineMs);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  let last: DescribeRestoreJobOutput | undefined;
  const stopped = () => {
    if (!timedOut) return new RestoreJobsAbortError("GET", url, signal?.reason);
    const lastStatus = last?.Status ?? "none seen";
    const words = `the wait's deadline; the job's last status: ${lastStatus}`;
    return Object.assign(new RestoreJobsTimeoutError("GET", url, deadlineMs, words), { lastStatus });
  };
  try {
    if (signal?.aborted) throw stopped();
    for (let poll = 0; ; poll++) {
      let throttled = false;
      try {
        last = await sender.send(
          DescribeRestoreJob,
          { RestoreJobId: restoreJobId },
          { signal: controller.signal },
        );
      } catch (error) {
        if (controller.signal.aborted) throw stopped();
        if (!isThrottled(error)) throw error;
        throttled = true;
        poll += 2;
      }
      const job = throttled ? undefined : last;
      if (job?.Status === "COMPLETED") return job;
      if (job?.Status === "FAILED" || job?.Status === "ABORTED") {
        throw new RestoreJobFailedError({ ...job, Status: job.Status });
      }
      try {
        await sleep(pollDelay(poll, throttled, minDelayMs, maxDelayMs, random), controller.signal);
      } catch {
        throw stopped();
      }
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
