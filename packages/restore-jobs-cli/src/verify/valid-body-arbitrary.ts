import fc from "fast-check";
import { isObject, isObjectOrArray } from "../json.js";
import type { JsonSchema } from "../openapi-document.js";
import { deepMerge } from "./json-path.js";
import {
  conditionalsOf,
  plainAllOfOf,
  propertiesOf,
  requiredOf,
  type SchemaDocument,
  typesOf,
} from "./schema-walk.js";

/*
 * JSON Schema 2020-12 → fast-check arbitrary, written here by hand: no maintained library turns
 * a 2020-12 schema (with `$ref`/`$defs`, `if`/`then`, `pattern`) into fast-check arbitraries that
 * shrink, and the cases must follow the spec, not a hand-written copy of it. Every value is
 * built only from fast-check combinators (record, dictionary, constantFrom, stringMatching,
 * string), so counterexamples shrink. Whatever the walk cannot express (for example a
 * conditional's `then` that needs more than consts and required members) is caught by the final
 * filter against the full schema: a generated valid case is always valid.
 */

/** Plain text: mostly short, any Unicode grapheme (emoji, combining marks, RTL), sometimes long. */
export function textArbitrary(minLength = 0, maxLength?: number): fc.Arbitrary<string> {
  const shortMax = Math.max(minLength, maxLength === undefined ? 24 : Math.min(24, maxLength));
  const short = [
    { weight: 3, arbitrary: fc.string({ minLength, maxLength: shortMax }) },
    {
      weight: 2,
      // fast-check counts graphemes, JSON Schema code points: a grapheme may be several.
      arbitrary: fc
        .string({ unit: "grapheme", minLength, maxLength: shortMax })
        .filter((s) => maxLength === undefined || [...s].length <= maxLength),
    },
  ];
  const longMax = maxLength === undefined ? 4000 : maxLength;
  if (longMax < 200) return fc.oneof(...short);
  return fc.oneof(...short, { weight: 1, arbitrary: longTextArbitrary(Math.max(minLength, 200), longMax) });
}

/**
 * A long string: a short drawn chunk of printable ASCII, repeated to a drawn length from
 * `minLength` to `maxLength` (fast-check's integer leans to both ends: a `maxLength` is met
 * exactly). Written here, not `fc.string`, because fast-check draws a string one character at a
 * time, each with its own shrink tree: long strings were most of the job's drawing time, which
 * slows the embedded mock it shares two cores with, and `fc.string`'s default size never drew one
 * longer than about 400 characters. What a long value tests is its length (a server's limits);
 * which characters it holds is the short strings' business. It shrinks by its length and its chunk.
 */
function longTextArbitrary(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.string({ minLength: 1, maxLength: 24 }), fc.integer({ min: minLength, max: maxLength }))
    .map(([chunk, length]) => chunk.repeat(Math.ceil(length / chunk.length)).slice(0, length));
}

export function valueArbitrary(doc: SchemaDocument, raw: unknown): fc.Arbitrary<unknown> {
  const schema = doc.resolve(raw);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const types = typesOf(schema);
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(...types.map((type) => typedArbitrary(doc, schema, type)));
}

function typedArbitrary(doc: SchemaDocument, schema: JsonSchema, type: string): fc.Arbitrary<unknown> {
  switch (type) {
    case "string":
      return stringArbitrary(schema);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: numberOr(schema.minimum, -1e9), max: numberOr(schema.maximum, 1e9) });
    case "number":
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        min: numberOr(schema.minimum, -1e9),
        max: numberOr(schema.maximum, 1e9),
      });
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(valueArbitrary(doc, schema.items), {
        minLength: numberOr(schema.minItems, 0),
        maxLength: numberOr(schema.maxItems, 5),
      });
    case "object":
      return objectArbitrary(doc, schema);
    default:
      throw new Error(`unsupported schema type ${type}`);
  }
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" ? value : fallback;
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = numberOr(schema.minLength, 0);
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  const examples = Array.isArray(schema.examples) ? schema.examples.filter((e) => typeof e === "string") : [];
  if (typeof schema.pattern === "string") {
    // ECMA-262 with the `u` flag, as ajv and Prism compile `pattern`.
    const regex = new RegExp(schema.pattern, "u");
    const matching = fc.stringMatching(regex).filter((s) => regex.test(s) && s.length >= minLength);
    return examples.length > 0
      ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...examples) }, { weight: 4, arbitrary: matching })
      : matching;
  }
  const text = textArbitrary(minLength, maxLength);
  return examples.length > 0
    ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...examples) }, { weight: 4, arbitrary: text })
    : text;
}

