/**
 * Near misses: values one small step from valid, derived from the schema and a valid body (never
 * from member names), the kind a lenient server lets through. For an anchored pattern, one edit of
 * a valid value (a digit added to or removed from a run of digits, a letter changed, a separator
 * removed, a leading or trailing space, the case changed, the empty string) and, for an ARN, the
 * same name under a sibling resource type (arn-siblings.ts); for an enum, each
 * value's case variants and surrounding spaces; for a string, number or boolean, a value of the
 * right shape and the wrong type (`"true"`, `1`, `"1"`); `null` for each optional member. Each is
 * one `Breakage`, in a fixed order: the same list on every run.
 */
import fc from "fast-check";
import { isObject } from "../json.js";
import { arnSiblings } from "./arn-siblings.js";
import type { Breakage } from "./invalid-body-arbitrary.js";
import { setAt } from "./json-path.js";
import { conditionalsOf, propertiesOf, requiredOf, type SchemaDocument, typesOf } from "./schema-walk.js";
import { patchArbitrary, valueArbitrary } from "./valid-body-arbitrary.js";

/** Where a pattern is anchored at both ends: a one-edit variant is then surely judged whole. */
const anchored = (pattern: string) => pattern.startsWith("^") && pattern.endsWith("$");

/** The one-edit variants of `value`, in a fixed order, without repeats. */
export function oneEditVariants(value: string): string[] {
  const out = [` ${value}`, `${value} `, value.toUpperCase(), value.toLowerCase(), ""];
  const swapCase = [...value]
    .map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()))
    .join("");
  out.push(swapCase);
  for (const separator of new Set(value.match(/[^\p{L}\p{N}]/gu) ?? [])) {
    const at = value.indexOf(separator);
    out.push(value.slice(0, at) + value.slice(at + 1));
  }
  for (const run of value.matchAll(/\p{N}+/gu)) {
    const at = run.index ?? 0;
    out.push(`${value.slice(0, at) + run[0]}0${value.slice(at + run[0].length)}`); // a digit added
    out.push(value.slice(0, at) + run[0].slice(1) + value.slice(at + run[0].length)); // one removed
  }
  for (const run of value.matchAll(/\p{L}+/gu)) {
    const at = (run.index ?? 0) + run[0].length - 1;
    const last = value[at] ?? "a";
    const changed =
      last === "z" ? "y" : last === "Z" ? "Y" : String.fromCodePoint((last.codePointAt(0) ?? 97) + 1);
    out.push(value.slice(0, at) + changed + value.slice(at + 1)); // a letter changed
  }
  return [...new Set(out)].filter((v) => v !== value);
}

/** Names of JavaScript's object prototype a lookup by `in` or `obj[name]` mistakes for known ones. */
export const prototypeNames = ["constructor", "toString", "__proto__", "hasOwnProperty"] as const;

/** How deep `deep_nesting` nests: past Jackson's default limit and Python's recursion limit. */
export const deepNestingDepth = 1200;

/** `[[[…]]]`, `depth` arrays deep. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

/**
 * A valid value on a line of its own: an anchored pattern anchors the whole string, but a
 * multi-line `^`/`$` (Ruby's, or a regex compiled with the m flag) matches a line, and Python's `$`
 * matches before a trailing line break.
 */
function lineBreakVariants(value: string): string[] {
  return [`${value}\n`, `x\n${value}`, `${value}\nx`];
}

/** A value of the right shape and the wrong type: what a lenient parser coerces. */
function wrongTypeTwin(type: string, value: unknown): unknown[] {
  switch (type) {
    case "boolean":
      return [String(value === true)];
    case "integer":
    case "number":
      return [String(typeof value === "number" ? value : 1)];
    case "string": {
      const numeric = typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : 1;
      return [numeric, value === "true" || value === "false" ? value === "true" : true];
    }
    default:
      return [];
  }
}

function enumVariants(allowed: unknown[]): string[] {
  const out: string[] = [];
  for (const value of allowed) {
    if (typeof value !== "string") continue;
    out.push(value.toLowerCase(), value.toUpperCase(), ` ${value}`, `${value} `);
  }
  return [...new Set(out)].filter((v) => !allowed.includes(v));
}

/**
 * Every near miss of `raw` at `path`, given the valid value found there (`value`, or a valid
 * sample of the member's schema when the body leaves it out). `optional`: the member may be left
 * out, so `null` is a near miss of it.
 */
