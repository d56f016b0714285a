/** The JSON types of a schema: read from `type` (and OpenAPI 3.0's `nullable`), intersected, compared, named. */
import type { Schema } from "./schema-view.js";

export function typesOf(schema: Schema): Set<string> | null {
  const type = schema.type;
  let types: Set<string> | null = null;
  if (typeof type === "string") types = new Set([type]);
  else if (Array.isArray(type)) types = new Set(type.filter((t): t is string => typeof t === "string"));
  if (types && schema.nullable === true) types.add("null");
  return types;
}

export function intersect(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Set<string>();
  for (const t of a) {
    if (b.has(t)) out.add(t);
    else if (t === "integer" && b.has("number")) out.add("integer");
    else if (t === "number" && b.has("integer")) out.add("integer");
  }
  return out;
}

/** The JSON type of a value, as `type` names it (`integer` for whole numbers). */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Whether every value of type set `a` is of type set `b` (null: any type; integers are numbers). */
export function typesWithin(a: Set<string> | null, b: Set<string> | null): boolean {
  if (b === null) return true;
  if (a === null) return false;
  for (const t of a) if (!b.has(t) && !(t === "integer" && b.has("number"))) return false;
  return true;
}

export function describeTypes(types: Set<string> | null): string {
  return types === null ? "any type" : [...types].sort().join(" | ") || "no type";
}
