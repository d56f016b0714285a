/**
 * The paginators and the restore-job waiter against the fake AWS Backup over real HTTP: pages are
 * followed until NextToken is absent or empty, a token seen twice is a protocol error with nothing
 * sent after it, a signal stops the pages; the waiter resolves on COMPLETED, fails on FAILED or
 * ABORTED, at its deadline and on an abort, slows when throttled and fails at once on an unknown id.
 */
import { fc, test } from "@fast-check/vitest";
import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeBackup,
  type FakeBackupOptions,
  startFakeBackup,
} from "../../../test-support/fake-backup/server.js";
import {
  createRestoreJobsClient,
  createRestoreJobsCore,
  paginateListRestoreJobs,
  RestoreJobFailedError,
  RestoreJobsAbortError,
  RestoreJobsApiError,
  type RestoreJobsClient,
  RestoreJobsConfigError,
  RestoreJobsProtocolError,
  RestoreJobsTimeoutError,
  RestoreJobsValidationError,
} from "../src/index.js";
import { pollDelay } from "../src/waiters/wait-for-restore-job.js";

const credentials = { accessKeyId: "AKIDPAGES", secretAccessKey: "paginators-test-secret-0123456789" };
const recoveryPointArn =
  "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45";
const volumeArn = "arn:aws:ec2:us-east-1:123456789012:volume/vol-0123456789abcdef0";
/** Waits in milliseconds, as tests may set them. */
const quick = { minDelayMs: 1, maxDelayMs: 4 };

let fake: FakeBackup | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(
  options: Partial<FakeBackupOptions> = {},
  maxAttempts = 3,
): Promise<{ fake: FakeBackup; client: RestoreJobsClient }> {
  fake = await startFakeBackup({ credentials, ...options });
  const client = createRestoreJobsClient({
    region: "us-east-1",
    endpoint: fake.url,
    credentials,
    maxAttempts,
    retryDelay: { baseMs: 1, maxMs: 2 },
  });
  return { fake, client };
}

