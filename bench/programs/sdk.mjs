// The bundle-size program, the AWS SDK for JavaScript v3: start one restore job (endpoint as the
// first argument); the same program as ours.mjs; prints the id, exits 1 without one.
import { BackupClient, StartRestoreJobCommand } from "@aws-sdk/client-backup";

const sdk = new BackupClient({
  region: "us-east-1",
  endpoint: process.argv[2] ?? "http://127.0.0.1:4010",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "bench-dummy-secret-not-a-key" },
});
const { RestoreJobId } = await sdk.send(
  new StartRestoreJobCommand({
    RecoveryPointArn:
      "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45",
    IamRoleArn: "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole",
    ResourceType: "EBS",
    Metadata: { availabilityZone: "us-east-1a", encrypted: "false", volumeType: "gp3", volumeSize: "100" },
  }),
);
sdk.destroy();
if (!RestoreJobId) throw new Error("no RestoreJobId");
console.log(RestoreJobId);
