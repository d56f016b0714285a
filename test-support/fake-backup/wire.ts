/**
 * How the fake AWS Backup server reads a request and writes an answer on AWS's live wire
 * (restJson1, as docs/aws-wire-format.md describes it): query members read and checked, JSON
 * bodies with timestamps as epoch seconds (fractions to the millisecond) and longs past 2^53 kept
 * exact, and modelled errors named in `X-Amzn-ErrorType` and in the body's `__type`.
 */
import type { Constraint } from "./shapes.js";

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Already serialized; absent for a 204. */
  body?: string;
  /** Destroy the connection instead of answering (the client sees it lost before an answer). */
  drop?: true;
}

/** An error the service models (or one every AWS service returns), thrown by a handler. */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const invalidParameter = (message: string) =>
  new ServiceError("InvalidParameterValueException", message);
export const missingParameter = (name: string) =>
  new ServiceError("MissingParameterValueException", `${name} is required.`);
export const notFound = (what: string) => new ServiceError("ResourceNotFoundException", `${what} not found.`);

/**
 * AWS's error answer: the name in X-Amzn-ErrorType and in `__type` (left out of the body where
 * AWS leaves it out, as for a missing signature), the text in `message`.
 */
export function errorAnswer(type: string, message: string, status = 400, typeInBody = true): Answer {
  return {
    status,
    headers: { "x-amzn-ErrorType": type },
    body: JSON.stringify(typeInBody ? { __type: type, message } : { message }),
  };
}

/** A `long` the fake may hold past 2^53: a bigint is written with all its digits. */
export type Long = number | bigint;

/**
 * JSON as restJson1 writes an answer: a Date as epoch seconds (`1767323045.123`), a bigint as its
 * exact digits (JSON.stringify cannot write one, hence the marker), an undefined member left out.
 */
export function toWireJson(value: unknown): string {
  const marker = "@@fake-backup-long:";
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key, member) {
    const raw = this[key];
    if (raw instanceof Date) return raw.getTime() / 1000;
    if (typeof member === "bigint") return `${marker}${member}`;
    return member;
  });
  return text.replaceAll(new RegExp(`"${marker}(-?\\d+)"`, "g"), "$1");
}

export function jsonAnswer(value: unknown, status = 200): Answer {
  return { status, body: toWireJson(value) };
}

/**
 * A restJson1 timestamp in a query string: ISO 8601 date-time in UTC, as the SDKs send it
 * (`2026-01-02T03:04:05Z`, `2026-01-02T03:04:05.123Z`); an offset is accepted as RFC 3339 allows.
 */
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function check(name: string, value: string, constraint: Constraint | undefined): string {
  if (!constraint) return value;
  if (constraint.also?.includes(value)) return value;
  if (constraint.enum && !constraint.enum.includes(value)) {
    throw invalidParameter(`${name} must be one of ${constraint.enum.join(", ")}; got "${value}".`);
  }
  if (constraint.pattern && !constraint.pattern.test(value)) {
    throw invalidParameter(`${name} must match ${constraint.pattern.source}; got "${value}".`);
  }
  return value;
}

/** The query members of one request, checked as the service checks them. */
export class QueryReader {
  constructor(private readonly params: URLSearchParams) {}

  /** The value of a single-valued member; a member sent twice is refused. */
  string(name: string, constraint?: Constraint): string | undefined {
    const values = this.params.getAll(name);
    if (values.length === 0) return undefined;
    if (values.length > 1) throw invalidParameter(`${name} is given ${values.length} times.`);
    return check(name, values[0]!, constraint);
  }

  integer(name: string, range: { min: number; max: number }): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
      throw invalidParameter(`${name} must be an integer from ${range.min} to ${range.max}; got "${text}".`);
    }
    return value;
  }

  timestamp(name: string): Date | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const date = dateTimePattern.test(text) ? new Date(text) : undefined;
    if (!date || Number.isNaN(date.getTime())) {
      throw invalidParameter(`${name} must be an ISO 8601 date-time; got "${text}".`);
    }
    return date;
  }
}

/** The members of a JSON request body, checked as the service checks them. */
export class BodyReader {
  private readonly body: Record<string, unknown>;

  constructor(text: string) {
    let parsed: unknown;
    try {
      parsed = text === "" ? {} : JSON.parse(text);
    } catch {
      throw new ServiceError("SerializationException", "The request body is not JSON.");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new ServiceError("SerializationException", "The request body is not a JSON object.");
    }
    this.body = parsed as Record<string, unknown>;
  }

  private present(name: string, required: boolean): unknown {
    const value = this.body[name];
    if ((value === undefined || value === null) && required) throw missingParameter(name);
    return value ?? undefined;
  }

  string(name: string, options: { required: true; constraint?: Constraint }): string;
  string(name: string, options?: { required?: boolean; constraint?: Constraint }): string | undefined;
  string(name: string, options: { required?: boolean; constraint?: Constraint } = {}): string | undefined {
    const value = this.present(name, options.required ?? false);
    if (value === undefined) return undefined;
    if (typeof value !== "string")
      throw new ServiceError("SerializationException", `${name} must be a string.`);
    if (value === "" && options.required) throw missingParameter(name);
    return check(name, value, options.constraint);
  }

  boolean(name: string): boolean | undefined {
    const value = this.present(name, false);
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") {
      throw new ServiceError("SerializationException", `${name} must be a boolean.`);
    }
    return value;
  }

  stringMap(name: string, options: { required: boolean }): Record<string, string> | undefined {
    const value = this.present(name, options.required);
    if (value === undefined) return undefined;
    const entries = typeof value === "object" && !Array.isArray(value) ? Object.entries(value as object) : [];
    if (typeof value !== "object" || Array.isArray(value) || entries.some(([, v]) => typeof v !== "string")) {
      throw new ServiceError("SerializationException", `${name} must be a map of strings.`);
    }
    return Object.fromEntries(entries) as Record<string, string>;
  }
}
