/**
 * A `$ref` cycle that never reaches a schema (`A: {$ref: B}`, `B: {$ref: A}`) has no meaning: the
 * resolver leaves it as a reference, and the rules would compare references. It is refused, naming
 * the cycle. A cycle through a schema (`Node: {properties: {next: {$ref: Node}}}`) is a recursive
 * schema, which the rules read.
 */
import { isObject, isObjectOrArray, type JsonObject } from "../../json.js";
import { isDocumentationKey } from "../schema/canonical.js";
import { pointer } from "./pointer.js";

/** Only a `$ref` (and documentation): a reference with nothing of its own. */
function bareRef(node: unknown): string | undefined {
  if (!isObject(node) || typeof node.$ref !== "string") return undefined;
  const own = Object.keys(node).filter((key) => key !== "$ref" && !isDocumentationKey(key));
  return own.length === 0 ? node.$ref : undefined;
}

function target(root: JsonObject, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    if (!isObjectOrArray(node)) return undefined;
    node = (node as Record<string, unknown>)[decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node;
}

/** The first cycle of bare `$ref`s, from where it is met (`#/paths/… → #/a → #/b → #/a`), or undefined. */
export function bareRefCycle(root: JsonObject): string | undefined {
  const seen = new Set<unknown>();
  const pending: [unknown, string][] = [[root, ""]];
  while (pending.length > 0) {
    const [node, location] = pending.pop()!;
    if (!isObjectOrArray(node) || seen.has(node)) continue;
    seen.add(node);
    for (const [key, value] of Object.entries(node)) {
      if (isObjectOrArray(value)) pending.push([value, pointer(location, key)]);
    }
    let ref = bareRef(node);
    if (ref === undefined) continue;
    const chain = [`#${location}`];
    const met = new Set<unknown>([node]);
    while (ref !== undefined) {
      chain.push(ref);
      const next = target(root, ref);
      if (met.has(next)) return chain.join(" → ");
      met.add(next);
      ref = bareRef(next);
    }
  }
  return undefined;
}
