/**
 * An input's one stop before the wire, for every operation: read once into plain data → checked
 * (the operation's `check`) → the idempotency token filled → split by the operation's bindings
 * into the path (each URI label percent-encoded once), the query, headers and the JSON body →
 * bounded by `maxRequestBytes`. Nothing reaches the wire before `prepareRequest` returns.
 */
import { randomUUID } from "node:crypto";
import { RestoreJobsValidationError, type ValidationIssue } from "../errors.js";
import { escapePointer, isObject, type JsonObject } from "../json.js";
import type { Operation } from "../operations/operation.js";

/** An input made ready to sign: what the attempt signs and sends, every attempt alike. */
export interface PreparedRequest {
  /** The path with its labels filled, each percent-encoded once: `/restore-jobs/arn%3Aaws%3A…`. */
  path: string;
  /** The query string without its `?`; empty for none. */
  query: string;
  /** Headers from header bindings, lower-case names. */
  headers: Record<string, string>;
  /** The JSON body as sent, members in the AWS SDK's order; undefined when there is none. */
  json: string | undefined;
  /** The idempotency token the request carries, when the operation has one. */
  idempotencyToken: string | undefined;
}

const objectPrototype = Object.prototype;

/**
 * The input read once into plain data, so a getter or a Proxy cannot show the check one value and
 * the wire another, and nothing the JSON body would silently drop or flatten gets through: a Map,
 * a Set, a class instance, a Date outside a timestamp member, a function, a symbol, a bigint, a
 * number that is not finite. Such a value, a throwing getter or a revoked Proxy is an issue at its
 * pointer (the value is never quoted), never a raw TypeError. Own enumerable string keys are read
 * (`__proto__` as plain data); inherited ones, which the validator's `for…in` would see, are not.
 */
export function snapshotInput(
  input: unknown,
  timestamps: readonly string[] = [],
): { copy: unknown; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  // A getter that throws, a revoked Proxy: what threw is not quoted (it may hold anything).
  const unreadable = (pointer: string, error: unknown) =>
    issues.push({
      pointer,
      message: `could not be read (${error instanceof Error ? error.name : "a thrown value"})`,
    });
  /** A member's value, or an issue at its pointer when reading it throws. */
  const member = (object: object, key: string | number, pointer: string) => {
    try {
      return { value: (object as Record<string | number, unknown>)[key] };
    } catch (error) {
      unreadable(pointer, error);
      return undefined;
    }
  };
  const read = (value: unknown, pointer: string, depth: number, dateAllowed: boolean): unknown => {
    try {
      if (value === undefined || value === null || typeof value === "string" || typeof value === "boolean")
        return value; // undefined: an absent member, as JSON leaves it out
      if (typeof value === "number") {
        if (Number.isFinite(value)) return value;
        issues.push({ pointer, message: "must be a finite number" });
        return undefined;
      }
      if (typeof value !== "object") {
        issues.push({ pointer, message: `must be JSON data, not a ${typeof value}` });
        return undefined;
      }
      if (value instanceof Date && dateAllowed) {
        if (!Number.isNaN(value.getTime())) return new Date(value.getTime());
        issues.push({ pointer, message: "must be a valid Date" });
        return undefined;
      }
      if (depth > 32) {
        issues.push({ pointer, message: "is nested more than 32 levels deep" });
        return undefined;
      }
      if (Array.isArray(value)) {
        const copy: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
          const at = `${pointer}/${i}`;
          const got = member(value, i, at);
          const item = got && read(got.value, at, depth + 1, false);
          // An array keeps its length: a hole or an undefined would become null in JSON.
          if (got && item === undefined) issues.push({ pointer: at, message: "must be JSON data" });
          copy.push(item);
        }
        return copy;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== objectPrototype && prototype !== null) {
        const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
        issues.push({
          pointer,
          message: `must be a plain object, not ${typeof kind === "string" && kind ? `a ${kind}` : "an instance of a class"}`,
        });
        return undefined;
      }
      // No prototype: a `__proto__` key stays a plain member (JSON.stringify writes it as one).
      const copy: JsonObject = Object.create(null);
      for (const key of Object.keys(value)) {
        const at = `${pointer}/${escapePointer(key)}`;
        const got = member(value, key, at);
        const item = got && read(got.value, at, depth + 1, depth === 0 && timestamps.includes(key));
        if (item !== undefined) copy[key] = item;
      }
      return copy;
    } catch (error) {
      unreadable(pointer, error);
      return undefined;
    }
  };
  return { copy: read(input, "", 0, false), issues };
}