function objectArbitrary(doc: SchemaDocument, schema: JsonSchema): fc.Arbitrary<unknown> {
  // Plain `allOf` members add properties and required members to the object.
  const parts = [schema, ...plainAllOfOf(doc, schema)];
  const properties = Object.assign({}, ...parts.map(propertiesOf)) as Record<string, unknown>;
  const required = new Set(parts.flatMap(requiredOf));
  const names = Object.keys(properties);
  const members = fc.record(
    Object.fromEntries(names.map((name) => [name, memberArbitrary(doc, schema, name, properties[name])])),
    { requiredKeys: names.filter((name) => required.has(name)) },
  );
  const extra = schema.additionalProperties;
  const withExtra = isObjectOrArray(extra)
    ? fc
        .tuple(
          members,
          fc.dictionary(
            textArbitrary(1, 40).filter((key) => !(key in properties)),
            valueArbitrary(doc, extra),
            { maxKeys: 4 },
          ),
        )
        .map(([known, more]) => ({ ...more, ...(known as object) }))
    : members;
  const conditionals = conditionalsOf(doc, schema);
  if (conditionals.length === 0) return withExtra;
  return fc
    .tuple(
      withExtra,
      ...conditionals.map((c) => fc.tuple(patchArbitrary(doc, c.then), patchArbitrary(doc, c.else))),
    )
    .map(([value, ...patches]) => ({ value, patches }))
    .map(({ value, patches }) =>
      applyConditionals(doc, conditionals, value, patches as [unknown, unknown][]),
    );
}

/**
 * A member's values: drawn from its schema, and now and then one the object's own `examples` show
 * for it. A rule the spec states only in words (Metadata's `ItemsToRestore`, a JSON array of one
 * to five paths written as a string) is one a drawn string rarely keeps; the spec's examples keep
 * it, so valid bodies that hold the member still come (the client's judgement filters the rest).
 */
function memberArbitrary(
  doc: SchemaDocument,
  schema: JsonSchema,
  name: string,
  raw: unknown,
): fc.Arbitrary<unknown> {
  const drawn = valueArbitrary(doc, raw);
  const shown = (Array.isArray(schema.examples) ? schema.examples : []).flatMap((example) =>
    isObject(example) && Object.hasOwn(example, name) ? [example[name]] : [],
  );
  if (shown.length === 0) return drawn;
  return fc.oneof({ weight: 3, arbitrary: drawn }, { weight: 1, arbitrary: fc.constantFrom(...shown) });
}

function applyConditionals(
  doc: SchemaDocument,
  conditionals: JsonSchema[],
  value: unknown,
  patches: [unknown, unknown][],
): unknown {
  let out = value;
  conditionals.forEach((conditional, index) => {
    const [thenPatch, elsePatch] = patches[index] ?? [undefined, undefined];
    const patch = doc.matches(conditional.if, out) ? thenPatch : elsePatch;
    if (patch !== undefined) out = deepMerge(out, patch);
  });
  return out;
}

/**
 * The smallest value that carries a schema's constraints: its consts and enums, and its required
 * members (generated), recursively. Merged into a value, it makes a conditional's branch hold.
 */
export function patchArbitrary(doc: SchemaDocument, raw: unknown): fc.Arbitrary<unknown> {
  if (raw === undefined) return fc.constant(undefined);
  const schema = doc.resolve(raw);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const properties = propertiesOf(schema);
  const required = new Set(requiredOf(schema));
  const entries: [string, fc.Arbitrary<unknown>][] = [];
  for (const name of new Set([...Object.keys(properties), ...required])) {
    const sub = doc.resolve(properties[name]);
    if (constrains(doc, sub)) entries.push([name, patchArbitrary(doc, sub)]);
    else if (required.has(name)) entries.push([name, valueArbitrary(doc, sub)]);
  }
  if (entries.length === 0) return fc.constant(undefined);
  return fc.record(Object.fromEntries(entries));
}

function constrains(doc: SchemaDocument, schema: JsonSchema): boolean {
  if ("const" in schema || Array.isArray(schema.enum) || requiredOf(schema).length > 0) return true;
  return Object.values(propertiesOf(schema)).some((sub) => constrains(doc, doc.resolve(sub)));
}
