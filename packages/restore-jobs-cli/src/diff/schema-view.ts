/**
 * One schema seen as the rules need it: its allowed types, its enum, its object members (own and
 * those of its `allOf` members, which a value must satisfy too), its map part, its bounds. OpenAPI
 * 3.0 spellings are read as their 3.1 meaning (`nullable: true` adds `"null"` to the types).
 */

import { isObject, isObjectOrArray } from "../json.js";
import { canonical } from "./canonical.js";

export type Schema = Record<string, unknown>;

export interface SchemaView {
  /** The allowed JSON types, or null for any type. */
  types: Set<string> | null;
  /** Canonical texts of the allowed values (`enum`, or `const` as one value), or null for any value. */
  enumValues: Map<string, unknown> | null;
  properties: Map<string, Schema>;
  required: Set<string>;
  /** `additionalProperties`: true when absent, false, or the schema of the values. */
  additional: Schema | boolean;
  propertyNames: Schema | undefined;
  items: Schema | undefined;
  /** Numeric bounds by keyword (maxLength, minimum, ...). */
  bounds: Map<string, number>;
  pattern: string | undefined;
  format: string | undefined;
  oneOf: Schema[] | undefined;
  anyOf: Schema[] | undefined;
  /** Canonical texts of constraints the rules do not take apart (if/then/else, not, dependentSchemas...). */
  opaque: Set<string>;
}

export const boundKeywords = [
  "maxLength",
  "minLength",
  "maximum",
  "minimum",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "maxItems",
  "minItems",
  "maxProperties",
  "minProperties",
] as const;

const opaqueKeywords = [
  "if",
  "then",
  "else",
  "not",
  "dependentSchemas",
  "dependentRequired",
  "multipleOf",
  "uniqueItems",
  "contains",
  "prefixItems",
  "patternProperties",
];

/** `true` and `false` as schemas. */
export function asSchema(value: unknown): Schema {
  if (value === false) return { not: {} };
  if (isObject(value)) return value as Schema;
  return {};
}

function typesOf(schema: Schema): Set<string> | null {
  const type = schema.type;
  let types: Set<string> | null = null;
  if (typeof type === "string") types = new Set([type]);
  else if (Array.isArray(type)) types = new Set(type.filter((t): t is string => typeof t === "string"));
  if (types && schema.nullable === true) types.add("null");
  return types;
}

function intersect(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
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

function enumOf(schema: Schema): Map<string, unknown> | null {
  const values = "const" in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : null;
  if (values === null) return null;
  return new Map(values.map((v) => [canonical(v), v]));
}

/** Reads a schema, folding in its `allOf` members (recursively; cycles stop the folding). */
export function viewOf(input: unknown, seen: Set<unknown> = new Set()): SchemaView {
  const schema = asSchema(input);
  const view: SchemaView = {
    types: typesOf(schema),
    enumValues: enumOf(schema),
    properties: new Map(),
    required: new Set(Array.isArray(schema.required) ? schema.required.map(String) : []),
    additional:
      schema.additionalProperties === undefined ? true : (schema.additionalProperties as Schema | boolean),
    propertyNames: schema.propertyNames === undefined ? undefined : asSchema(schema.propertyNames),
    items: schema.items === undefined ? undefined : asSchema(schema.items),
    bounds: new Map(),
    pattern: typeof schema.pattern === "string" ? schema.pattern : undefined,
    format: typeof schema.format === "string" ? schema.format : undefined,
    oneOf: Array.isArray(schema.oneOf) ? schema.oneOf.map(asSchema) : undefined,
    anyOf: Array.isArray(schema.anyOf) ? schema.anyOf.map(asSchema) : undefined,
    opaque: new Set(),
  };
  if (isObjectOrArray(schema.properties)) {
    for (const [name, member] of Object.entries(schema.properties))
      view.properties.set(name, asSchema(member));
  }
  for (const keyword of boundKeywords) {
    const value = schema[keyword];
    if (typeof value === "number") view.bounds.set(keyword, value);
  }
  for (const keyword of opaqueKeywords) {
    if (schema[keyword] !== undefined) view.opaque.add(canonical({ [keyword]: schema[keyword] }, true));
  }
  if (Array.isArray(schema.allOf) && !seen.has(schema)) {
    seen.add(schema);
    for (const member of schema.allOf) mergeInto(view, viewOf(member, seen));
  }
  return view;
}

/** A value must satisfy every allOf member: members add properties, requirements and constraints. */
function mergeInto(view: SchemaView, member: SchemaView): void {
  view.types = intersect(view.types, member.types);
  if (member.enumValues) {
    view.enumValues = view.enumValues
      ? new Map([...view.enumValues].filter(([key]) => member.enumValues?.has(key)))
      : member.enumValues;
  }
  for (const [name, schema] of member.properties) {
    const own = view.properties.get(name);
    // The same schema twice (an allOf that refers back to its own schema) is that schema, not a new pair.
    view.properties.set(name, own && own !== schema ? { allOf: [own, schema] } : schema);
  }
  for (const name of member.required) view.required.add(name);
  if (member.additional !== true) {
    view.additional =
      view.additional === true
        ? member.additional
        : { allOf: [asSchema(view.additional), asSchema(member.additional)] };
  }
  view.propertyNames ??= member.propertyNames;
  view.items ??= member.items;
  for (const [keyword, value] of member.bounds) {
    const own = view.bounds.get(keyword);
    const tighter = keyword.startsWith("max") || keyword === "exclusiveMaximum" ? Math.min : Math.max;
    view.bounds.set(keyword, own === undefined ? value : tighter(own, value));
  }
  view.pattern ??= member.pattern;
  view.format ??= member.format;
  view.oneOf ??= member.oneOf;
  view.anyOf ??= member.anyOf;
  for (const text of member.opaque) view.opaque.add(text);
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
