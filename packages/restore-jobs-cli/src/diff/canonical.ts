/**
 * A canonical text of a JSON value: keys sorted, so documents that differ only in key order (or in
 * YAML against JSON) give the same text. `stripDocs` drops the keys that only document (descriptions,
 * examples, extensions), for telling whether two schemas *mean* the same. Cycles (recursive schemas
 * after dereferencing) are written as a back-reference by depth, which is stable too.
 */
import { isObjectOrArray } from "../json.js";
export const documentationKeys = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "$comment",
  "$id",
  "$anchor",
  "$schema",
]);

export function isDocumentationKey(key: string): boolean {
  return documentationKeys.has(key) || key.startsWith("x-");
}

/** Order-free keywords: their values are sets, so `[a, b]` and `[b, a]` are the same. */
const setKeywords = new Set(["required", "enum", "type"]);

export function canonical(value: unknown, stripDocs = false): string {
  const stack: unknown[] = [];
  const walk = (node: unknown, key?: string): string => {
    if (!isObjectOrArray(node)) return JSON.stringify(node) ?? "null";
    const depth = stack.indexOf(node);
    if (depth >= 0) return `{"$cycle":${stack.length - depth}}`;
    stack.push(node);
    try {
      if (Array.isArray(node)) {
        const items = node.map((item) => walk(item));
        if (key !== undefined && setKeywords.has(key)) items.sort();
        return `[${items.join(",")}]`;
      }
      const entries = Object.keys(node)
        .filter((k) => !(stripDocs && isDocumentationKey(k)))
        .sort()
        .map((k) => `${JSON.stringify(k)}:${walk((node as Record<string, unknown>)[k], k)}`);
      return `{${entries.join(",")}}`;
    } finally {
      stack.pop();
    }
  };
  return walk(value);
}

/** True when the two values mean the same, documentation aside. */
export function sameMeaning(a: unknown, b: unknown): boolean {
  return canonical(a, true) === canonical(b, true);
}
