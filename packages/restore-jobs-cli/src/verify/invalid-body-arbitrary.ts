import fc from "fast-check";
import { isObjectOrArray, parseJson } from "../json.js";
import type { JsonSchema } from "../openapi-document.js";
import { deepMerge, deleteAt, type JsonPath, setAt } from "./json-path.js";
import {
  conditionalsOf,
  type PrismInFront,
  plainAllOfOf,
  propertiesOf,
  requiredOf,
  type SchemaDocument,
  typesOf,
} from "./schema-walk.js";
import { patchArbitrary, textArbitrary } from "./valid-body-arbitrary.js";

/**
 * One broken rule of the request schema, as data so that a counterexample prints and shrinks:
 * which rule, where, and the value put there (absent for a removed member).
 */
export interface Breakage {
  rule:
    | "missing_required"
    | "wrong_type"
    | "null"
    | "outside_enum"
    | "not_const"
    | "pattern_mismatch"
    | "unknown_member"
    | "non_object_body"
    | "conditional"
    // Near misses (near-miss.ts): one small step from a valid value.
    | "near_pattern"
    | "near_enum"
    | "near_type"
    // Inside a conditional: a compared value's near variant, or a triggering member given empty.
    | "near_conditional"
    // Lenient parsers (near-miss.ts): a known member's name in another case, a name of
    // JavaScript's object prototype, a value nested past a parser's depth.
    | "near_member_name"
    | "prototype_member"
    | "deep_nesting";
  path: string[];
  value?: unknown;
  /** For `conditional`: the members that make the `if` hold, merged in before the break. */
  given?: unknown;
}

/** The body with one rule broken. */
export function applyBreakage(body: unknown, breakage: Breakage): unknown {
  const base = breakage.given === undefined ? body : deepMerge(body, breakage.given);
  return "value" in breakage ? setAt(base, breakage.path, breakage.value) : deleteAt(base, breakage.path);
}

/**
 * A value of each other JSON type, one arbitrary per type (so that the fixed phase, one body per
 * arbitrary, sends every one of them whatever the seed: an object given as an array included).
 */
const otherTypeValues: Record<string, fc.Arbitrary<unknown>[]> = {
  string: [fc.integer(), fc.boolean(), fc.constant([]), fc.constant({})],
  boolean: [fc.constantFrom("true", "false"), fc.constantFrom(0, 1), fc.constant({}), fc.constant([])],
  object: [
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.boolean(),
    fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
  ],
  integer: [fc.string({ maxLength: 8 }), fc.boolean(), fc.constant(1.5), fc.constant([])],
  number: [fc.string({ maxLength: 8 }), fc.boolean(), fc.constant({})],
  array: [fc.string({ maxLength: 8 }), fc.integer(), fc.constant({})],
};

/**
 * Every way to break one rule of `schema`, found by walking it: each required member removed,
 * each member given a wrong type or `null`, each enum and pattern missed, an unknown member where
 * `additionalProperties: false`, a conditional's `if` made true with its `then` broken, and at the
 * root a body that is not an object. A new rule in the spec is a new breakage here.
 */
export function breakageArbitraries(
  doc: SchemaDocument,
  raw: unknown,
  path: JsonPath = [],
  /** `values`: only consts, enums and patterns (to break a conditional's `then` and nothing else). */
  scope: "all" | "values" = "all",
): fc.Arbitrary<Breakage>[] {
  const schema = doc.resolve(raw);
  const at = [...path];
  const out: fc.Arbitrary<Breakage>[] = [];
  const types = typesOf(schema);
  if (scope === "values") {
    // Only what follows: consts, enums, patterns and the members' own values.
  } else if (path.length === 0 && types.includes("object")) {
    out.push(
      nonObjectBodyArbitrary(doc.prismInFront).map((value) => ({
        rule: "non_object_body" as const,
        path: at,
        value,
      })),
    );
    if (doc.prismInFront !== "proxy") out.push(fc.constant({ rule: "null" as const, path: at, value: null }));
  } else if (types.length > 0 && !types.includes("null")) {
    out.push(fc.constant({ rule: "null" as const, path: at, value: null }));
    const type = types[0] ?? "string";
    const others = otherTypeValues[type];
    if (others && types.length === 1)
      for (const other of others)
        out.push(other.map((value) => ({ rule: "wrong_type" as const, path: at, value })));
  }
  if ("const" in schema) {
    out.push(
      textArbitrary(0, 12)
        .filter((v) => v !== schema.const)
        .map((value) => ({ rule: "not_const" as const, path: at, value })),
    );
  }
  if (Array.isArray(schema.enum)) {
    const allowed = schema.enum as unknown[];
    out.push(
      fc
        .oneof(
          fc.string({ maxLength: 16 }),
          fc.constantFrom(...allowed.filter((v) => typeof v === "string").map((v) => `${v} `.toLowerCase())),
        )
        .filter((v) => !allowed.includes(v))
        .map((value) => ({ rule: "outside_enum" as const, path: at, value })),
    );
  }
  if (typeof schema.pattern === "string") {
    const regex = new RegExp(schema.pattern, "u");
    out.push(
      textArbitrary(0, 40)
        .filter((v) => !regex.test(v))
        .map((value) => ({ rule: "pattern_mismatch" as const, path: at, value })),
    );
  }
  if (types.includes("object") && scope === "values") {
    for (const [name, sub] of Object.entries(propertiesOf(schema))) {
      out.push(...breakageArbitraries(doc, sub, [...at, name], "values"));
    }
  } else if (types.includes("object")) {
    out.push(...objectBreakages(doc, schema, at));
  }
  return out;
}