function addJobs(f: FakeBackup, count: number, extra: { SourceResourceArn?: string } = {}): string[] {
  return Array.from(
    { length: count },
    (_, i) =>
      f.store.add({
        RecoveryPointArn: recoveryPointArn,
        CreationDate: new Date(Date.UTC(2026, 11, 1, i)),
        ...extra,
      }).RestoreJobId,
  ).toReversed();
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe("paginators", () => {
  it("follow ListRestoreJobs' NextToken with pageSize until it is absent, each page the operation's output", async () => {
    const { fake, client } = await start();
    const ids = addJobs(fake, 7);
    const pages = await collect(client.paginateListRestoreJobs({ ByStatus: "PENDING" }, { pageSize: 3 }));
    expect(pages.map((page) => page.RestoreJobs?.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((page) => page.RestoreJobs!.map((job) => job.RestoreJobId))).toEqual(ids);
    expect(pages[0]?.RestoreJobs?.[0]?.CreationDate).toBeInstanceOf(Date);
    expect(
      fake.callsOf("ListRestoreJobs").map((call) => call.path.replace(/nextToken=[^&]+/, "nextToken=T")),
    ).toEqual([
      "/restore-jobs?maxResults=3&status=PENDING",
      "/restore-jobs?nextToken=T&maxResults=3&status=PENDING",
      "/restore-jobs?nextToken=T&maxResults=3&status=PENDING",
    ]);
  });

  it("stop at an empty NextToken, as at an absent one", async () => {
    const { fake, client } = await start();
    addJobs(fake, 2);
    fake.misbehave.emptyLastPageToken("ListRestoreJobs");
    const pages = await collect(client.paginateListRestoreJobs({}));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.NextToken).toBe("");
    expect(fake.callsOf("ListRestoreJobs")).toHaveLength(1);
  });

  it("page ListRestoreJobsByProtectedResource and ListRestoreJobSummaries too", async () => {
    const { fake, client } = await start({ defaultPageSize: 2 });
    addJobs(fake, 5, { SourceResourceArn: volumeArn });
    const byResource = await collect(
      client.paginateListRestoreJobsByProtectedResource({ ResourceArn: volumeArn }),
    );
    expect(byResource.map((page) => page.RestoreJobs?.length)).toEqual([2, 2, 1]);
    for (const type of ["EBS", "EFS", "RDS"])
      fake.store.add({ RecoveryPointArn: recoveryPointArn, ResourceType: type });
    const summaries = await collect(
      client.paginateListRestoreJobSummaries({ AggregationPeriod: "FOURTEEN_DAYS" }, { pageSize: 1 }),
    );
    // Four groups, one a page: the three types, and the five jobs above, which have none.
    expect(summaries).toHaveLength(4);
    expect(summaries.map((page) => String(page.RestoreJobSummaries?.[0]?.ResourceType)).sort()).toEqual([
      "EBS",
      "EFS",
      "RDS",
      "undefined",
    ]);
  });

  it("turn a NextToken that comes back twice into a protocol error naming the operation, sending nothing after it", async () => {
    const { fake, client } = await start();
    addJobs(fake, 5);
    fake.misbehave.repeatNextToken("ListRestoreJobs");
    const seen: number[] = [];
    const error = await (async () => {
      for await (const page of client.paginateListRestoreJobs({}, { pageSize: 1 }))
        seen.push(page.RestoreJobs!.length);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsProtocolError);
    expect((error as Error).message).toContain("ListRestoreJobs answered a NextToken it had already given");
    expect(seen).toEqual([1, 1]);
    expect(fake.callsOf("ListRestoreJobs")).toHaveLength(2);
  });

  it("stop between pages when the signal aborts, the next page never requested", async () => {
    const { fake, client } = await start();
    addJobs(fake, 5);
    const controller = new AbortController();
    const error = await (async () => {
      for await (const _page of client.paginateListRestoreJobs(
        {},
        { pageSize: 2, signal: controller.signal },
      )) {
        controller.abort(new Error("enough"));
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsAbortError);
    expect(fake.callsOf("ListRestoreJobs")).toHaveLength(1);
  });

  it("refuse bad options at once and an invalid input before any request", async () => {
    const { fake, client } = await start();
    expect(() => client.paginateListRestoreJobs({}, { pageSize: 0 })).toThrow(RestoreJobsConfigError);
    expect(() => client.paginateListRestoreJobs({}, { signal: "stop" as never })).toThrow(
      RestoreJobsConfigError,
    );
    await expect(collect(client.paginateListRestoreJobs({ ByAccountId: "12" }))).rejects.toBeInstanceOf(
      RestoreJobsValidationError,
    );
    expect(fake.calls).toEqual([]);
  });

  it("work over the lean core as standalone functions", async () => {
    const { fake } = await start();
    addJobs(fake, 3);
    const core = createRestoreJobsCore({ region: "us-east-1", endpoint: fake.url, credentials });
    const pages = await collect(paginateListRestoreJobs(core, {}, { pageSize: 2 }));
    expect(pages.map((page) => page.RestoreJobs?.length)).toEqual([2, 1]);
  });
});

describe("waitForRestoreJob", () => {
  it("polls DescribeRestoreJob until COMPLETED and resolves with that description", async () => {
    const { fake, client } = await start({ statusScript: ["PENDING", "RUNNING", "RUNNING", "COMPLETED"] });
    const { id } = await client.startRestoreJob({ RecoveryPointArn: recoveryPointArn, Metadata: {} });
    const job = await client.waitForRestoreJob(id, quick);
    expect(job).toMatchObject({ RestoreJobId: id, Status: "COMPLETED", PercentDone: "100.00%" });
    expect(job.CompletionDate).toBeInstanceOf(Date);
    expect(fake.callsOf("DescribeRestoreJob")).toHaveLength(4);
  });

  it("fails with RestoreJobFailedError on FAILED, carrying status, message and the last description", async () => {
    const { fake, client } = await start();
    const job = fake.store.add({ RecoveryPointArn: recoveryPointArn });
    fake.store.script(job.RestoreJobId, ["RUNNING"]);
    const waiting = client.waitForRestoreJob(job.RestoreJobId, quick).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));
    fake.store.advance(job.RestoreJobId, "FAILED", { StatusMessage: "Access denied to the KMS key" });
    const error = (await waiting) as RestoreJobFailedError;
    expect(error).toBeInstanceOf(RestoreJobFailedError);
    expect(error).toMatchObject({
      name: "RestoreJobFailedError",
      status: "FAILED",
      statusMessage: "Access denied to the KMS key",
      job: { RestoreJobId: job.RestoreJobId, Status: "FAILED" },
    });
    expect(error.message).toBe(`Restore job ${job.RestoreJobId} ended FAILED: Access denied to the KMS key`);
  });

  it("fails with RestoreJobFailedError on ABORTED", async () => {
    const { client } = await start({ statusScript: ["ABORTED"] });
    const { id } = await client.startRestoreJob({ RecoveryPointArn: recoveryPointArn, Metadata: {} });
    await expect(client.waitForRestoreJob(id, quick)).rejects.toMatchObject({
      name: "RestoreJobFailedError",
      status: "ABORTED",
    });
  });

  it("ends at its deadline with RestoreJobsTimeoutError naming the last status seen", async () => {
    const { fake, client } = await start({ statusScript: ["RUNNING"] });
    const { id } = await client.startRestoreJob({ RecoveryPointArn: recoveryPointArn, Metadata: {} });
    const error = (await client
      .waitForRestoreJob(id, { ...quick, deadlineMs: 60 })
      .catch((e: unknown) => e)) as RestoreJobsTimeoutError;
    expect(error).toBeInstanceOf(RestoreJobsTimeoutError);
    expect(error.lastStatus).toBe("RUNNING");
    expect(error.message).toContain("the job's last status: RUNNING");
    const polls = fake.callsOf("DescribeRestoreJob").length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.callsOf("DescribeRestoreJob")).toHaveLength(polls);
  });

  it("ends on the caller's abort with RestoreJobsAbortError, no poll sent after it", async () => {
    const { fake, client } = await start();
    const job = fake.store.add({ RecoveryPointArn: recoveryPointArn });
    const controller = new AbortController();
    const waiting = client
      .waitForRestoreJob(job.RestoreJobId, { minDelayMs: 5, maxDelayMs: 5, signal: controller.signal })
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 15));
    controller.abort(new Error("drill cancelled"));
    const error = await waiting;
    expect(error).toBeInstanceOf(RestoreJobsAbortError);
    expect((error as Error).message).toContain("drill cancelled");
    const polls = fake.callsOf("DescribeRestoreJob").length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.callsOf("DescribeRestoreJob")).toHaveLength(polls);
    // Already aborted: nothing is sent at all.
    const before = fake.calls.length;
    await expect(
      client.waitForRestoreJob(job.RestoreJobId, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(RestoreJobsAbortError);
    expect(fake.calls).toHaveLength(before);
  });

  it("keeps waiting through throttling (even past the client's attempts) instead of failing", async () => {
    const { fake, client } = await start({ statusScript: ["COMPLETED"] }, 1);
    const { id } = await client.startRestoreJob({ RecoveryPointArn: recoveryPointArn, Metadata: {} });
    fake.misbehave.throttle("DescribeRestoreJob", 3);
    const job = await client.waitForRestoreJob(id, quick);
    expect(job.Status).toBe("COMPLETED");
    expect(fake.callsOf("DescribeRestoreJob")).toHaveLength(4);
  });

  it("fails at once, with the service's error, on an id the service does not know", async () => {
    const { fake, client } = await start();
    const error = await client.waitForRestoreJob("NO-SUCH-JOB", quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsApiError);
    expect((error as RestoreJobsApiError).code).toBe("ResourceNotFoundException");
    expect(fake.callsOf("DescribeRestoreJob")).toHaveLength(1);
  });

  it("refuses bad options and an invalid id before any poll", async () => {
    const { fake, client } = await start();
    await expect(client.waitForRestoreJob("j", { minDelayMs: 10, maxDelayMs: 5 })).rejects.toBeInstanceOf(
      RestoreJobsConfigError,
    );
    await expect(client.waitForRestoreJob("j", { deadlineMs: -1 })).rejects.toBeInstanceOf(
      RestoreJobsConfigError,
    );
    await expect(client.waitForRestoreJob("" as string, quick)).rejects.toBeInstanceOf(
      RestoreJobsValidationError,
    );
    expect(fake.calls).toEqual([]);
  });
});

describe("the waiter's delays", () => {
  test.prop([
    fc.integer({ min: 0, max: 40 }),
    fc.integer({ min: 1, max: 60_000 }),
    fc.integer({ min: 0, max: 600_000 }),
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  ])(
    "stay within [min, max], grow with each poll, and a throttled poll waits at least as long",
    (poll, min, extra, r) => {
      const max = min + extra;
      const delay = pollDelay(poll, false, min, max, () => r);
      expect(delay).toBeGreaterThanOrEqual(min);
      expect(delay).toBeLessThanOrEqual(max);
      expect(pollDelay(poll + 1, false, min, max, () => r)).toBeGreaterThanOrEqual(delay);
      expect(pollDelay(poll, true, min, max, () => r)).toBeGreaterThanOrEqual(delay);
      expect(pollDelay(poll, true, min, max, () => r)).toBeLessThanOrEqual(max);
    },
  );
});
