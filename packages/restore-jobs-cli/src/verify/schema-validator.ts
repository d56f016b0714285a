import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { JsonSchema } from "../openapi-document.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
type FormatsPlugin = (ajv: Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin;

/**
 * One ajv instance for the job: JSON Schema 2020-12 with formats (`date-time` is part of the
 * response contract). `strict: false` because OpenAPI schemas carry `example`-style annotations.
 */
export function createValidatorFactory(): (schema: JsonSchema) => ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  // ajv-formats' date-time takes more than RFC 3339 (a space for `T`, `+0000`, `+00`): judged strictly.
  ajv.addFormat("date-time", { type: "string", validate: isRfc3339DateTime });
  return (schema) => ajv.compile(schema);
}

const dateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * `format: date-time` as RFC 3339 section 5.6 writes it, strictly: `T` between date and time, and
 * `Z` or an offset `±HH:MM`; a day that exists in its month (2025-02-29 does not, though
 * JavaScript's Date reads it as March 1st). A leap second (`:60`) is refused too: JavaScript's Date,
 * which the client reads `created_at` with, cannot read it, and an answer the job accepts is one
 * the client must read. Lower-case `t` and `z`, which RFC 3339 allows in a note, are refused as the
 * documentation's grammar (`T`, `Z`) does.
 */
export function isRfc3339DateTime(text: string): boolean {
  const m = dateTime.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHour = 0, offsetMinute = 0] = m
    .slice(1)
    .map((part) => Number(part ?? 0)) as number[];
  const leap = year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month! - 1];
  return (
    days !== undefined &&
    day! >= 1 &&
    day! <= days &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    offsetHour <= 23 &&
    offsetMinute <= 59
  );
}

/** `/data/created_at must match format "date-time"` — ajv's errors as one line. */
export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`).join("; ");
}
