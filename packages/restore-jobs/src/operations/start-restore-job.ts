/**
 * StartRestoreJob, `PUT /restore-jobs`: its input's rules, its wire bindings and how its answer
 * (the documented envelope or the AWS wire) becomes `{ id, createdAt }`. The runtime does the rest.
 */
import type { components } from "../../generated/schema.js";
import { validateStartRestoreJobInput } from "../../generated/validate-request.js";
import type { ValidationIssue } from "../errors.js";
import { isObject } from "../json.js";
import { inputProblems } from "../runtime/prepare.js";
import { NotTheOutput, type Operation, successBody } from "./operation.js";
import { schemaIssues } from "./schema-issues.js";

export type StartRestoreJobInput = components["schemas"]["StartRestoreJobInput"];
export type ResourceType = components["schemas"]["ResourceType"];

export interface StartRestoreJobOutput {
  /** The restore job's id: `data.id` of the documented envelope, `RestoreJobId` on the AWS wire. */
  id: string;
  /** `data.created_at` of the documented envelope; the AWS wire does not send it. */
  createdAt: Date | undefined;
}

/**
 * The documented EFS rule JSON Schema cannot express: `ItemsToRestore` "an array of one to five
 * strings where each string is a file path", written as a JSON string in Metadata. The
 * documentation's own example spells the key `itemsToRestore`, so both spellings are checked.
 */
function checkItemsToRestore(metadata: Record<string, unknown>): ValidationIssue[] {
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

/** The spec's `EfsKmsKeyRequiresEncryption` rule, as one sentence. */
const efsRule = {
  EfsKmsKeyRequiresEncryption: {
    pointer: "/Metadata/Encrypted",
    message: 'must be "true" when ResourceType is EFS and Metadata.KmsKeyId is given',
  },
};

/**
 * RFC 3339 `date-time` (the spec's `format: date-time`), strictly: a date, `T`, a time and a zone
 * (`Z` or `±HH:MM`). `Date.parse` alone takes `"1"`, `"Jan 2"`, and a time without its zone in the
 * local one; none of those is a date the service wrote. https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 */
const rfc3339 =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

function parseDateTime(value: unknown): Date | undefined {
  const fields = typeof value === "string" ? rfc3339.exec(value) : null;
  if (!fields) return undefined;
  // A day the month does not have (February 30) is no date; Date would roll it into March.
  const [year, month, day] = (value as string).split(/\D/, 3).map(Number) as [number, number, number];
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  const date = new Date((value as string).toUpperCase());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const nonEmptyString = (value: unknown): value is string => typeof value === "string" && value !== "";

export const StartRestoreJob: Operation<StartRestoreJobInput, StartRestoreJobOutput> = {
  name: "StartRestoreJob",
  method: "PUT",
  path: "/restore-jobs",
  check(input) {
    const issues = schemaIssues(validateStartRestoreJobInput, input, "StartRestoreJob", efsRule);
    // The rules the schema cannot hold are checked too, so one call lists every problem.
    if (isObject(input) && input.ResourceType === "EFS" && isObject(input.Metadata))
      issues.push(...checkItemsToRestore(input.Metadata));
    return issues;
  },
  body: [
    "RecoveryPointArn",
    "Metadata",
    "IamRoleArn",
    "IdempotencyToken",
    "ResourceType",
    "CopySourceTagsToRestoredResource",
  ],
  idempotencyToken: "IdempotencyToken",
  idempotent: true,
  read(body, text) {
    const answer = successBody(body, text);
    // The documented envelope; a job that was started keeps its id when created_at is not a date.
    const data = answer.success === true && isObject(answer.data) ? answer.data : undefined;
    if (data && nonEmptyString(data.id)) return { id: data.id, createdAt: parseDateTime(data.created_at) };
    // The AWS wire: its one member, read here (aws-output.ts reads whole outputs).
    if (nonEmptyString(answer.RestoreJobId)) return { id: answer.RestoreJobId, createdAt: undefined };
    throw new NotTheOutput("a success answer without a restore job id (data.id or RestoreJobId)");
  },
};

/**
 * Every problem with a StartRestoreJob input: what is not plain data, the spec's request schema
 * (through the generated ajv validator) and the documented rules the schema cannot hold. Empty
 * when the input is valid.
 */
export function findInputProblems(input: unknown): ValidationIssue[] {
  return inputProblems(StartRestoreJob as Operation<unknown, unknown>, input).issues;
}
