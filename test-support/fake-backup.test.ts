/**
 * Tests of the fake AWS Backup server (fake-backup/) as the AWS SDK meets it, over real HTTP on
 * 127.0.0.1: each of the eight restore-job operations called through `@aws-sdk/client-backup`
 * works against it, jobs are kept, filtered and paged, modelled errors come back as the SDK's
 * typed exceptions, a bad signature is refused, and each misbehaviour a test can ask for happens.
 * The SDK is the reference client here: what it accepts is what AWS's wire is.
 */
import { request } from "node:http";
import {
  BackupClient,
  type BackupClientConfig,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  GetRestoreJobMetadataCommand,
  ListRestoreJobSummariesCommand,
  ListRestoreJobsByProtectedResourceCommand,
  ListRestoreJobsCommand,
  type ListRestoreJobsCommandInput,
  PutRestoreValidationResultCommand,
  type PutRestoreValidationResultCommandInput,
  paginateListRestoreJobs,
  paginateListRestoreJobsByProtectedResource,
  type RestoreJobStatus,
  StartRestoreJobCommand,
  type StartRestoreJobCommandInput,
} from "@aws-sdk/client-backup";
import { afterEach, describe, expect, it } from "vitest";
import { signRequest } from "../packages/restore-jobs/src/signing/sign.js";
import { type FakeBackup, type FakeBackupOptions, startFakeBackup } from "./fake-backup/server.js";

const credentials = {
  accessKeyId: "AKIAFAKEBACKUP000001",
  secretAccessKey: "fake/backup/secret/for/tests/only/0123456",
};
const vault = "drill-vault";
const recoveryPointArn =
  "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45";
const volumeArn = "arn:aws:ec2:us-east-1:123456789012:volume/vol-0123456789abcdef0";

let fake: FakeBackup | undefined;
let sdk: BackupClient | undefined;

async function start(options: Partial<FakeBackupOptions> = {}, config: Partial<BackupClientConfig> = {}) {
  fake = await startFakeBackup({ credentials, ...options });
  sdk = new BackupClient({ region: "us-east-1", endpoint: fake.url, credentials, maxAttempts: 1, ...config });
  return { fake, sdk };
}

afterEach(async () => {
  sdk?.destroy();
  sdk = undefined;
  await fake?.close();
  fake = undefined;
});

function registerVolume(f: FakeBackup) {
  f.store.addRecoveryPoint({
    BackupVaultName: vault,
    RecoveryPointArn: recoveryPointArn,
    SourceResourceArn: volumeArn,
    ResourceType: "EBS",
    CreationDate: new Date("2026-11-30T12:00:00.250Z"),
    RestoreMetadata: { availabilityZone: "us-east-1a", volumeType: "gp3" },
  });
}

