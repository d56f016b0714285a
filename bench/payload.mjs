/** The one request every benchmark sends: a typical StartRestoreJob, dummy credentials (no secret). */
export const region = "us-east-1";
export const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "bench-dummy-secret-not-a-key" };
export const input = {
  RecoveryPointArn:
    "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45",
  IamRoleArn: "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole",
  ResourceType: "EBS",
  Metadata: { availabilityZone: "us-east-1a", encrypted: "false", volumeType: "gp3", volumeSize: "100" },
};
/** The body the unsigned floors send: the same JSON, with a fixed idempotency token. */
export const json = JSON.stringify({ ...input, IdempotencyToken: "6f1f7c1a-8a5e-4b52-9b8e-2b2e6a3c0d11" });