function objectBreakages(doc: SchemaDocument, schema: JsonSchema, at: string[]): fc.Arbitrary<Breakage>[] {
  const out: fc.Arbitrary<Breakage>[] = [];
  const parts = [schema, ...plainAllOfOf(doc, schema)];
  const properties = Object.assign({}, ...parts.map(propertiesOf)) as Record<string, unknown>;
  for (const name of new Set(parts.flatMap(requiredOf))) {
    out.push(fc.constant({ rule: "missing_required" as const, path: [...at, name] }));
  }
  for (const [name, sub] of Object.entries(properties))
    out.push(...breakageArbitraries(doc, sub, [...at, name]));
  const names =
    doc.prismInFront === "none" ? textArbitrary(1, 24) : fc.string({ minLength: 1, maxLength: 24 });
  const unknownName = names.filter((key) => !(key in properties));
  const extra = schema.additionalProperties;
  if (extra === false) {
    out.push(
      fc
        .tuple(unknownName, fc.jsonValue({ maxDepth: 1 }))
        .map(([key, value]) => ({ rule: "unknown_member" as const, path: [...at, key], value })),
    );
  } else if (isObjectOrArray(extra)) {
    const broken = breakageArbitraries(doc, extra, ["*"]);
    if (broken.length > 0) {
      out.push(
        fc
          .tuple(unknownName, fc.oneof(...broken))
          .map(([key, b]) => ({ ...b, path: [...at, key, ...b.path.slice(1)] })),
      );
    }
  }
  for (const conditional of conditionalsOf(doc, schema)) {
    if (conditional.then === undefined) continue;
    // Make the `if` hold, then break one rule of the `then`, found by the same walk.
    const thenBreaks = breakageArbitraries(doc, conditional.then, at, "values");
    const requiredBreaks = requiredPaths(doc, conditional.then, at).map((path) =>
      fc.constant({ rule: "missing_required" as const, path }),
    );
    const all = [...thenBreaks, ...requiredBreaks];
    if (all.length === 0) continue;
    out.push(
      fc
        .tuple(patchArbitrary(doc, conditional.if), fc.oneof(...all))
        .map(([given, b]) => ({ ...b, rule: "conditional" as const, given })),
    );
  }
  return out;
}

/**
 * JSON bodies that are not an object. Through Prism's proxy only those it forwards as sent: an
 * array, a non-zero number, `true` (see PrismInFront).
 */
function nonObjectBodyArbitrary(prismInFront: PrismInFront): fc.Arbitrary<unknown> {
  if (prismInFront === "proxy")
    return fc.oneof(
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.integer().filter((n) => n !== 0),
      fc.constant(true),
    );
  return fc.oneof(fc.constant([]), fc.string({ maxLength: 12 }), fc.integer(), fc.boolean());
}

/** The paths of members a schema requires, at any depth (the `then` of a conditional). */
function requiredPaths(doc: SchemaDocument, raw: unknown, at: string[]): string[][] {
  const schema = doc.resolve(raw);
  const here = requiredOf(schema).map((name) => [...at, name]);
  const deeper = Object.entries(propertiesOf(schema)).flatMap(([name, sub]) =>
    requiredPaths(doc, sub, [...at, name]),
  );
  return [...here, ...deeper];
}

/**
 * A valid body's JSON made not JSON by its end: trailing bytes after a complete value (which a
 * lenient parser accepts), or cut short (truncated).
 */
export function brokenEnds(json: string): string[] {
  const cuts = [json.slice(0, -1), json.slice(0, Math.floor(json.length / 2))];
  const trailing = [`${json}x`, `${json} }`, `${json}{}`, `${json}\n[]`, `${json}\u0000`];
  return [...trailing, ...cuts].filter((text) => parseJson(text) === undefined);
}

/**
 * Request bodies that are not JSON at all: truncated, followed by trailing bytes, single-quoted,
 * bare words, or random text.
 */
export function notJsonBodyArbitrary(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom("{not json", "{", "[1,", "{'RecoveryPointArn': 'x'}", "undefined", "NaN", '{"a":}'),
      valid.chain((body) => fc.constantFrom(...brokenEnds(JSON.stringify(body)))),
      fc.string({ minLength: 1, maxLength: 40 }),
    )
    .filter((text) => parseJson(text) === undefined);
}