function nearMissesAt(
  doc: SchemaDocument,
  raw: unknown,
  path: string[],
  value: unknown,
  optional: boolean,
): Breakage[] {
  const schema = doc.resolve(raw);
  const out: Breakage[] = [];
  const types = typesOf(schema);
  const current =
    value === undefined ? fc.sample(valueArbitrary(doc, schema), { numRuns: 1, seed: 42 })[0] : value;
  if (optional && path.length > 0 && !types.includes("null")) out.push({ rule: "null", path, value: null });
  if (Array.isArray(schema.enum)) {
    for (const near of enumVariants(schema.enum as unknown[]))
      out.push({ rule: "near_enum", path, value: near });
  }
  if (typeof schema.pattern === "string" && anchored(schema.pattern) && typeof current === "string") {
    const regex = new RegExp(schema.pattern, "u");
    for (const near of [
      ...oneEditVariants(current),
      ...arnSiblings(current),
      ...lineBreakVariants(current),
    ]) {
      if (!regex.test(near)) out.push({ rule: "near_pattern", path, value: near });
    }
  }
  if (types.length === 1 && types[0] !== "object" && types[0] !== "array") {
    for (const near of wrongTypeTwin(types[0] ?? "", current))
      out.push({ rule: "near_type", path, value: near });
  }
  if (types.includes("object")) {
    const properties = propertiesOf(schema);
    const required = new Set(requiredOf(schema));
    const members = isObject(current) ? current : {};
    for (const [name, sub] of Object.entries(properties)) {
      out.push(...nearMissesAt(doc, sub, [...path, name], members[name], !required.has(name)));
    }
    if (schema.additionalProperties === false) {
      // Member names are case-sensitive: a known member in another case is an unknown member
      // (Go's encoding/json and Jackson's case-insensitive mapping take it for the member).
      for (const name of Object.keys(properties))
        for (const variant of new Set([
          name.toLowerCase(),
          name.toUpperCase(),
          name[0]?.toLowerCase() + name.slice(1),
        ]))
          if (variant !== name && !(variant in properties))
            out.push({ rule: "near_member_name", path: [...path, variant], value: members[name] ?? "x" });
      // A name of JavaScript's object prototype is a member like any other: `name in known` says
      // it is known.
      for (const name of prototypeNames)
        if (!Object.hasOwn(properties, name))
          out.push({ rule: "prototype_member", path: [...path, name], value: "x" });
    }
    if (path.length > 0 || types.length === 0) {
      // Nested past a parser's depth (Jackson stops at 1,000, Python's recursion near it): a 4xx,
      // never a 5xx.
      out.push({ rule: "deep_nesting", path, value: nested(deepNestingDepth) });
    }
    const extra = schema.additionalProperties;
    if (extra !== undefined && extra !== false && extra !== true) {
      // A map: the near misses of one entry's value (a number where strings are asked), under a
      // printable ASCII name: Prism, in front of a target, echoes an invalid member's name in a
      // header and cannot carry other characters there (schema-walk.ts, PrismInFront).
      const key =
        Object.keys(members).find((k) => !(k in properties) && /^[\x20-\x7e]+$/.test(k)) ?? "nearMiss";
      out.push(...nearMissesAt(doc, extra, [...path, key], members[key], false));
    }
  }
  return out;
}

/**
 * The near misses of a request schema around valid bodies (`bodies`: the spec's examples and a
 * few fixed samples, so that an optional part of a pattern, such as an ARN's account, is present
 * in one of them), without repeats, in a fixed order.
 */
export function nearMissBreakages(doc: SchemaDocument, raw: unknown, bodies: unknown[]): Breakage[] {
  const seen = new Set<string>();
  return [
    ...bodies.flatMap((body) => nearMissesAt(doc, raw, [], body, false)),
    ...conditionalNearMisses(doc, raw),
  ].filter((breakage) => {
    // A member removed is not a member set to null; a break under a given `if` is another body.
    const key = JSON.stringify([breakage.path, "value" in breakage ? breakage.value : {}, breakage.given]);
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

/**
 * Near misses inside the root's conditionals (`if`/`then`), with the `if` made to hold (`given`):
 * each value the `then` compares (a const or an enum) in its near variants (`"TRUE"` where
 * `"true"` is required), and each string the `if` requires present given empty, with the `then`'s
 * compared members left out: a rule triggered by a member's presence holds for an empty value too
 * (a server that tests the member for truthiness skips it).
 */
function conditionalNearMisses(doc: SchemaDocument, raw: unknown): Breakage[] {
  const out: Breakage[] = [];
  for (const conditional of conditionalsOf(doc, doc.resolve(raw))) {
    if (conditional.then === undefined) continue;
    const given = fc.sample(patchArbitrary(doc, conditional.if), { numRuns: 1, seed: 42 })[0];
    const compared = comparedValues(doc, conditional.then, []);
    for (const { path, allowed } of compared)
      for (const value of enumVariants(allowed)) out.push({ rule: "near_conditional", path, value, given });
    for (const path of requiredStrings(doc, conditional.if, [])) {
      const emptied = setAt(given, path, "");
      for (const { path: thenPath } of compared)
        out.push({ rule: "near_conditional", path: thenPath, given: emptied });
    }
  }
  return out;
}

/** The consts and enums a schema compares, by path (through `properties`). */
function comparedValues(
  doc: SchemaDocument,
  raw: unknown,
  path: string[],
): { path: string[]; allowed: unknown[] }[] {
  const schema = doc.resolve(raw);
  const here =
    "const" in schema
      ? [{ path, allowed: [schema.const] }]
      : Array.isArray(schema.enum)
        ? [{ path, allowed: schema.enum as unknown[] }]
        : [];
  const deeper = Object.entries(propertiesOf(schema)).flatMap(([name, sub]) =>
    comparedValues(doc, sub, [...path, name]),
  );
  return [...(path.length > 0 ? here : []), ...deeper];
}

/** The members a schema requires present that are strings (through `properties`), by path. */
function requiredStrings(doc: SchemaDocument, raw: unknown, path: string[]): string[][] {
  const schema = doc.resolve(raw);
  const properties = propertiesOf(schema);
  const here = requiredOf(schema)
    .filter(
      (name) =>
        typesOf(doc.resolve(properties[name])).includes("string") &&
        !("const" in doc.resolve(properties[name])),
    )
    .map((name) => [...path, name]);
  const deeper = Object.entries(properties).flatMap(([name, sub]) =>
    requiredStrings(doc, sub, [...path, name]),
  );
  return [...here, ...deeper];
}
