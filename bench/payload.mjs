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
/**
 * The body the unsigned floors send: byte for byte what ours and the AWS SDK send for `input`
 * (members in the SDK's order, the order its serializer walks the model in), with a fixed
 * idempotency token where the clients put a fresh UUID v4 of the same length. The loopback server
 * checks every contender's body against this one (bench/server.mjs).
 */
export const json = JSON.stringify({
  RecoveryPointArn: input.RecoveryPointArn,
  Metadata: input.Metadata,
  IamRoleArn: input.IamRoleArn,
  IdempotencyToken: "6f1f7c1a-8a5e-4b52-9b8e-2b2e6a3c0d11",
  ResourceType: input.ResourceType,
});
