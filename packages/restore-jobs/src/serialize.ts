import { randomUUID } from "node:crypto";
import type { StartRestoreJobInput } from "./validate-input.js";

// The AWS SDK's member order (its serializer walks the model), so both send the same bytes.
const memberOrder = [
  "RecoveryPointArn",
  "Metadata",
  "IamRoleArn",
  "IdempotencyToken",
  "ResourceType",
  "CopySourceTagsToRestoredResource",
] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads the input once into plain objects, so a getter or a Proxy cannot show the validator one
 * value and the serializer another. Spread keeps own keys such as `__proto__` as plain data, and
 * inherited properties (which the validator's `for…in` would see) are left behind.
 */
export function snapshotInput(input: unknown): unknown {
  if (!isObject(input)) return input;
  const copy: Record<string, unknown> = { ...input };
  if (isObject(copy.Metadata)) copy.Metadata = { ...copy.Metadata };
  return copy;
}

/** The request body, members in the AWS SDK's order, the idempotency token filled with a UUID v4. */
export function serializeInput(input: StartRestoreJobInput): { body: StartRestoreJobInput; json: string } {
  const body: Record<string, unknown> = {};
  for (const key of memberOrder) {
    const value = key === "IdempotencyToken" ? (input.IdempotencyToken ?? randomUUID()) : input[key];
    if (value !== undefined) body[key] = value;
  }
  return { body: body as StartRestoreJobInput, json: JSON.stringify(body) };
}
