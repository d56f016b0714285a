/**
 * The seven restore-job operations beside StartRestoreJob, as users meet them: each client method
 * against the fake AWS Backup (test-support/fake-backup/) over real HTTP on 127.0.0.1, every
 * request's SigV4 verified there. Inputs are validated before any I/O, path members travel
 * percent-encoded once, outputs come back typed (Dates, enums, absent members absent), answers
 * that break the spec are protocol errors naming the member, and the GETs and
 * PutRestoreValidationResult are retried under the client's rules.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type FakeBackup, startFakeBackup } from "../../../test-support/fake-backup/server.js";
import {
  createRestoreJobsClient,
  type RestoreJobsApiError,
  type RestoreJobsClient,
  RestoreJobsProtocolError,
  RestoreJobsValidationError,
} from "../src/index.js";

const credentials = { accessKeyId: "AKIDOPERATIONS", secretAccessKey: "operations-test-secret-0123456789" };
const vault = "drill-vault";
const recoveryPointArn =
  "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45";
const volumeArn = "arn:aws:ec2:us-east-1:123456789012:volume/vol-0123456789abcdef0";

let fake: FakeBackup | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(
  clientOptions: { maxAttempts?: number } = {},
): Promise<{ fake: FakeBackup; client: RestoreJobsClient }> {
  fake = await startFakeBackup({ credentials });
  const client = createRestoreJobsClient({
    region: "us-east-1",
    endpoint: fake.url,
    credentials,
    retryDelay: { baseMs: 1, maxMs: 5 },
    ...clientOptions,
  });
  return { fake, client };
}

describe("every restore-job operation, through the client, against the fake AWS Backup", () => {
  it("finds the metadata, starts, describes, lists, summarizes and validates a restore", async () => {
    const { fake, client } = await start();
    fake.store.addRecoveryPoint({
      BackupVaultName: vault,
      RecoveryPointArn: recoveryPointArn,
      SourceResourceArn: volumeArn,
      ResourceType: "EBS",
      CreationDate: new Date("2026-11-30T12:00:00.250Z"),
      RestoreMetadata: { availabilityZone: "us-east-1a", volumeType: "gp3" },
    });

    const metadata = await client.getRecoveryPointRestoreMetadata({
      BackupVaultName: vault,
      RecoveryPointArn: recoveryPointArn,
    });
    expect(metadata).toEqual({
      BackupVaultArn: `arn:aws:backup:us-east-1:123456789012:backup-vault:${vault}`,
      RecoveryPointArn: recoveryPointArn,
      RestoreMetadata: { availabilityZone: "us-east-1a", volumeType: "gp3" },
      ResourceType: "EBS",
    });

    const { id } = await client.startRestoreJob({
      RecoveryPointArn: recoveryPointArn,
      Metadata: metadata.RestoreMetadata!,
    });
    const pending = await client.describeRestoreJob({ RestoreJobId: id });
    expect(pending.Status).toBe("PENDING");
    expect(pending.CreationDate).toBeInstanceOf(Date);
    expect(pending.RecoveryPointCreationDate).toEqual(new Date("2026-11-30T12:00:00.250Z"));
    // Absent members are absent, not undefined.
    expect("CompletionDate" in pending).toBe(false);
    expect("BackupSizeInBytes" in pending).toBe(false);

    fake.store.advance(id, "COMPLETED", {
      CompletionDate: new Date("2026-12-01T08:30:15.125Z"),
      BackupSizeInBytes: 8_589_934_592,
      ExpectedCompletionTimeMinutes: 12,
      CreatedBy: {
        RestoreTestingPlanArn: "arn:aws:backup:us-east-1:123456789012:restore-testing-plan:weekly",
      },
      IsParent: false,
    });
    const completed = await client.describeRestoreJob({ RestoreJobId: id });
    expect(completed).toMatchObject({
      RestoreJobId: id,
      Status: "COMPLETED",
      CompletionDate: new Date("2026-12-01T08:30:15.125Z"),
      BackupSizeInBytes: 8_589_934_592,
      ExpectedCompletionTimeMinutes: 12,
      PercentDone: "100.00%",
      CreatedBy: {
        RestoreTestingPlanArn: "arn:aws:backup:us-east-1:123456789012:restore-testing-plan:weekly",
      },
      IsParent: false,
      SourceResourceArn: volumeArn,
    });

    expect(await client.getRestoreJobMetadata({ RestoreJobId: id })).toEqual({
      RestoreJobId: id,
      Metadata: { availabilityZone: "us-east-1a", volumeType: "gp3" },
    });
    const listed = await client.listRestoreJobs({
      ByStatus: "COMPLETED",
      ByCreatedAfter: new Date(Date.now() - 60_000),
    });
    expect(listed.RestoreJobs?.map((job) => job.RestoreJobId)).toEqual([id]);
    expect(listed.RestoreJobs?.[0]?.CompletionDate).toEqual(new Date("2026-12-01T08:30:15.125Z"));
    expect("NextToken" in listed).toBe(false);

    const byResource = await client.listRestoreJobsByProtectedResource({ ResourceArn: volumeArn });
    expect(byResource.RestoreJobs?.map((job) => job.RestoreJobId)).toEqual([id]);

    const summaries = await client.listRestoreJobSummaries({ AggregationPeriod: "SEVEN_DAYS" });
    expect(summaries.AggregationPeriod).toBe("SEVEN_DAYS");
    expect(summaries.RestoreJobSummaries).toEqual([
      {
        Region: "us-east-1",
        AccountId: "123456789012",
        State: "COMPLETED",
        ResourceType: "EBS",
        Count: 1,
        StartTime: expect.any(Date),
        EndTime: expect.any(Date),
      },
    ]);

    expect(
      await client.putRestoreValidationResult({
        RestoreJobId: id,
        ValidationStatus: "SUCCESSFUL",
        ValidationStatusMessage: "mounted; checksums match",
      }),
    ).toEqual({});
    expect(fake.store.validations).toEqual([
      {
        RestoreJobId: id,
        ValidationStatus: "SUCCESSFUL",
        ValidationStatusMessage: "mounted; checksums match",
      },
    ]);
    expect(fake.calls.every((call) => call.signature === "valid")).toBe(true);
  });

  it("percent-encodes a path member once (an ARN's `:` and `/`), signed as SigV4 canonicalizes it for backup", async () => {
    const { fake, client } = await start();
    const resource = "arn:aws:rds:us-east-1:123456789012:db:orders db/primary*(1)";
    fake.store.add({ RecoveryPointArn: recoveryPointArn, SourceResourceArn: resource });
    const page = await client.listRestoreJobsByProtectedResource({ ResourceArn: resource, MaxResults: 5 });
    expect(page.RestoreJobs).toHaveLength(1);
    const [call] = fake.callsOf("ListRestoreJobsByProtectedResource");
    expect(call).toMatchObject({
      signature: "valid",
      path: "/resources/arn%3Aaws%3Ards%3Aus-east-1%3A123456789012%3Adb%3Aorders%20db%2Fprimary%2A%281%29/restore-jobs?maxResults=5",
    });
  });

  it("validates every method's input before any I/O, each problem at its member", async () => {
    const { fake, client } = await start();
    const refused: [Promise<unknown>, string][] = [
      [client.describeRestoreJob({} as never), "/RestoreJobId"],
      [client.getRestoreJobMetadata({ RestoreJobId: 5 } as never), "/RestoreJobId"],
      [
        client.getRecoveryPointRestoreMetadata({ BackupVaultName: "v", RecoveryPointArn: recoveryPointArn }),
        "/BackupVaultName",
      ],
      [client.listRestoreJobs({ MaxResults: 0 }), "/MaxResults"],
      [client.listRestoreJobs({ ByStatus: "DONE" as never }), "/ByStatus"],
      [client.listRestoreJobs({ ByCreatedAfter: "yesterday" }), "/ByCreatedAfter"],
      [client.listRestoreJobsByProtectedResource({ ResourceArn: "" }), "/ResourceArn"],
      [client.listRestoreJobSummaries({ AggregationPeriod: "ONE_WEEK" as never }), "/AggregationPeriod"],
      [
        client.putRestoreValidationResult({ RestoreJobId: "j", ValidationStatus: "OK" as never }),
        "/ValidationStatus",
      ],
      [client.listRestoreJobs({ Unknown: 1 } as never), "/Unknown"],
    ];
    for (const [call, pointer] of refused) {
      const error = await call.catch((e: unknown) => e);
      expect(error, pointer).toBeInstanceOf(RestoreJobsValidationError);
      expect((error as RestoreJobsValidationError).issues.map((issue) => issue.pointer)).toContain(pointer);
    }
    expect(fake.calls).toEqual([]);
  });

  it("answers an unknown job with the service's typed error", async () => {
    const { client } = await start();
    const error = (await client
      .describeRestoreJob({ RestoreJobId: "NO-SUCH-JOB" })
      .catch((e: unknown) => e)) as RestoreJobsApiError;
    expect(error).toMatchObject({
      name: "RestoreJobsApiError",
      code: "ResourceNotFoundException",
      status: 400,
    });
  });

  it("retries a throttled GET and a PutRestoreValidationResult lost to a 503, recording the result once", async () => {
    const { fake, client } = await start({ maxAttempts: 3 });
    const job = fake.store.add({ RecoveryPointArn: recoveryPointArn });
    fake.misbehave.throttle("GetRestoreJobMetadata", 2);
    expect(await client.getRestoreJobMetadata({ RestoreJobId: job.RestoreJobId })).toEqual({
      RestoreJobId: job.RestoreJobId,
      Metadata: {},
    });
    expect(fake.callsOf("GetRestoreJobMetadata")).toHaveLength(3);
    fake.misbehave.fail("PutRestoreValidationResult", 1, {
      type: "ServiceUnavailableException",
      status: 503,
    });
    await client.putRestoreValidationResult({ RestoreJobId: job.RestoreJobId, ValidationStatus: "FAILED" });
    expect(fake.callsOf("PutRestoreValidationResult")).toHaveLength(2);
    expect(fake.store.validations).toEqual([{ RestoreJobId: job.RestoreJobId, ValidationStatus: "FAILED" }]);
  });

  it("retries a GET and a PutRestoreValidationResult whose connection was lost before an answer", async () => {
    const { fake, client } = await start({ maxAttempts: 2 });
    const job = fake.store.add({ RecoveryPointArn: recoveryPointArn });
    fake.misbehave.dropConnection("DescribeRestoreJob", 1);
    expect((await client.describeRestoreJob({ RestoreJobId: job.RestoreJobId })).RestoreJobId).toBe(
      job.RestoreJobId,
    );
    expect(fake.callsOf("DescribeRestoreJob")).toHaveLength(2);
    // Lost after the result was recorded: sent again, the same result is recorded again, harmlessly.
    fake.misbehave.dropConnection("PutRestoreValidationResult", 1, { afterEffect: true });
    await client.putRestoreValidationResult({
      RestoreJobId: job.RestoreJobId,
      ValidationStatus: "SUCCESSFUL",
    });
    expect(fake.store.validations).toEqual([
      { RestoreJobId: job.RestoreJobId, ValidationStatus: "SUCCESSFUL" },
      { RestoreJobId: job.RestoreJobId, ValidationStatus: "SUCCESSFUL" },
    ]);
    expect(fake.store.get(job.RestoreJobId)?.job.ValidationStatus).toBe("SUCCESSFUL");
  });

  it("reads epoch seconds to the millisecond, and a long past 2^53 as the nearest double", async () => {
    const { fake, client } = await start();
    const job = fake.store.add({
      RecoveryPointArn: recoveryPointArn,
      CreationDate: new Date("2026-01-02T03:04:05.123Z"),
      BackupSizeInBytes: 2n ** 60n + 1n,
    });
    const described = await client.describeRestoreJob({ RestoreJobId: job.RestoreJobId });
    expect(described.CreationDate?.toISOString()).toBe("2026-01-02T03:04:05.123Z");
    expect(described.BackupSizeInBytes).toBe(2 ** 60);
  });

  it("refuses an answer that breaks the spec, naming the member: a timestamp that is not a number, a status not in the enum", async () => {
    const { fake, client } = await start();
    const job = fake.store.add({ RecoveryPointArn: recoveryPointArn });
    fake.misbehave.answer("DescribeRestoreJob", () => ({
      status: 200,
      body: '{"CreationDate":"2026-01-02"}',
    }));
    const error = await client
      .describeRestoreJob({ RestoreJobId: job.RestoreJobId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsProtocolError);
    expect((error as Error).message).toContain("CreationDate is not a timestamp");
    fake.misbehave.reset();
    fake.misbehave.answer("ListRestoreJobs", () => ({
      status: 200,
      body: '{"RestoreJobs":[{"Status":"DONE"}]}',
    }));
    const listError = await client.listRestoreJobs({}).catch((e: unknown) => e);
    expect(listError).toBeInstanceOf(RestoreJobsProtocolError);
    expect((listError as Error).message).toContain("RestoreJobs[0].Status is not one of PENDING");
  });
});
