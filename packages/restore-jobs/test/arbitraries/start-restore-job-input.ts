import fc from "fast-check";
import type { StartRestoreJobInput } from "../../src/index.js";

const resourceTypes = [
  "Aurora",
  "DocumentDB",
  "CloudFormation",
  "DynamoDB",
  "EBS",
  "EC2",
  "EFS",
  "EKS",
  "FSx",
  "Neptune",
  "RDS",
  "Redshift",
  "Storage Gateway",
  "S3",
  "Timestream",
  "VirtualMachine",
] as const;

/** Metadata keys that trip naive code: prototype keys and the EFS keys with rules. */
const trickyKeys = fc.constantFrom(
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "file-system-id",
  "newFileSystem",
);

/** The Metadata keys whose values are Booleans written as strings: `"true"` or `"false"`. */
const booleanKeys = new Set(["newFileSystem", "Encrypted"]);

/**
 * Metadata: any string keys and values, unicode and control characters included; a Boolean key's
 * value is `"true"` or `"false"`, as the spec's enum holds it.
 */
export const metadataArbitrary = fc
  .tuple(
    fc.dictionary(
      fc.oneof(fc.string({ unit: "grapheme", maxLength: 20 }), trickyKeys),
      fc.string({ unit: "binary", maxLength: 40 }),
      { maxKeys: 6 },
    ),
    fc.boolean(),
  )
  .map(([metadata, flag]) => {
    for (const key of Object.keys(metadata)) if (booleanKeys.has(key)) metadata[key] = String(flag);
    return metadata;
  });

/** Inputs valid against the spec (the EFS KmsKeyId and ItemsToRestore rules never arise: no such keys). */
export const validInputArbitrary: fc.Arbitrary<StartRestoreJobInput> = fc.record(
  {
    RecoveryPointArn: fc.stringMatching(
      /^arn:aws[a-z-]{0,3}:[a-z0-9-]{1,10}:[a-z0-9-]{0,12}:([0-9]{12})?:.{1,40}$/,
    ),
    Metadata: metadataArbitrary,
    IamRoleArn: fc.stringMatching(/^arn:aws:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_-]{1,30}$/),
    IdempotencyToken: fc.string({ unit: "grapheme", maxLength: 40 }),
    ResourceType: fc.constantFrom(...resourceTypes),
    CopySourceTagsToRestoredResource: fc.boolean(),
  },
  { requiredKeys: ["RecoveryPointArn", "Metadata"] },
);

/** A valid input with one member replaced by an arbitrary JSON value, or one unknown member added. */
export const nearlyValidInputArbitrary: fc.Arbitrary<unknown> = fc
  .tuple(
    validInputArbitrary,
    fc.constantFrom(
      "RecoveryPointArn",
      "Metadata",
      "IamRoleArn",
      "ResourceType",
      "IdempotencyToken",
      "Unknown",
      "__proto__",
    ),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map(([valid, key, value]) => {
    const copy: Record<string, unknown> = { ...valid };
    Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
    return copy;
  });

/** What a caller might pass: anything JSON, nearly valid inputs, and valid ones. */
export const anyInputArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.anything({ maxDepth: 2 }),
  nearlyValidInputArbitrary,
  validInputArbitrary,
);

/** Credentials as AWS shapes them, with and without a session token. */
export const credentialsArbitrary = fc.record(
  {
    accessKeyId: fc.stringMatching(/^(AKIA|ASIA)[A-Z0-9]{16}$/),
    secretAccessKey: fc.string({
      unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
      minLength: 40,
      maxLength: 40,
    }),
    sessionToken: fc.string({
      unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="),
      minLength: 24,
      maxLength: 120,
    }),
  },
  { requiredKeys: ["accessKeyId", "secretAccessKey"] },
);
