/**
 * A schema wrapped in variants, `X` → `oneOf: [{type: "null"}, X]` (or anyOf, or the other way
 * round), is the old schema become one variant of the new. The plain side is read as a one-variant
 * `oneOf: [X]`, so X is matched to its variant and compared in direction (an enum narrowed inside
 * the wrap is found), and the other variants are added or removed.
 */
import { isObject } from "../../json.js";
import { isDocumentationKey } from "./canonical.js";

const variantKeywords = ["oneOf", "anyOf"] as const;

/** Only variants (and documentation, or the types they sum up): nothing that applies beside them. */
function wrapper(schema: unknown): "oneOf" | "anyOf" | undefined {
  if (!isObject(schema)) return undefined;
  const keys = Object.keys(schema).filter((k) => !isDocumentationKey(k) && k !== "type" && k !== "nullable");
  if (keys.length !== 1) return undefined;
  const keyword = variantKeywords.find((k) => k === keys[0]);
  return keyword && Array.isArray(schema[keyword]) ? keyword : undefined;
}

function hasVariants(schema: unknown): boolean {
  return isObject(schema) && variantKeywords.some((k) => schema[k] !== undefined);
}

export function liftIntoVariants(was: unknown, now: unknown): [unknown, unknown] {
  const newWrap = wrapper(now);
  if (newWrap && isObject(was) && !hasVariants(was)) return [{ [newWrap]: [was] }, now];
  const oldWrap = wrapper(was);
  if (oldWrap && isObject(now) && !hasVariants(now)) return [was, { [oldWrap]: [now] }];
  return [was, now];
}
