/**
 * A canonical text of a JSON value: keys sorted, so documents that differ only in key order (or in
 * YAML against JSON) give the same text. `stripDocs` drops the keys that only document (descriptions,
 * examples, extensions), for telling whether two schemas *mean* the same. Cycles (recursive schemas
 * after dereferencing) are written as a back-reference by depth, which is stable too. The text is
 * for telling values apart, not for reading: a large part is named by a short id.
 */
import { isObjectOrArray } from "../../json.js";
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

/**
 * Texts of whole objects, by the text of their parts: an object's text names each part by its own
 * (short) text, so a schema shared along many paths is written once, not once per path (a graph of
 * `$ref`s shared 4 ways 10 deep would otherwise be a text of a million copies). The same parts give
 * the same text in both documents, so equal texts still mean equal values.
 */
const interned = new Map<string, string>();
const texts = [new WeakMap<object, string>(), new WeakMap<object, string>()];

function intern(text: string): string {
  if (text.length <= 64) return text;
  let id = interned.get(text);
  if (id === undefined) {
    id = `#${interned.size}`;
    interned.set(text, id);
  }
  return id;
}

export function canonical(value: unknown, stripDocs = false): string {
  const known = texts[stripDocs ? 1 : 0]!;
  const stack: unknown[] = [];
  // The text, and the lowest place on the stack a cycle inside it points back to: a text that
  // points above its own object depends on where it was met, and is not remembered.
  const walk = (node: unknown, key?: string): [string, number] => {
    if (!isObjectOrArray(node)) return [JSON.stringify(node) ?? "null", Number.POSITIVE_INFINITY];
    const sorted = Array.isArray(node) && key !== undefined && setKeywords.has(key);
    const remembered = sorted ? undefined : known.get(node);
    if (remembered !== undefined) return [remembered, Number.POSITIVE_INFINITY];
    const depth = stack.indexOf(node);
    if (depth >= 0) return [`{"$cycle":${stack.length - depth}}`, depth];
    const own = stack.length;
    let reach = Number.POSITIVE_INFINITY;
    const part = (item: unknown, k?: string) => {
      const [text, back] = walk(item, k);
      reach = Math.min(reach, back);
      return text;
    };
    stack.push(node);
    let text: string;
    try {
      if (Array.isArray(node)) {
        const items = node.map((item) => part(item));
        if (sorted) items.sort();
        text = `[${items.join(",")}]`;
      } else {
        const entries = Object.keys(node)
          .filter((k) => !(stripDocs && isDocumentationKey(k)))
          .sort()
          .map((k) => `${JSON.stringify(k)}:${part((node as Record<string, unknown>)[k], k)}`);
        text = `{${entries.join(",")}}`;
      }
    } finally {
      stack.pop();
    }
    if (reach < own) return [text, reach];
    const id = intern(text);
    if (!sorted) known.set(node, id);
    return [id, Number.POSITIVE_INFINITY];
  };
  return walk(value)[0];
}

/** True when the two values mean the same, documentation aside. */
export function sameMeaning(a: unknown, b: unknown): boolean {
  return canonical(a, true) === canonical(b, true);
}
