/**
 * The client against the AWS SDK (`@aws-sdk/client-backup`), operation by operation, over real
 * HTTP to the fake AWS Backup: for the same inputs both send the same method, path, query and body
 * (all but the idempotency token and the date), and for the same answers both give the same
 * values (dates, numbers, lists, maps, absent members). Query members are compared as a set of
 * name=value pairs: SigV4 signs them sorted and the service reads them by name, so their order on
 * the wire is not part of the contract (and the SDK's order is not the model's).
 */
import {
  BackupClient,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  GetRestoreJobMetadataCommand,
  ListRestoreJobSummariesCommand,
  ListRestoreJobsByProtectedResourceCommand,
  ListRestoreJobsCommand,
  PutRestoreValidationResultCommand,
  StartRestoreJobCommand,
} from "@aws-sdk/client-backup";
import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeBackup,
  type RecordedCall,
  startFakeBackup,
} from "../../../test-support/fake-backup/server.js";
import { createRestoreJobsClient, type RestoreJobsClient } from "../src/index.js";

const credentials = {
  accessKeyId: "AKIDDIFFERENTIAL",
  secretAccessKey: "differential-test-secret-0123456789",
};
const recoveryPointArn =
  "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45";
const volumeArn = "arn:aws:ec2:us-east-1:123456789012:volume/vol-0123456789abcdef0";

let fake: FakeBackup;
let sdk: BackupClient;
let ours: RestoreJobsClient;
let jobId: string;

beforeAll(async () => {
  // A fixed clock: a summary's window ends at the server's "now", which must not move between the two calls.
  fake = await startFakeBackup({ credentials, now: () => new Date("2026-12-06T18:00:00Z") });
  sdk = new BackupClient({ region: "us-east-1", endpoint: fake.url, credentials, maxAttempts: 1 });
  ours = createRestoreJobsClient({ region: "us-east-1", endpoint: fake.url, credentials, maxAttempts: 1 });
  fake.store.addRecoveryPoint({
    BackupVaultName: "drill-vault",
    RecoveryPointArn: recoveryPointArn,
    SourceResourceArn: volumeArn,
    ResourceType: "EBS",
    CreationDate: new Date("2026-11-30T12:00:00.250Z"),
    RestoreMetadata: { availabilityZone: "us-east-1a", volumeType: "gp3", "odd key/=&": "v a/l+ue" },
  });
  const job = fake.store.add({
    RecoveryPointArn: recoveryPointArn,
    SourceResourceArn: volumeArn,
    ResourceType: "EBS",
    CreationDate: new Date("2026-12-01T00:00:00.001Z"),
    RecoveryPointCreationDate: new Date("2026-11-30T12:00:00.250Z"),
  });
  jobId = job.RestoreJobId;
  fake.store.advance(jobId, "COMPLETED", {
    CompletionDate: new Date("2026-12-01T01:02:03.999Z"),
    BackupSizeInBytes: 2 ** 53 - 1,
    ExpectedCompletionTimeMinutes: 0,
    IsParent: false,
    CreatedBy: {},
    StatusMessage: "",
  });
  fake.store.add({ RecoveryPointArn: recoveryPointArn, SourceResourceArn: volumeArn, ResourceType: "EFS" });
});
afterAll(async () => {
  sdk?.destroy();
  await fake?.close();
});

/** What the two sent, as compared: method, path, the query as sorted pairs, the body as JSON. */
function sent(call: RecordedCall | undefined, dropToken = false) {
  const [path = "", query = ""] = (call?.path ?? "").split("?");
  const body = call?.body ? JSON.parse(call.body) : undefined;
  if (dropToken && body) delete body.IdempotencyToken;
  return {
    method: call?.method,
    path,
    query: query.split("&").filter(Boolean).sort(),
    body,
    signature: call?.signature,
  };
}

/** Calls the SDK, then ours, and returns what each sent and answered (the SDK's $metadata dropped). */
async function both<T>(
  viaSdk: () => Promise<{ $metadata: unknown } & T>,
  viaOurs: () => Promise<unknown>,
  dropToken = false,
) {
  const before = fake.calls.length;
  const { $metadata: _, ...sdkOutput } = await viaSdk();
  const sdkSent = sent(fake.calls[before], dropToken);
  const ourOutput = await viaOurs();
  const ourSent = sent(fake.calls[before + 1], dropToken);
  expect(fake.calls).toHaveLength(before + 2);
  return { sdkSent, ourSent, sdkOutput, ourOutput };
}

