// The bundle-size program that calls all eight restore-job operations, ours: the lean core and the
// eight operations it sends (endpoint as the first argument; the bench runs it against the fake
// AWS Backup, test-support/fake-backup/), imported by the package's name as users do. The same
// program as sdk-eight.mjs; prints "ok" once every answer is what it should be, exits 1 otherwise.
import {
  createRestoreJobsCore,
  DescribeRestoreJob,
  GetRecoveryPointRestoreMetadata,
  GetRestoreJobMetadata,
  ListRestoreJobSummaries,
  ListRestoreJobs,
  ListRestoreJobsByProtectedResource,
  PutRestoreValidationResult,
  StartRestoreJob,
} from "restore-jobs";

const RecoveryPointArn =
  "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45";
const core = createRestoreJobsCore({
  region: "us-east-1",
  endpoint: process.argv[2] ?? "http://127.0.0.1:4010",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "bench-dummy-secret-not-a-key" },
});
const { RestoreMetadata, ResourceType } = await core.send(GetRecoveryPointRestoreMetadata, {
  BackupVaultName: "bench-vault",
  RecoveryPointArn,
});
const { id } = await core.send(StartRestoreJob, {
  RecoveryPointArn,
  ResourceType,
  Metadata: RestoreMetadata,
});
const job = await core.send(DescribeRestoreJob, { RestoreJobId: id });
const { Metadata } = await core.send(GetRestoreJobMetadata, { RestoreJobId: id });
const listed = await core.send(ListRestoreJobs, {
  ByStatus: "PENDING",
  ByCreatedAfter: new Date(Date.now() - 3_600_000),
});
const byResource = await core.send(ListRestoreJobsByProtectedResource, {
  ResourceArn: job.SourceResourceArn,
});
const summaries = await core.send(ListRestoreJobSummaries, { AggregationPeriod: "ONE_DAY" });
await core.send(PutRestoreValidationResult, { RestoreJobId: id, ValidationStatus: "SUCCESSFUL" });
if (
  !(job.CreationDate instanceof Date) ||
  Metadata?.volumeType !== "gp3" ||
  listed.RestoreJobs?.[0]?.RestoreJobId !== id ||
  byResource.RestoreJobs?.length !== 1 ||
  summaries.RestoreJobSummaries?.[0]?.Count !== 1
)
  throw new Error("an answer is not what it should be");
console.log("ok");