/** A signed request sent as given (path and body byte for byte), and the raw answer. */
function sendRaw(
  f: FakeBackup,
  method: string,
  path: string,
  body = "",
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(f.url);
  const headers = signRequest(
    {
      method,
      url: new URL(`${f.url}${path}`),
      headers: body ? { "content-type": "application/json" } : {},
      body,
    },
    { credentials, region: "us-east-1" },
  );
  return new Promise((resolve, reject) => {
    // The path is written as given: new URL() would normalize what a test means to send.
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("the fake answers every restore-job operation the AWS SDK sends", () => {
  it("runs a whole restore: metadata, start, describe, job metadata, lists, summaries, validation", async () => {
    const { fake, sdk } = await start();
    registerVolume(fake);

    const metadata = await sdk.send(
      new GetRecoveryPointRestoreMetadataCommand({
        BackupVaultName: vault,
        RecoveryPointArn: recoveryPointArn,
      }),
    );
    expect(metadata).toMatchObject({
      BackupVaultArn: `arn:aws:backup:us-east-1:123456789012:backup-vault:${vault}`,
      RecoveryPointArn: recoveryPointArn,
      ResourceType: "EBS",
      RestoreMetadata: { availabilityZone: "us-east-1a", volumeType: "gp3" },
    });

    const { RestoreJobId } = await sdk.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: recoveryPointArn,
        Metadata: metadata.RestoreMetadata!,
        IamRoleArn: "arn:aws:iam::123456789012:role/restore",
      }),
    );
    expect(RestoreJobId).toEqual(expect.any(String));

    const pending = await sdk.send(new DescribeRestoreJobCommand({ RestoreJobId }));
    expect(pending).toMatchObject({
      RestoreJobId,
      AccountId: "123456789012",
      Status: "PENDING",
      RecoveryPointArn: recoveryPointArn,
      SourceResourceArn: volumeArn,
      ResourceType: "EBS",
      IamRoleArn: "arn:aws:iam::123456789012:role/restore",
      RecoveryPointCreationDate: new Date("2026-11-30T12:00:00.250Z"),
    });
    expect(pending.CreationDate).toBeInstanceOf(Date);
    expect(pending.CompletionDate).toBeUndefined();

    fake.store.advance(RestoreJobId!, "COMPLETED", {
      BackupSizeInBytes: 8_589_934_592,
      CreatedResourceArn: "arn:aws:ec2:us-east-1:123456789012:volume/vol-0fedcba9876543210",
      CompletionDate: new Date("2026-12-01T08:30:15.125Z"),
    });
    const completed = await sdk.send(new DescribeRestoreJobCommand({ RestoreJobId }));
    expect(completed).toMatchObject({
      Status: "COMPLETED",
      PercentDone: "100.00%",
      BackupSizeInBytes: 8_589_934_592,
      CompletionDate: new Date("2026-12-01T08:30:15.125Z"),
    });

    const jobMetadata = await sdk.send(new GetRestoreJobMetadataCommand({ RestoreJobId }));
    expect(jobMetadata).toMatchObject({
      RestoreJobId,
      Metadata: { availabilityZone: "us-east-1a", volumeType: "gp3" },
    });

    const listed = await sdk.send(
      new ListRestoreJobsCommand({ ByStatus: "COMPLETED", ByResourceType: "EBS" }),
    );
    expect(listed.RestoreJobs?.map((job) => job.RestoreJobId)).toEqual([RestoreJobId]);
    expect(listed.NextToken).toBeUndefined();

    const byResource = await sdk.send(
      new ListRestoreJobsByProtectedResourceCommand({ ResourceArn: volumeArn }),
    );
    expect(byResource.RestoreJobs?.map((job) => job.RestoreJobId)).toEqual([RestoreJobId]);

    const summaries = await sdk.send(new ListRestoreJobSummariesCommand({ AggregationPeriod: "SEVEN_DAYS" }));
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

    const validation = await sdk.send(
      new PutRestoreValidationResultCommand({
        RestoreJobId,
        ValidationStatus: "SUCCESSFUL",
        ValidationStatusMessage: "volume mounted, checksums match",
      }),
    );
    expect(validation.$metadata.httpStatusCode).toBe(204);
    expect(fake.store.validations).toEqual([
      {
        RestoreJobId,
        ValidationStatus: "SUCCESSFUL",
        ValidationStatusMessage: "volume mounted, checksums match",
      },
    ]);
    expect(await sdk.send(new DescribeRestoreJobCommand({ RestoreJobId }))).toMatchObject({
      ValidationStatus: "SUCCESSFUL",
      ValidationStatusMessage: "volume mounted, checksums match",
    });

    // Each operation was routed to its own handler, and every request verified.
    expect(fake.calls.map((call) => [call.operation, call.signature])).toEqual([
      ["GetRecoveryPointRestoreMetadata", "valid"],
      ["StartRestoreJob", "valid"],
      ["DescribeRestoreJob", "valid"],
      ["DescribeRestoreJob", "valid"],
      ["GetRestoreJobMetadata", "valid"],
      ["ListRestoreJobs", "valid"],
      ["ListRestoreJobsByProtectedResource", "valid"],
      ["ListRestoreJobSummaries", "valid"],
      ["PutRestoreValidationResult", "valid"],
      ["DescribeRestoreJob", "valid"],
    ]);
  });

  it("decodes an ARN label once: the SDK sends its `:` and `/` percent-encoded in one path segment", async () => {
    const { fake, sdk } = await start();
    registerVolume(fake);
    await sdk.send(new StartRestoreJobCommand({ RecoveryPointArn: recoveryPointArn, Metadata: {} }));
    const { RestoreJobs } = await sdk.send(
      new ListRestoreJobsByProtectedResourceCommand({ ResourceArn: volumeArn }),
    );
    expect(RestoreJobs).toHaveLength(1);
    const [call] = fake.callsOf("ListRestoreJobsByProtectedResource");
    expect(call?.path).toBe(`/resources/${encodeURIComponent(volumeArn)}/restore-jobs`);
    // Encoded twice, the label is another resource's ARN; not encoded, it is no operation at all.
    const twice = await sendRaw(
      fake,
      "GET",
      `/resources/${encodeURIComponent(encodeURIComponent(volumeArn))}/restore-jobs`,
    );
    expect(JSON.parse(twice.body)).toEqual({ RestoreJobs: [] });
    const raw = await sendRaw(fake, "GET", `/resources/${volumeArn}/restore-jobs`);
    expect(raw.status).toBe(404);
    expect(raw.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
  });

  it("answers only the paths the SDKs send: the model's trailing slash finds no list", async () => {
    const { fake } = await start();
    const slash = await sendRaw(fake, "GET", "/restore-jobs/");
    expect(slash.status).toBe(400);
    expect(slash.headers["x-amzn-errortype"]).toBe("MissingParameterValueException");
    expect(fake.calls.at(-1)?.operation).toBe("DescribeRestoreJob");
    const list = await sendRaw(fake, "GET", "/restore-jobs");
    expect(list.status).toBe(200);
  });
});

describe("jobs are kept, filtered and paged", () => {
  it("pages ListRestoreJobs with MaxResults and NextToken, newest first, as the SDK's paginator follows it", async () => {
    const { fake, sdk } = await start();
    const ids = Array.from(
      { length: 7 },
      (_, i) =>
        fake.store.add({
          RecoveryPointArn: recoveryPointArn,
          CreationDate: new Date(Date.UTC(2026, 11, 1, i)),
        }).RestoreJobId,
    );
    const pages = [];
    for await (const page of paginateListRestoreJobs({ client: sdk, pageSize: 3 }, {})) pages.push(page);
    expect(pages.map((page) => page.RestoreJobs?.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((page) => page.RestoreJobs!.map((job) => job.RestoreJobId))).toEqual(
      ids.toReversed(),
    );
    expect(pages.at(-1)?.NextToken).toBeUndefined();
    // The token needs percent-encoding in the query (`+`, `/`, `=`); the SDK's arrived intact.
    const token = pages[0]!.NextToken!;
    expect(token).toMatch(/^\+\+\/\/.*==$/);
    expect(fake.callsOf("ListRestoreJobs")[1]?.path).toBe(
      `/restore-jobs?maxResults=3&nextToken=${encodeURIComponent(token)}`,
    );
  });

  it("refuses a token from other filters, and a token sent without percent-encoding", async () => {
    const { fake, sdk } = await start();
    for (let i = 0; i < 3; i++) fake.store.add({ RecoveryPointArn: recoveryPointArn, ResourceType: "EBS" });
    const { NextToken } = await sdk.send(new ListRestoreJobsCommand({ MaxResults: 1 }));
    await expect(
      sdk.send(new ListRestoreJobsCommand({ MaxResults: 1, ByResourceType: "EBS", NextToken })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException", $metadata: { httpStatusCode: 400 } });
    const unencoded = await sendRaw(fake, "GET", `/restore-jobs?maxResults=1&nextToken=${NextToken}`);
    expect(unencoded.status).toBe(400);
    expect(unencoded.headers["x-amzn-errortype"]).toBe("InvalidParameterValueException");
  });

  it("filters ListRestoreJobs by every query member the SDK sends", async () => {
    const { fake, sdk } = await start();
    const plan = "arn:aws:backup:us-east-1:123456789012:restore-testing-plan:weekly-abc";
    const old = fake.store.add({
      RecoveryPointArn: recoveryPointArn,
      ResourceType: "EFS",
      CreationDate: new Date("2026-11-01T00:00:00Z"),
    });
    const tested = fake.store.add({
      RecoveryPointArn: recoveryPointArn,
      ResourceType: "EBS",
      AccountId: "210987654321",
      CreationDate: new Date("2026-11-20T00:00:00Z"),
      CreatedBy: { RestoreTestingPlanArn: plan },
      ParentJobId: "PARENT-1",
    });
    fake.store.advance(old.RestoreJobId, "COMPLETED", { CompletionDate: new Date("2026-11-02T00:00:00Z") });
    const ids = async (input: ListRestoreJobsCommandInput) =>
      (await sdk.send(new ListRestoreJobsCommand(input))).RestoreJobs!.map((job) => job.RestoreJobId);
    expect(await ids({ ByResourceType: "EFS" })).toEqual([old.RestoreJobId]);
    expect(await ids({ ByAccountId: "210987654321" })).toEqual([tested.RestoreJobId]);
    expect(await ids({ ByStatus: "PENDING" })).toEqual([tested.RestoreJobId]);
    expect(await ids({ ByCreatedAfter: new Date("2026-11-10T00:00:00.500Z") })).toEqual([
      tested.RestoreJobId,
    ]);
    expect(await ids({ ByCreatedBefore: new Date("2026-11-10T00:00:00Z") })).toEqual([old.RestoreJobId]);
    expect(await ids({ ByCompleteAfter: new Date("2026-11-01T12:00:00Z") })).toEqual([old.RestoreJobId]);
    expect(await ids({ ByCompleteBefore: new Date("2026-11-01T12:00:00Z") })).toEqual([]);
    expect(await ids({ ByRestoreTestingPlanArn: plan })).toEqual([tested.RestoreJobId]);
    expect(await ids({ ByParentJobId: "PARENT-1" })).toEqual([tested.RestoreJobId]);
    expect(fake.callsOf("ListRestoreJobs")[3]?.path).toBe(
      "/restore-jobs?createdAfter=2026-11-10T00%3A00%3A00.500Z",
    );
  });

  it("pages ListRestoreJobsByProtectedResource and filters it by status and recovery-point date", async () => {
    const { fake, sdk } = await start();
    for (let i = 0; i < 5; i++) {
      fake.store.add({
        RecoveryPointArn: recoveryPointArn,
        SourceResourceArn: volumeArn,
        RecoveryPointCreationDate: new Date(Date.UTC(2026, 10, 1 + i)),
      });
    }
    fake.store.add({ RecoveryPointArn: recoveryPointArn, SourceResourceArn: `${volumeArn}-other` });
    const pages = [];
    for await (const page of paginateListRestoreJobsByProtectedResource(
      { client: sdk, pageSize: 2 },
      { ResourceArn: volumeArn, ByRecoveryPointCreationDateAfter: new Date(Date.UTC(2026, 10, 1, 12)) },
    )) {
      pages.push(page.RestoreJobs!.length);
    }
    expect(pages).toEqual([2, 2]);
    const running = await sdk.send(
      new ListRestoreJobsByProtectedResourceCommand({ ResourceArn: volumeArn, ByStatus: "RUNNING" }),
    );
    expect(running.RestoreJobs).toEqual([]);
  });

  it("summarizes jobs by state and type per day, ANY apart and AGGREGATE_ALL summed, paged", async () => {
    const now = new Date("2026-12-06T18:00:00Z");
    const { fake, sdk } = await start({ now: () => now });
    const at = (iso: string) => new Date(iso);
    fake.store.add({
      RecoveryPointArn: recoveryPointArn,
      ResourceType: "EBS",
      CreationDate: at("2026-12-06T01:00:00Z"),
    });
    fake.store.add({
      RecoveryPointArn: recoveryPointArn,
      ResourceType: "EBS",
      CreationDate: at("2026-12-06T02:00:00Z"),
    });
    fake.store.add({
      RecoveryPointArn: recoveryPointArn,
      ResourceType: "EFS",
      CreationDate: at("2026-12-05T02:00:00Z"),
    });
    fake.store.add({
      RecoveryPointArn: recoveryPointArn,
      ResourceType: "EFS",
      CreationDate: at("2026-10-01T00:00:00Z"),
    });

    const daily = await sdk.send(new ListRestoreJobSummariesCommand({}));
    expect(daily.AggregationPeriod).toBe("ONE_DAY");
    expect(daily.RestoreJobSummaries).toEqual([
      {
        Region: "us-east-1",
        AccountId: "123456789012",
        State: "PENDING",
        ResourceType: "EBS",
        Count: 2,
        StartTime: at("2026-12-06T00:00:00Z"),
        EndTime: at("2026-12-07T00:00:00Z"),
      },
      {
        Region: "us-east-1",
        AccountId: "123456789012",
        State: "PENDING",
        ResourceType: "EFS",
        Count: 1,
        StartTime: at("2026-12-05T00:00:00Z"),
        EndTime: at("2026-12-06T00:00:00Z"),
      },
    ]);

    const summed = await sdk.send(
      new ListRestoreJobSummariesCommand({
        AggregationPeriod: "FOURTEEN_DAYS",
        ResourceType: "AGGREGATE_ALL",
        AccountId: "ANY",
      }),
    );
    expect(summed.RestoreJobSummaries?.map(({ ResourceType, Count }) => ({ ResourceType, Count }))).toEqual([
      { ResourceType: "AGGREGATE_ALL", Count: 3 },
    ]);

    const first = await sdk.send(new ListRestoreJobSummariesCommand({ MaxResults: 1 }));
    expect(first.RestoreJobSummaries).toHaveLength(1);
    const second = await sdk.send(
      new ListRestoreJobSummariesCommand({ MaxResults: 1, NextToken: first.NextToken }),
    );
    expect(second.RestoreJobSummaries?.[0]?.ResourceType).toBe("EFS");
    expect(second.NextToken).toBeUndefined();
    expect(fake.callsOf("ListRestoreJobSummaries")[3]?.path).toMatch(
      /^\/audit\/restore-job-summaries\?MaxResults=1&NextToken=/,
    );
  });

  it("keeps a job started twice with one IdempotencyToken as one job", async () => {
    const { fake, sdk } = await start();
    const input = {
      RecoveryPointArn: recoveryPointArn,
      Metadata: { a: "1" },
      IdempotencyToken: "same-token",
    };
    const first = await sdk.send(new StartRestoreJobCommand(input));
    const second = await sdk.send(new StartRestoreJobCommand(input));
    expect(second.RestoreJobId).toBe(first.RestoreJobId);
    expect(fake.store.all()).toHaveLength(1);
  });
});

describe("a job moves through its statuses as the test says", () => {
  it("shows each DescribeRestoreJob the next status of the server's script, the last one staying", async () => {
    const { sdk } = await start({ statusScript: ["CREATED", "RUNNING", "RUNNING", "FAILED"] });
    const { RestoreJobId } = await sdk.send(
      new StartRestoreJobCommand({ RecoveryPointArn: recoveryPointArn, Metadata: {} }),
    );
    const seen = [];
    for (let i = 0; i < 5; i++)
      seen.push((await sdk.send(new DescribeRestoreJobCommand({ RestoreJobId }))).Status);
    expect(seen).toEqual(["CREATED", "RUNNING", "RUNNING", "FAILED", "FAILED"]);
  });

  it("scripts one job, and advancing to FAILED sets its message and a CompletionDate", async () => {
    const { fake, sdk } = await start();
    const job = fake.store.add({ RecoveryPointArn: recoveryPointArn });
    fake.store.script(job.RestoreJobId, ["RUNNING"]);
    expect((await sdk.send(new DescribeRestoreJobCommand({ RestoreJobId: job.RestoreJobId }))).Status).toBe(
      "RUNNING",
    );
    fake.store.advance(job.RestoreJobId, "FAILED", { StatusMessage: "Access denied to the KMS key" });
    const failed = await sdk.send(new DescribeRestoreJobCommand({ RestoreJobId: job.RestoreJobId }));
    expect(failed).toMatchObject({ Status: "FAILED", StatusMessage: "Access denied to the KMS key" });
    expect(failed.CompletionDate).toBeInstanceOf(Date);
  });

  it("writes timestamps as epoch seconds with their milliseconds, longs past 2^53 with all their digits, absent members absent", async () => {
    const { fake } = await start();
    const job = fake.store.add({
      RestoreJobId: "JOB-1",
      RecoveryPointArn: recoveryPointArn,
      CreationDate: new Date("2026-01-02T03:04:05.123Z"),
      BackupSizeInBytes: 2n ** 60n + 1n,
    });
    const answer = await sendRaw(fake, "GET", `/restore-jobs/${job.RestoreJobId}`);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.body).toBe(
      '{"AccountId":"123456789012","RestoreJobId":"JOB-1","CreationDate":1767323045.123,"Status":"PENDING","PercentDone":"0.00%","RecoveryPointArn":"' +
        recoveryPointArn +
        '","BackupSizeInBytes":1152921504606846977}',
    );
  });
});

describe("modelled errors, as the SDK reads them", () => {
  it("answers ResourceNotFoundException for an unknown job, recovery point or vault account", async () => {
    const { fake, sdk } = await start();
    registerVolume(fake);
    for (const call of [
      () => sdk.send(new DescribeRestoreJobCommand({ RestoreJobId: "NO-SUCH-JOB" })),
      () => sdk.send(new GetRestoreJobMetadataCommand({ RestoreJobId: "NO-SUCH-JOB" })),
      () =>
        sdk.send(
          new PutRestoreValidationResultCommand({ RestoreJobId: "NO-SUCH-JOB", ValidationStatus: "FAILED" }),
        ),
      () =>
        sdk.send(
          new GetRecoveryPointRestoreMetadataCommand({
            BackupVaultName: "other-vault",
            RecoveryPointArn: recoveryPointArn,
          }),
        ),
      () =>
        sdk.send(
          new GetRecoveryPointRestoreMetadataCommand({
            BackupVaultName: vault,
            RecoveryPointArn: recoveryPointArn,
            BackupVaultAccountId: "999999999999",
          }),
        ),
    ]) {
      await expect(call()).rejects.toMatchObject({
        name: "ResourceNotFoundException",
        message: expect.stringContaining("not found"),
        $fault: "client",
        $metadata: { httpStatusCode: 400 },
      });
    }
    expect(fake.store.validations).toEqual([]);
  });

  it("answers InvalidParameterValueException for a value the model's constraints refuse", async () => {
    const { sdk } = await start();
    const refused = [
      () => sdk.send(new ListRestoreJobsCommand({ MaxResults: 1001 })),
      () => sdk.send(new ListRestoreJobsCommand({ ByAccountId: "12345" })),
      () => sdk.send(new ListRestoreJobsCommand({ ByStatus: "DONE" as RestoreJobStatus })),
      () => sdk.send(new ListRestoreJobSummariesCommand({ ResourceType: "no spaces!" })),
      () =>
        sdk.send(
          new GetRecoveryPointRestoreMetadataCommand({
            BackupVaultName: "v",
            RecoveryPointArn: recoveryPointArn,
          }),
        ),
      () =>
        sdk.send(
          new StartRestoreJobCommand({
            RecoveryPointArn: recoveryPointArn,
            Metadata: {},
            ResourceType: "a/b",
          }),
        ),
    ];
    for (const call of refused) {
      await expect(call()).rejects.toMatchObject({
        name: "InvalidParameterValueException",
      });
    }
    // The values the documentation lists beside the pattern are accepted.
    await sdk.send(
      new ListRestoreJobSummariesCommand({ AccountId: "AGGREGATE_ALL", ResourceType: "Storage Gateway" }),
    );
    await sdk.send(new ListRestoreJobsCommand({ ByResourceType: "SAP HANA on Amazon EC2" }));
  });

  it("answers MissingParameterValueException for a required member left out, and changes nothing", async () => {
    const { fake, sdk } = await start();
    const job = fake.store.add({ RecoveryPointArn: recoveryPointArn });
    await expect(
      sdk.send(
        new PutRestoreValidationResultCommand({
          RestoreJobId: job.RestoreJobId,
        } as PutRestoreValidationResultCommandInput),
      ),
    ).rejects.toMatchObject({ name: "MissingParameterValueException", $metadata: { httpStatusCode: 400 } });
    await expect(
      sdk.send(
        new StartRestoreJobCommand({ RecoveryPointArn: recoveryPointArn } as StartRestoreJobCommandInput),
      ),
    ).rejects.toMatchObject({
      name: "MissingParameterValueException",
    });
    expect(fake.store.validations).toEqual([]);
    expect(fake.store.all()).toHaveLength(1);
  });

  it("names every error in X-Amzn-ErrorType and in the body's __type, with its message", async () => {
    const { fake } = await start();
    const answer = await sendRaw(fake, "GET", "/restore-jobs/NO-SUCH-JOB/metadata");
    expect(answer.status).toBe(400);
    expect(answer.headers["x-amzn-errortype"]).toBe("ResourceNotFoundException");
    expect(JSON.parse(answer.body)).toEqual({
      __type: "ResourceNotFoundException",
      message: "Restore job NO-SUCH-JOB not found.",
    });
    const notJson = await sendRaw(fake, "PUT", "/restore-jobs", "{not json");
    expect(notJson.headers["x-amzn-errortype"]).toBe("SerializationException");
  });
});

describe("SigV4 is verified on every request", () => {
  it("refuses a request signed with another secret, and the refused start creates no job", async () => {
    const { fake } = await start();
    const forger = new BackupClient({
      region: "us-east-1",
      endpoint: fake.url,
      credentials: { ...credentials, secretAccessKey: "not-the-secret" },
      maxAttempts: 1,
    });
    try {
      await expect(
        forger.send(new StartRestoreJobCommand({ RecoveryPointArn: recoveryPointArn, Metadata: {} })),
      ).rejects.toMatchObject({ name: "InvalidSignatureException", $metadata: { httpStatusCode: 403 } });
      await expect(forger.send(new ListRestoreJobsCommand({}))).rejects.toMatchObject({
        name: "InvalidSignatureException",
      });
    } finally {
      forger.destroy();
    }
    expect(fake.store.all()).toEqual([]);
    expect(fake.calls.map((call) => [call.operation, call.signature])).toEqual([
      ["StartRestoreJob", "invalid"],
      ["ListRestoreJobs", "invalid"],
    ]);
  });

  it("refuses a request signed for another region, and an unsigned one", async () => {
    const { fake, sdk } = await start({ region: "eu-west-1" });
    await expect(sdk.send(new ListRestoreJobsCommand({}))).rejects.toMatchObject({
      name: "InvalidSignatureException",
    });
    const unsigned = await fetch(`${fake.url}/restore-jobs`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    await unsigned.body?.cancel();
  });
});

describe("the fake misbehaves on demand", () => {
  it("throttles the next N requests of an operation, which the SDK retries through", async () => {
    const { fake, sdk } = await start({}, { maxAttempts: 4 });
    const job = fake.store.add({ RecoveryPointArn: recoveryPointArn });
    fake.misbehave.throttle("DescribeRestoreJob", 2);
    const described = await sdk.send(new DescribeRestoreJobCommand({ RestoreJobId: job.RestoreJobId }));
    expect(described.RestoreJobId).toBe(job.RestoreJobId);
    expect(described.$metadata.attempts).toBe(3);
    // Other operations were never throttled.
    await sdk.send(new ListRestoreJobsCommand({}));
    expect(fake.callsOf("ListRestoreJobs")).toHaveLength(1);
  });

  it("fails with any error, status and message, N times", async () => {
    const { fake, sdk } = await start();
    fake.misbehave.fail("*", 1, { type: "ServiceUnavailableException", status: 503, message: "try later" });
    await expect(sdk.send(new ListRestoreJobsCommand({}))).rejects.toMatchObject({
      name: "ServiceUnavailableException",
      message: "try later",
      $fault: "server",
      $metadata: { httpStatusCode: 503 },
    });
    await sdk.send(new ListRestoreJobsCommand({}));
  });

  it("drops a connection before the operation takes effect, or after it", async () => {
    const { fake, sdk } = await start();
    fake.misbehave.dropConnection("StartRestoreJob", 1);
    await expect(
      sdk.send(new StartRestoreJobCommand({ RecoveryPointArn: recoveryPointArn, Metadata: {} })),
    ).rejects.toThrow();
    expect(fake.store.all()).toEqual([]);
    fake.misbehave.dropConnection("StartRestoreJob", 1, { afterEffect: true });
    await expect(
      sdk.send(new StartRestoreJobCommand({ RecoveryPointArn: recoveryPointArn, Metadata: {} })),
    ).rejects.toThrow();
    expect(fake.store.all()).toHaveLength(1);
    await sdk.send(new ListRestoreJobsCommand({}));
  });

  it("repeats the NextToken it was sent, or ends with an empty one", async () => {
    const { fake, sdk } = await start();
    for (let i = 0; i < 4; i++) fake.store.add({ RecoveryPointArn: recoveryPointArn });
    fake.misbehave.repeatNextToken("ListRestoreJobs");
    const first = await sdk.send(new ListRestoreJobsCommand({ MaxResults: 1 }));
    const second = await sdk.send(new ListRestoreJobsCommand({ MaxResults: 1, NextToken: first.NextToken }));
    expect(second.NextToken).toBe(first.NextToken);

    fake.misbehave.reset();
    fake.misbehave.emptyLastPageToken("ListRestoreJobs");
    const all = await sdk.send(new ListRestoreJobsCommand({}));
    expect(all.RestoreJobs).toHaveLength(4);
    expect(all.NextToken).toBe("");
  });

  it("answers a request with whatever the test writes", async () => {
    const { fake, sdk } = await start();
    const job = fake.store.add({ RecoveryPointArn: recoveryPointArn });
    fake.misbehave.answer("DescribeRestoreJob", (call) =>
      call.path.endsWith(job.RestoreJobId)
        ? { status: 200, body: '{"CreationDate":"yesterday"}' }
        : undefined,
    );
    await expect(
      sdk.send(new DescribeRestoreJobCommand({ RestoreJobId: job.RestoreJobId })),
    ).rejects.toThrow();
    await expect(sdk.send(new DescribeRestoreJobCommand({ RestoreJobId: "OTHER" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });
});