/** Whether `pointer` is `under` or within it. */
const within = (pointer: string, under: string) => pointer === under || pointer.startsWith(`${under}/`);

/**
 * Every problem with an input of `operation`, each at its JSON pointer: what cannot be read as
 * plain data, then what the operation's check finds in the rest (not again where the first
 * already points). Returns the plain copy too, for the wire.
 */
export function inputProblems(
  operation: Pick<Operation<unknown, unknown>, "check" | "timestamps" | "bindings">,
  input: unknown,
): { copy: unknown; issues: ValidationIssue[] } {
  const { copy, issues } = snapshotInput(input, operation.timestamps);
  for (const issue of [...operation.check(copy), ...(operation.bindings?.issues(copy) ?? [])]) {
    if (!issues.some((i) => within(issue.pointer, i.pointer))) issues.push(issue);
  }
  return { copy, issues };
}

const utf8Bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "");

/**
 * A body over `limit` bytes is refused before sending (the limit protects the caller's process
 * and the service; the documentation names none). Says where the bulk is: the largest member, or
 * within an object member the largest entry, or its number of keys when no single entry dominates.
 */
export function findSizeProblem(body: JsonObject, json: string, limit: number): ValidationIssue | undefined {
  const size = Buffer.byteLength(json);
  if (size <= limit) return undefined;
  const what = `makes the request body ${size} bytes, above the limit of ${limit} (option maxRequestBytes)`;
  const members = Object.entries(body).map(([key, value]) => ({ key, value, bytes: utf8Bytes(value) }));
  const largest = members.reduce((a, b) => (b.bytes > a.bytes ? b : a), {
    key: "",
    value: undefined,
    bytes: 0,
  });
  const at = `/${escapePointer(largest.key)}`;
  if (!isObject(largest.value)) return { pointer: at, message: what };
  const entries = Object.entries(largest.value).map(([key, value]) => ({
    key,
    bytes: utf8Bytes(key) + utf8Bytes(value),
  }));
  const entry = entries.reduce((a, b) => (b.bytes > a.bytes ? b : a), { key: "", bytes: 0 });
  return entry.bytes * 2 > largest.bytes
    ? { pointer: `${at}/${escapePointer(entry.key)}`, message: what }
    : { pointer: at, message: `(${entries.length} keys) ${what}` };
}

/**
 * The request of a call, or `RestoreJobsValidationError` with every problem: the input read once,
 * checked, its idempotency token filled, split by the operation's bindings, its body serialized
 * in the AWS SDK's member order and bounded by `maxRequestBytes`.
 */
export function prepareRequest(
  operation: Operation<unknown, unknown>,
  input: unknown,
  maxRequestBytes: number,
): PreparedRequest {
  const { copy, issues } = inputProblems(operation, input);
  if (issues.length) throw new RestoreJobsValidationError(issues, `${operation.name} input`);
  const members = copy as JsonObject;
  const token = operation.idempotencyToken;
  if (token !== undefined && members[token] === undefined) members[token] = randomUUID();
  const { path, query, headers } = operation.bindings?.apply(operation.path, members) ?? {
    path: operation.path,
    query: "",
    headers: {},
  };
  let json: string | undefined;
  if (operation.body) {
    const body: JsonObject = {};
    for (const member of operation.body) if (members[member] !== undefined) body[member] = members[member];
    json = JSON.stringify(body);
    const tooLarge = findSizeProblem(body, json, maxRequestBytes);
    if (tooLarge) throw new RestoreJobsValidationError([tooLarge], `${operation.name} input`);
  }
  return {
    path,
    query,
    headers,
    json,
    idempotencyToken: token === undefined ? undefined : String(members[token]),
  };
}
