// The bundle-size program, ours: start one restore job (endpoint as the first argument), imported
// by the package's name as users do (dist/restore-jobs.js), through the lean core and the one
// operation it calls (as the SDK's program uses BackupClient + StartRestoreJobCommand), so the
// bundle holds that operation only; prints the id, exits 1 without one.
import { createRestoreJobsCore, StartRestoreJob } from "restore-jobs";

const core = createRestoreJobsCore({
  region: "us-east-1",
  endpoint: process.argv[2] ?? "http://127.0.0.1:4010",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "bench-dummy-secret-not-a-key" },
});
const { id } = await core.send(StartRestoreJob, {
  RecoveryPointArn:
    "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45",
  IamRoleArn: "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole",
  ResourceType: "EBS",
  Metadata: { availabilityZone: "us-east-1a", encrypted: "false", volumeType: "gp3", volumeSize: "100" },
});
if (!id) throw new Error("no id");
console.log(id);
