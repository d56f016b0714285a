/**
 * Near misses of an ARN that one edit does not reach: the same name under a sibling resource type
 * of its service (an IAM user or group where a role is asked, a backup vault where a recovery
 * point is), and an IAM role's session (`sts` `assumed-role`), the ARN callers most often pass by
 * mistake for the role. A server that accepts `(role|user)/` rejects `rolf/` but not `user/`.
 * Resource types from the AWS Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html);
 * the list is of types that stand in for one another, not a complete one.
 */
const siblingTypes: Record<string, string[]> = {
  iam: ["role", "user", "group", "policy", "instance-profile"],
  sts: ["assumed-role", "federated-user"],
  backup: ["recovery-point", "backup-vault", "backup-plan"],
  ec2: ["instance", "volume", "snapshot", "image"],
  rds: ["db", "cluster", "snapshot", "cluster-snapshot"],
  dynamodb: ["table", "backup"],
  elasticfilesystem: ["file-system", "access-point"],
};

/** `arn:partition:service:region:account:type{/|:}rest`, split; undefined when not an ARN of that shape. */
const arnShape = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):([A-Za-z-]+)([/:])(.+)$/;

/** The sibling-type variants of `value`, in a fixed order; none when it is not an ARN. */
export function arnSiblings(value: string): string[] {
  const parts = arnShape.exec(value);
  if (!parts) return [];
  const [, partition, service = "", region, account, type, separator, rest = ""] = parts;
  const prefix = `arn:${partition}:${service}:${region}:${account}:`;
  const out = (siblingTypes[service] ?? [])
    .filter((sibling) => sibling !== type)
    .map((sibling) => `${prefix}${sibling}${separator}${rest}`);
  if (service === "iam" && type === "role") {
    const name = rest.split("/").pop() ?? rest;
    out.push(`arn:${partition}:sts:${region}:${account}:assumed-role/${name}/session`);
  }
  return out;
}
