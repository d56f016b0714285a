// The bundle-size program that calls all eight restore-job operations, the AWS SDK for JavaScript
// v3: the same program as ours-eight.mjs (BackupClient and the eight commands); prints "ok" once
// every answer is what it should be, exits 1 otherwise.
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

const RecoveryPointArn =
  "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45";
const sdk = new BackupClient({
  region: "us-east-1",
  endpoint: process.argv[2] ?? "http://127.0.0.1:4010",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "bench-dummy-secret-not-a-key" },
});
const { RestoreMetadata, ResourceType } = await sdk.send(
  new GetRecoveryPointRestoreMetadataCommand({ BackupVaultName: "bench-vault", RecoveryPointArn }),
);
const { RestoreJobId } = await sdk.send(
  new StartRestoreJobCommand({ RecoveryPointArn, ResourceType, Metadata: RestoreMetadata }),
);
const job = await sdk.send(new DescribeRestoreJobCommand({ RestoreJobId }));
const { Metadata } = await sdk.send(new GetRestoreJobMetadataCommand({ RestoreJobId }));
const listed = await sdk.send(
  new ListRestoreJobsCommand({ ByStatus: "PENDING", ByCreatedAfter: new Date(Date.now() - 3_600_000) }),
);
const byResource = await sdk.send(
  new ListRestoreJobsByProtectedResourceCommand({ ResourceArn: job.SourceResourceArn }),
);
const summaries = await sdk.send(new ListRestoreJobSummariesCommand({ AggregationPeriod: "ONE_DAY" }));
await sdk.send(new PutRestoreValidationResultCommand({ RestoreJobId, ValidationStatus: "SUCCESSFUL" }));
sdk.destroy();
if (
  !(job.CreationDate instanceof Date) ||
  Metadata?.volumeType !== "gp3" ||
  listed.RestoreJobs?.[0]?.RestoreJobId !== RestoreJobId ||
  byResource.RestoreJobs?.length !== 1 ||
  summaries.RestoreJobSummaries?.[0]?.Count !== 1
)
  throw new Error("an answer is not what it should be");
console.log("ok");
