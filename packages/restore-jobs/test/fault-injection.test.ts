import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultServer, startFaultServer } from "../../../test-support/fault-server.js";
import { createRestoreJobsClient, RestoreJobsError, type StartRestoreJobOutput } from "../src/index.js";

const calls = 300;
const concurrency = 10;
const seed = Number(process.env.FAULT_SEED ?? 20261125);

// The client's own node:http transport, and a caller's fetch (undici): timeouts, resets and
// bounds are implemented separately for each.
const transports = { "node:http": undefined, "caller's fetch": (r: Request, i?: RequestInit) => fetch(r, i) };

describe.each(Object.entries(transports))(
  `fault injection over %s (seed ${seed}: FAULT_SEED=${seed} replays it)`,
  (transport, callerFetch) => {
    let server: FaultServer;
    beforeAll(async () => {
      server = await startFaultServer({ seed, faultRate: 0.3, stallMs: 2_000 });
    });
    afterAll(() => server.close());

    it(`${calls} calls at a concurrency of ${concurrency} all settle, none creates a job twice, >= 99% succeed`, async () => {
      const client = createRestoreJobsClient({
        region: "us-east-1",
        endpoint: server.url,
        credentials: { accessKeyId: "AKIDFAULTS", secretAccessKey: "fault-injection-secret" },
        maxAttempts: 6,
        timeoutMs: 150,
        retryDelay: { baseMs: 5, maxMs: 100 },
        ...(callerFetch && { fetch: callerFetch }),
      });
      const outcomes: ({ call: number; output: StartRestoreJobOutput } | { call: number; error: unknown })[] =
        [];
      let next = 0;
      const worker = async () => {
        while (next < calls) {
          const call = next++;
          const input = {
            RecoveryPointArn: "arn:aws:backup:us-east-1:123456789012:recovery-point:1",
            Metadata: { call: String(call) },
          };
          outcomes.push(
            await client.startRestoreJob(input).then(
              (output) => ({ call, output }),
              (error: unknown) => ({ call, error }),
            ),
          );
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));

      const jobsPerCall = new Map<string, number>();
      for (const job of server.jobs.values()) jobsPerCall.set(job.call, (jobsPerCall.get(job.call) ?? 0) + 1);
      const createdTwice = [...jobsPerCall.values()].filter((n) => n > 1).length;
      const succeeded = outcomes.filter((o) => "output" in o);
      const failed = outcomes.filter((o) => "error" in o);
      const wrongJob = succeeded.filter((o) => {
        const job = [...server.jobs.values()].find((j) => j.id === o.output.id);
        return job?.call !== String(o.call);
      });
      console.log(
        `fault injection over ${transport}: ${outcomes.length} settled, ${succeeded.length} succeeded, ${failed.length} failed, ` +
          `${server.jobs.size} jobs, ${createdTwice} created twice, ${wrongJob.length} with another call's id; ` +
          `faults injected ${JSON.stringify(server.faults)}`,
      );
      for (const f of failed)
        console.log(`  call ${f.call} failed: ${String((f as { error: unknown }).error)}`);
      expect(outcomes).toHaveLength(calls);
      expect(createdTwice).toBe(0);
      expect(wrongJob).toEqual([]);
      for (const f of failed) expect((f as { error: unknown }).error).toBeInstanceOf(RestoreJobsError);
      expect(succeeded.length / calls).toBeGreaterThanOrEqual(0.99);
    });
  },
);
