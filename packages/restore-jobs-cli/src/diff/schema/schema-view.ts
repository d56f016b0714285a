/**
 * One schema seen as the rules need it: its allowed types, its enum, its object members (own and
 * those of its `allOf` members, which a value must satisfy too), its map part, its bounds. OpenAPI
 * 3.0 spellings are read as their 3.1 meaning (`nullable: true` adds `"null"` to the types).
 */

import { isObject, isObjectOrArray } from "../../json.js";
import { dropInapplicable } from "./applicable-keywords.js";
import { canonical, isDocumentationKey } from "./canonical.js";
import { boundKeywords, judgedKeywords, rangeEnds, readKeywords } from "./keyword-lists.js";
import { normalisePattern } from "./pattern-meaning.js";
import { intersect, jsonType, typesOf } from "./schema-types.js";

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
  /** The JSON Schema 2020-12 keywords judged one by one (`not`, `contains`, `dependentRequired`, ...): their values. */
  keywords: Map<string, unknown>;
  /** Keywords no rule reads (`discriminator`, `default`, ...), and judged keywords that two allOf parts both set. */
  unread: Map<string, unknown>;
  readOnly: boolean;
  writeOnly: boolean;
  /**
   * The members each closed part (`additionalProperties: false`, no `patternProperties`) declares:
   * a member another part declares that a closed part does not is refused (`refused`).
   */
  closedParts: Set<string>[];
  /** Members declared, but refused by a closed part of an `allOf`: no value may carry them. */
  refused: Set<string>;
}

/** `true` and `false` as schemas. */
export function asSchema(value: unknown): Schema {
  if (value === false) return { not: {} };
  if (isObject(value)) return value as Schema;
  return {};
}

function enumOf(schema: Schema): Map<string, unknown> | null {
  const values = "const" in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : null;
  if (values === null) return null;
  return new Map(values.map((v) => [canonical(v), v]));
}

const unions = new WeakMap<object, Set<string> | null>();

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
    keywords: new Map(),
    unread: new Map(),
    readOnly: schema.readOnly === true,
    closedParts: [],
    refused: new Set(),
    writeOnly: schema.writeOnly === true,
  };
  if (isObjectOrArray(schema.properties)) {
    for (const [name, member] of Object.entries(schema.properties))
      view.properties.set(name, asSchema(member));
  }
  if (schema.additionalProperties === false && schema.patternProperties === undefined)
    view.closedParts.push(new Set(view.properties.keys()));
  for (const keyword of boundKeywords) {
    const value = schema[keyword];
    if (typeof value === "number") view.bounds.set(keyword, value);
  }
  // OpenAPI 3.0: `exclusiveMinimum: true` makes `minimum` exclusive; 3.1 writes `exclusiveMinimum: 0`.
  for (const [bound, flag] of rangeEnds) {
    if (schema[flag] !== true || typeof schema[bound] !== "number") continue;
    view.bounds.set(flag, schema[bound]);
    view.bounds.delete(bound);
  }
  // OpenAPI 3.0's `format: binary` and `format: byte` are 3.1's `contentMediaType` and `contentEncoding`.
  if (schema.format === "binary" && schema.contentMediaType === undefined) {
    view.keywords.set("contentMediaType", "application/octet-stream");
    view.format = undefined;
  }
  if (schema.format === "byte" && schema.contentEncoding === undefined) {
    view.keywords.set("contentEncoding", "base64");
    view.format = undefined;
  }
  for (const [keyword, value] of Object.entries(schema)) {
    if (value === undefined || isDocumentationKey(keyword)) continue;
    if (judgedKeywords.has(keyword)) view.keywords.set(keyword, value);
    else if (!readKeywords.has(keyword)) view.unread.set(keyword, value);
  }
  if (Array.isArray(schema.allOf) && !seen.has(schema)) {
    seen.add(schema);
    for (const member of schema.allOf) mergeInto(view, viewOf(member, seen));
  }
  if (view.types === null) {
    // Remembered per schema: a chain of nested variants is read once, not once per level above it.
    if (!unions.has(schema)) unions.set(schema, variantTypes(view, new Set([...seen, schema])));
    const union = unions.get(schema);
    view.types = union ? new Set(union) : null;
  }
  if (view.types === null && view.enumValues)
    view.types = new Set([...view.enumValues.values()].map(jsonType));
  normaliseRange(view);
  for (const name of view.properties.keys())
    if (view.closedParts.some((part) => !part.has(name))) view.refused.add(name);
  normalisePattern(view);
  dropInapplicable(view);
  return view;
}

/** `{oneOf: [{type: "null"}, {type: "string"}]}` holds a null or a string: the union of its variants' types. */
function variantTypes(view: SchemaView, seen: Set<unknown>): Set<string> | null {
  const variants = view.oneOf ?? view.anyOf;
  if (!variants || variants.length === 0) return null;
  const union = new Set<string>();
  for (const variant of variants) {
    if (seen.has(variant)) return null;
    const types = viewOf(variant, new Set(seen)).types;
    if (types === null) return null;
    for (const t of types) union.add(t);
  }
  return union;
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
  view.readOnly ||= member.readOnly;
  view.writeOnly ||= member.writeOnly;
  view.closedParts.push(...member.closedParts);
  for (const [keyword, value] of member.keywords) {
    const own = view.keywords.get(keyword);
    if (own === undefined) view.keywords.set(keyword, value);
    else if (canonical(own, true) !== canonical(value, true))
      view.unread.set(`allOf ${keyword}`, [own, value]);
  }
  for (const [keyword, value] of member.unread)
    if (!view.unread.has(keyword)) view.unread.set(keyword, value);
}

/**
 * One bound per side of a numeric range, as the values it lets through: the tighter of `minimum`
 * and `exclusiveMinimum` (`minimum: 0, exclusiveMinimum: 0` is `exclusiveMinimum: 0`), and for an
 * integer an inclusive bound (`exclusiveMinimum: 0` is `minimum: 1`, `maximum: 9.5` is `maximum: 9`),
 * so the same set of values written two ways is not a change.
 */
function normaliseRange(view: SchemaView): void {
  const integer = Boolean(view.types?.has("integer")) && !view.types?.has("number");
  for (const [inclusive, exclusive, upper] of rangeEnds) {
    let inc = view.bounds.get(inclusive);
    let exc = view.bounds.get(exclusive);
    const tighter = upper ? Math.min : Math.max;
    if (integer && exc !== undefined) {
      const bound = upper ? Math.ceil(exc) - 1 : Math.floor(exc) + 1;
      inc = inc === undefined ? bound : tighter(inc, bound);
      exc = undefined;
    }
    if (integer && inc !== undefined) inc = upper ? Math.floor(inc) : Math.ceil(inc);
    if (inc !== undefined && exc !== undefined) {
      if (upper ? exc <= inc : exc >= inc) inc = undefined;
      else exc = undefined;
    }
    for (const [keyword, value] of [
      [inclusive, inc],
      [exclusive, exc],
    ] as const) {
      if (value === undefined) view.bounds.delete(keyword);
      else view.bounds.set(keyword, value);
    }
  }
}
