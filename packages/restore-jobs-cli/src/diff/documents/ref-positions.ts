/**
 * What a `$ref` means, decided before the `$ref` resolver reads the document:
 * @apidevtools/json-schema-ref-parser follows every `$ref` key wherever it sits, and knows JSON
 * pointers only. So:
 * - a `$ref` to a plain-name fragment (`$ref: "#node"`) points to the schema whose `$anchor` is
 *   `node` (JSON Schema 2020-12, OpenAPI 3.1): where the document holds exactly one, the reference is
 *   written as the pointer to it (the resolver would otherwise read it as no schema at all);
 * - an object with a `$ref` key inside data (`example`, `examples`, `default`, `const`, `enum`, an
 *   `x-` extension, an Example Object's `value`) is a value, not a reference: its key is hidden from
 *   the resolver and put back afterwards (`restoreDataRefs`).
 * Hand-written: the resolver has no option for either.
 */
import { isObject, isObjectOrArray, type JsonObject } from "../../json.js";
import { nameMaps } from "../schema/keyword-lists.js";
import { objectsWith, refTo } from "./dynamic-refs.js";

/** The key a data `$ref` is kept under while the resolver runs. */
const hidden = "\u0000$ref";

/** Keywords whose value is data (an instance, not a schema or an OpenAPI object). */
const dataKeys = new Set(["example", "default", "const", "enum"]);

type Role = "keywords" | "names" | "data";

/** The objects of `root` that sit in data, each holding a `$ref` key; a loop, not recursion. */
function dataRefHolders(root: unknown): JsonObject[] {
  const out: JsonObject[] = [];
  const seen = new Set<unknown>();
  const pending: [unknown, Role][] = [[root, "keywords"]];
  while (pending.length > 0) {
    const [node, role] = pending.pop()!;
    if (!isObjectOrArray(node) || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) pending.push([item, role]);
      continue;
    }
    if (role === "data" && "$ref" in node) out.push(node);
    for (const [key, value] of Object.entries(node)) {
      if (role !== "keywords") pending.push([value, role === "data" ? "data" : "keywords"]);
      else if (dataKeys.has(key) || key.startsWith("x-")) pending.push([value, "data"]);
      else if (key === "examples" && isObject(value)) {
        // A map of Example Objects (or references to them): each one's `value` is data.
        for (const example of Object.values(value))
          if (isObject(example) && !("$ref" in example)) pending.push([example.value, "data"]);
      } else if (key === "examples") pending.push([value, "data"]);
      else pending.push([value, nameMaps.has(key) && isObject(value) ? "names" : "keywords"]);
    }
  }
  return out;
}

const plainName = (ref: unknown) =>
  typeof ref === "string" && /^#[A-Za-z_][-A-Za-z0-9._]*$/.test(ref) ? ref.slice(1) : undefined;

/**
 * A copy of the document ready for the resolver: `$ref`s by `$anchor` written as pointers, `$ref`
 * keys in data hidden. The copy is made by the caller (`hoistRefSiblings` works on one).
 */
export function prepareRefs(copy: JsonObject): JsonObject {
  for (const holder of dataRefHolders(copy)) {
    holder[hidden] = holder.$ref;
    delete holder.$ref;
  }
  const found = objectsWith(
    copy,
    (node) => typeof node.$anchor === "string" || plainName(node.$ref) !== undefined,
  );
  const anchors = new Map<string, string[]>();
  for (const { node, location } of found)
    if (typeof node.$anchor === "string")
      anchors.set(node.$anchor, [...(anchors.get(node.$anchor) ?? []), location]);
  for (const { node } of found) {
    const name = plainName(node.$ref);
    const targets = name === undefined ? undefined : anchors.get(name);
    if (targets?.length === 1) node.$ref = refTo(targets[0]!);
  }
  return copy;
}

/** Puts back the `$ref` keys `prepareRefs` hid in data, in the resolved document. */
export function restoreDataRefs<T>(resolved: T): T {
  const seen = new Set<unknown>();
  const pending: unknown[] = [resolved];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!isObjectOrArray(node) || seen.has(node)) continue;
    seen.add(node);
    if (isObject(node) && hidden in node) {
      node.$ref = node[hidden];
      delete node[hidden];
    }
    for (const value of Object.values(node)) if (isObjectOrArray(value)) pending.push(value);
  }
  return resolved;
}
