import { afterEach, describe, expect, it } from "vitest";
import { parseRateLimit, RateLimiter } from "../../src/verify/rate-limiter.js";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";
import { type JobRun, runJob } from "./support/run-job.js";

let server: RecordingServer | undefined;
let job: JobRun | undefined;
afterEach(async () => {
  await server?.close();
  await job?.cleanup();
  server = undefined;
  job = undefined;
});

/** The most requests that arrived within any window of `windowMs` (sliding, starting at each arrival). */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && (sorted[j] ?? 0) < (sorted[i] ?? 0) + windowMs) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

describe("--rate-limit N/s: the whole job, all workers together, never sends faster", () => {
  it("keeps every two-second window at the limit, the probe, shrinking and replays included, and says the rate kept", async () => {
    server = await startRecordingServer();
    // The server accepts anything: auth_enforced fails and shrinks; its body_changed case replays.
    const argv = ["--target", server.url.href, "--runs", "45", "--seed", "1", "--workers", "8"];
    job = await runJob([...argv, "--checks", "positive_data_accepted,auth_enforced", "--rate-limit", "25/s"]);
    expect(job.failedChecks).toEqual(["auth_enforced"]);
    const times = server.requests.map((r) => r.at);
    expect(times.length).toBeGreaterThan(75); // well over a two-second window's 50, were there no limit
    // Arrival times on a loaded machine can bunch by a few (a stalled event loop delivers two
    // requests sent 40 ms apart at once); a job without the limit sends them all in a fraction of it.
    // Two-second windows, so that a few bunched arrivals weigh little against the 50 allowed.
    expect(busiestWindow(times, 2000)).toBeLessThanOrEqual(2 * 25 + 4);
    expect(server.requests[0]?.method).toBe("GET"); // the probe, through the same limiter
    expect(job.stdout).toMatch(
      new RegExp(`rate limit 25/s: ${server.requests.length} requests at \\d+(\\.\\d+)?/s\\)`),
    );
  });

  it("spaces requests one interval apart whatever asks at once (a fake clock)", async () => {
    let now = 0;
    const limiter = new RateLimiter(
      { label: "4/s", intervalMs: 250 },
      () => now,
      async (ms) => {
        now += ms;
      },
    );
    const released: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => limiter.acquire().then(() => released.push(now))));
    expect(released).toEqual([0, 250, 500, 750, 1000, 1250]);
    // After a pause longer than an interval, the next goes at once but does not catch up.
    now += 5000;
    await limiter.acquire();
    await limiter.acquire();
    expect(now).toBe(6250 + 250);
    expect(limiter.requests).toBe(8);
  });

  it("reads N/s and N/m", () => {
    expect(parseRateLimit("20/s")).toEqual({ label: "20/s", intervalMs: 50 });
    expect(parseRateLimit("90/m")).toEqual({ label: "90/m", intervalMs: 60_000 / 90 });
    expect(parseRateLimit("0.5/S")).toEqual({ label: "0.5/s", intervalMs: 2000 });
    for (const bad of ["0/s", "10", "10/h", "-1/s", "x/s", "/s", "1e3/s"])
      expect(parseRateLimit(bad)).toBeUndefined();
  });
});
