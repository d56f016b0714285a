/**
 * `$dynamicRef` (JSON Schema 2020-12) points to a `$dynamicAnchor` chosen by the dynamic scope at
 * validation time; no $ref resolver follows it. Where the document holds exactly one
 * `$dynamicAnchor` of that name, every scope finds the same one, so the reference is static and is
 * read as a `$ref` to it (the usual recursive tree: `items: {$dynamicRef: "#node"}`). Otherwise it
 * is left in place, and `schema.dynamic-ref-unjudged` says where the rules could not follow it.
 * Hand-written: @apidevtools/json-schema-ref-parser ignores `$dynamicRef`, and no library resolves
 * it outside a validator.
 */
import { isObject, isObjectOrArray, type JsonObject } from "../../json.js";
import { operationOf } from "../rules/documentation-rules.js";
import { rule } from "../rules/rules.js";
import { canonical } from "../schema/canonical.js";
import type { ChangeSink } from "../types.js";
import { copyJson } from "./copy-json.js";
import { pointer } from "./pointer.js";

interface Found {
  node: JsonObject;
  location: string;
}

/**
 * The objects of the document that `wanted` picks, each with its JSON pointer (the first path to it),
 * with a loop. Pointers are built only for those picked: most documents have none.
 */
export function objectsWith(root: unknown, wanted: (node: JsonObject) => boolean, from = ""): Found[] {
  const out: Found[] = [];
  const seen = new Set<unknown>();
  const steps: { parent: number; key: string }[] = [];
  const pending: [unknown, number][] = [[root, -1]];
  const pointerOf = (step: number) => {
    const tokens: string[] = [];
    for (let at = step; at >= 0; at = steps[at]!.parent) tokens.push(steps[at]!.key);
    return pointer(from, ...tokens.reverse());
  };
  while (pending.length > 0) {
    const [node, step] = pending.pop()!;
    if (!isObjectOrArray(node) || seen.has(node)) continue;
    seen.add(node);
    if (isObject(node) && wanted(node)) out.push({ node, location: pointerOf(step) });
    for (const [key, value] of Object.entries(node)) {
      if (!isObjectOrArray(value)) continue;
      steps.push({ parent: step, key });
      pending.push([value, steps.length - 1]);
    }
  }
  return out;
}

/** A local `$ref` to a JSON pointer (`/components/schemas/A` → `#/components/schemas/A`). */
export const refTo = (location: string) => `#${location.split("/").map(encodeURIComponent).join("/")}`;

const hasDynamicRef = (node: JsonObject) => typeof node.$dynamicRef === "string";

/** Whether any object under `root` has a `$dynamicRef`: a walk that builds nothing (most have none). */
function anyDynamicRef(root: unknown): boolean {
  const seen = new Set<unknown>();
  const pending = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!isObjectOrArray(node) || seen.has(node)) continue;
    seen.add(node);
    if (isObject(node) && hasDynamicRef(node)) return true;
    for (const value of Object.values(node)) if (isObjectOrArray(value)) pending.push(value);
  }
  return false;
}

const anchorName = (ref: unknown) =>
  typeof ref === "string" && ref.startsWith("#") ? ref.slice(1) : undefined;

/** The document with each `$dynamicRef` that has exactly one target written as a `$ref` to it. */
export function staticDynamicRefs(raw: JsonObject): JsonObject {
  if (!anyDynamicRef(raw)) return raw;
  const copy = copyJson(raw);
  const found = objectsWith(copy, (node) => hasDynamicRef(node) || typeof node.$dynamicAnchor === "string");
  const anchors = new Map<string, string[]>();
  for (const { node, location } of found) {
    if (typeof node.$dynamicAnchor === "string")
      anchors.set(node.$dynamicAnchor, [...(anchors.get(node.$dynamicAnchor) ?? []), location]);
  }
  for (const { node } of found) {
    const name = anchorName(node.$dynamicRef);
    const targets = name === undefined ? undefined : anchors.get(name);
    if (targets?.length !== 1 || "$ref" in node) continue;
    delete node.$dynamicRef;
    node.$ref = refTo(targets[0]!);
  }
  return copy;
}

/** The `$dynamicRef`s still in the operations and webhooks of a resolved document, by location. */
function unresolved(doc: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of ["paths", "webhooks"]) {
    for (const { node, location } of objectsWith(doc[part], hasDynamicRef, `/${part}`)) {
      out.set(location, String(node.$dynamicRef));
    }
  }
  return out;
}

/** Warns at every `$dynamicRef` the rules could not follow, when the documents differ at all. */
export function reportDynamicRefs(oldDoc: JsonObject, newDoc: JsonObject, sink: ChangeSink): void {
  if (![oldDoc.paths, oldDoc.webhooks, newDoc.paths, newDoc.webhooks].some(anyDynamicRef)) return;
  const was = unresolved(oldDoc);
  const now = unresolved(newDoc);
  if (was.size === 0 && now.size === 0) return;
  if (canonical(oldDoc, true) === canonical(newDoc, true)) return;
  for (const [location, ref] of [...new Map([...was, ...now])].sort(([a], [b]) => a.localeCompare(b))) {
    sink.add({
      ...rule("schema.dynamic-ref-unjudged"),
      operation: operationOf(location),
      location,
      message: `\`$dynamicRef: ${ref}\` is not followed (its \`$dynamicAnchor\` is missing or not unique, so the dynamic scope decides); what it points to is not judged.`,
    });
  }
}