describe("the client and the AWS SDK, operation by operation", () => {
  it("GetRecoveryPointRestoreMetadata: the same request and the same metadata", async () => {
    const input = {
      BackupVaultName: "drill-vault",
      RecoveryPointArn: recoveryPointArn,
      BackupVaultAccountId: "123456789012",
    };
    const r = await both(
      () => sdk.send(new GetRecoveryPointRestoreMetadataCommand(input)),
      () => ours.getRecoveryPointRestoreMetadata(input),
    );
    expect(r.ourSent).toEqual(r.sdkSent);
    expect(r.ourOutput).toEqual(r.sdkOutput);
  });

  it("StartRestoreJob: the same request but the idempotency token", async () => {
    const input = {
      RecoveryPointArn: recoveryPointArn,
      Metadata: { availabilityZone: "us-east-1a" },
      IamRoleArn: "arn:aws:iam::123456789012:role/restore",
      ResourceType: "EBS" as const,
      CopySourceTagsToRestoredResource: true,
    };
    const r = await both(
      () => sdk.send(new StartRestoreJobCommand(input)),
      () => ours.startRestoreJob(input),
      true,
    );
    expect(r.ourSent).toEqual(r.sdkSent);
  });

  it("DescribeRestoreJob: the same request; the same dates to the millisecond, numbers, booleans, empty members", async () => {
    const r = await both(
      () => sdk.send(new DescribeRestoreJobCommand({ RestoreJobId: jobId })),
      () => ours.describeRestoreJob({ RestoreJobId: jobId }),
    );
    expect(r.ourSent).toEqual(r.sdkSent);
    expect(r.ourOutput).toEqual(r.sdkOutput);
    expect(Object.keys(r.ourOutput as object).sort()).toEqual(Object.keys(r.sdkOutput).sort());
  });

  it("GetRestoreJobMetadata and PutRestoreValidationResult: the same requests and answers", async () => {
    const metadata = await both(
      () => sdk.send(new GetRestoreJobMetadataCommand({ RestoreJobId: jobId })),
      () => ours.getRestoreJobMetadata({ RestoreJobId: jobId }),
    );
    expect(metadata.ourSent).toEqual(metadata.sdkSent);
    expect(metadata.ourOutput).toEqual(metadata.sdkOutput);
    const input = {
      RestoreJobId: jobId,
      ValidationStatus: "SUCCESSFUL" as const,
      ValidationStatusMessage: "ok",
    };
    const put = await both(
      () => sdk.send(new PutRestoreValidationResultCommand(input)),
      () => ours.putRestoreValidationResult(input),
    );
    expect(put.ourSent).toEqual(put.sdkSent);
    expect(put.ourSent).toMatchObject({ method: "PUT", path: `/restore-jobs/${jobId}/validations` });
    expect(put.ourOutput).toEqual(put.sdkOutput);
  });

  it("ListRestoreJobs with every filter: the same query, the same page", async () => {
    const input = {
      MaxResults: 5,
      ByAccountId: "123456789012",
      ByResourceType: "EBS",
      ByCreatedAfter: new Date("2026-11-01T00:00:00.5Z"),
      ByCreatedBefore: new Date("2026-12-31T00:00:00Z"),
      ByCompleteAfter: new Date("2026-11-01T00:00:00Z"),
      ByCompleteBefore: new Date("2026-12-31T23:59:59.999Z"),
      ByStatus: "COMPLETED" as const,
    };
    const r = await both(
      () => sdk.send(new ListRestoreJobsCommand(input)),
      () => ours.listRestoreJobs(input),
    );
    expect(r.ourSent).toEqual(r.sdkSent);
    expect(r.ourOutput).toEqual(r.sdkOutput);
    expect((r.ourOutput as { RestoreJobs: unknown[] }).RestoreJobs).toHaveLength(1);
  });

  it("ListRestoreJobSummaries: the same query and summaries", async () => {
    const input = {
      AccountId: "ANY",
      State: "AGGREGATE_ALL" as const,
      AggregationPeriod: "FOURTEEN_DAYS" as const,
      MaxResults: 10,
    };
    const r = await both(
      () => sdk.send(new ListRestoreJobSummariesCommand(input)),
      () => ours.listRestoreJobSummaries(input),
    );
    expect(r.ourSent).toEqual(r.sdkSent);
    expect(r.ourOutput).toEqual(r.sdkOutput);
  });

  it("reads the same values from the same crafted answer: fractions, a long past 2^53, nulls, empty lists and maps", async () => {
    const body =
      '{"RestoreJobs":[{"RestoreJobId":"a","CreationDate":1767323045.1234,"CompletionDate":1767323045,' +
      '"BackupSizeInBytes":9007199254740993,"StatusMessage":null,"IsParent":true,"CreatedBy":{}},{}],"NextToken":""}';
    fake.misbehave.answer("ListRestoreJobs", () => ({ status: 200, body }));
    try {
      const r = await both(
        () => sdk.send(new ListRestoreJobsCommand({})),
        () => ours.listRestoreJobs({}),
      );
      expect(r.ourOutput).toEqual(r.sdkOutput);
      const [first] = (r.ourOutput as { RestoreJobs: { CreationDate: Date }[] }).RestoreJobs;
      expect(first?.CreationDate.toISOString()).toBe("2026-01-02T03:04:05.123Z");
    } finally {
      fake.misbehave.reset();
    }
  });

  test.prop(
    [
      // The characters an encoder gets wrong (reserved, sub-delims, `%`, space) often; any other too.
      fc.string({
        minLength: 1,
        maxLength: 40,
        unit: fc.oneof(
          fc.constantFrom(..."!'()*:/ %+=&?#~@$,;[]"),
          fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
        ),
      }),
      fc.option(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date("2100-01-01") }), {
        nil: undefined,
      }),
    ],
    { numRuns: 25 },
  )(
    "ListRestoreJobsByProtectedResource: any resource ARN and date, the same path (encoded once) and query",
    async (resourceArn, after) => {
      const input = {
        ResourceArn: resourceArn,
        ...(after === undefined ? {} : { ByRecoveryPointCreationDateAfter: after }),
      };
      const r = await both(
        () => sdk.send(new ListRestoreJobsByProtectedResourceCommand(input)),
        () => ours.listRestoreJobsByProtectedResource(input),
      );
      expect(r.ourSent).toEqual(r.sdkSent);
      expect(r.ourSent.signature).toBe("valid");
      expect(r.ourOutput).toEqual(r.sdkOutput);
    },
  );
});

it("both see the same job: the SDK's started job is the one the client describes", async () => {
  const { RestoreJobId } = await sdk.send(
    new StartRestoreJobCommand({ RecoveryPointArn: recoveryPointArn, Metadata: {} }),
  );
  expect((await ours.describeRestoreJob({ RestoreJobId: RestoreJobId! })).RestoreJobId).toBe(RestoreJobId);
});
