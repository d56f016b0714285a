/**
 * The input's one stop before the wire: snapshot → validate → serialize → size bound
 * (`prepareInput`). Validation is the spec's request schema, compiled ahead of time by
 * `npm run generate`, plus the documented rules the schema cannot hold.
 */
import { randomUUID } from "node:crypto";
import type { components } from "../generated/schema.js";
import { type RequestSchemaIssue, validateStartRestoreJobInput } from "../generated/validate-request.js";
import { RestoreJobsValidationError, type ValidationIssue } from "./errors.js";
import { isObject } from "./json.js";

export type StartRestoreJobInput = components["schemas"]["StartRestoreJobInput"];
export type ResourceType = components["schemas"]["ResourceType"];

const efsRule = "EfsKmsKeyRequiresEncryption";

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Turns one ajv error into a pointer to the offending value and a sentence about it. */
function describe(error: RequestSchemaIssue): ValidationIssue | undefined {
  const at = error.instancePath;
  const params = error.params;
  if (error.schemaPath.includes(efsRule)) {
    // ajv reports the failed `then` as well as the failed keyword inside it: keep one sentence.
    if (error.keyword === "if") return undefined;
    return {
      pointer: "/Metadata/Encrypted",
      message: 'must be "true" when ResourceType is EFS and Metadata.KmsKeyId is given',
    };
  }
  switch (error.keyword) {
    case "required":
      return { pointer: `${at}/${escapePointer(String(params.missingProperty))}`, message: "is required" };
    case "additionalProperties":
      return {
        pointer: `${at}/${escapePointer(String(params.additionalProperty))}`,
        message: "is not a member of StartRestoreJob's input (unknown member)",
      };
    case "enum":
      return {
        pointer: at,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "pattern":
      return { pointer: at, message: `must match ${String(params.pattern)}` };
    case "type":
      return { pointer: at, message: `must be ${article(String(params.type))}` };
    default:
      return { pointer: at, message: error.message ?? `breaks the ${error.keyword} rule` };
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * The documented EFS rule JSON Schema cannot express: `ItemsToRestore` "an array of one to five
 * strings where each string is a file path", written as a JSON string in Metadata. The
 * documentation's own example spells the key `itemsToRestore`, so both spellings are checked.
 */
function checkItemsToRestore(metadata: Record<string, string>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const key of ["ItemsToRestore", "itemsToRestore"]) {
    const value = metadata[key];
    if (!Object.hasOwn(metadata, key) || typeof value !== "string") continue; // the schema reports non-strings
    const pointer = `/Metadata/${key}`;
    let items: unknown;
    try {
      items = JSON.parse(value);
    } catch {
      issues.push({
        pointer,
        message: 'must be a JSON array of file paths written as a string, e.g. "[\\"/my.test\\"]"',
      });
      continue;
    }
    if (!Array.isArray(items) || items.length < 1 || items.length > 5) {
      issues.push({ pointer, message: "must be a JSON array of one to five file paths" });
      continue;
    }
    items.forEach((item, index) => {
      if (typeof item !== "string" || !item.startsWith("/")) {
        issues.push({ pointer: `${pointer} [${index}]`, message: 'must be a file path starting with "/"' });
      }
    });
  }
  return issues;
}

/**
 * Every problem with a StartRestoreJob input: the spec's request schema (through the generated
 * ajv validator) and the documented rules the schema cannot hold. Empty when the input is valid.
 */
export function findInputProblems(input: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!validateStartRestoreJobInput(input)) {
    for (const error of validateStartRestoreJobInput.errors ?? []) {
      const issue = describe(error);
      if (issue && !issues.some((i) => i.pointer === issue.pointer && i.message === issue.message))
        issues.push(issue);
    }
  }
  // The rules the schema cannot hold are checked too, so one call lists every problem.
  const body = input as Partial<StartRestoreJobInput> | null;
  if (
    typeof body === "object" &&
    body?.ResourceType === "EFS" &&
    typeof body.Metadata === "object" &&
    body.Metadata
  ) {
    issues.push(...checkItemsToRestore(body.Metadata));
  }
  return issues;
}

const utf8Bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "");

/**
 * A body over `limit` bytes is refused before sending (the limit protects the caller's process
 * and the service; the documentation names none). Says where the bulk is: the largest member, or
 * within Metadata the largest entry, or the number of keys when no single entry dominates.
 */
export function findSizeProblem(
  body: StartRestoreJobInput,
  json: string,
  limit: number,
): ValidationIssue | undefined {
  const size = Buffer.byteLength(json);
  if (size <= limit) return undefined;
  const what = `makes the request body ${size} bytes, above the limit of ${limit} (option maxRequestBytes)`;
  const members = Object.entries(body).map(([key, value]) => ({ key, bytes: utf8Bytes(value) }));
  const largest = members.reduce((a, b) => (b.bytes > a.bytes ? b : a), { key: "", bytes: 0 });
  if (largest.key !== "Metadata") return { pointer: `/${escapePointer(largest.key)}`, message: what };
  const entries = Object.entries(body.Metadata).map(([key, value]) => ({
    key,
    bytes: utf8Bytes(key) + utf8Bytes(value),
  }));
  const entry = entries.reduce((a, b) => (b.bytes > a.bytes ? b : a), { key: "", bytes: 0 });
  return entry.bytes * 2 > largest.bytes
    ? { pointer: `/Metadata/${escapePointer(entry.key)}`, message: what }
    : { pointer: "/Metadata", message: `(${entries.length} keys) ${what}` };
}

// The AWS SDK's member order (its serializer walks the model), so both send the same bytes.
const memberOrder = [
  "RecoveryPointArn",
  "Metadata",
  "IamRoleArn",
  "IdempotencyToken",
  "ResourceType",
  "CopySourceTagsToRestoredResource",
] as const;

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

/**
 * The request body of a call, or `RestoreJobsValidationError` with every problem: the input read
 * once into plain objects, checked, serialized in the AWS SDK's member order with the idempotency
 * token filled, and bounded by `maxRequestBytes`. Nothing reaches the wire before this returns.
 */
export function prepareInput(
  input: unknown,
  maxRequestBytes: number,
): { body: StartRestoreJobInput; json: string } {
  const copy = snapshotInput(input);
  const problems = findInputProblems(copy);
  if (problems.length) throw new RestoreJobsValidationError(problems);
  const prepared = serializeInput(copy as StartRestoreJobInput);
  const tooLarge = findSizeProblem(prepared.body, prepared.json, maxRequestBytes);
  if (tooLarge) throw new RestoreJobsValidationError([tooLarge]);
  return prepared;
}
