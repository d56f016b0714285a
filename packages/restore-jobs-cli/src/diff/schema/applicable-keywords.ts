/**
 * Keywords that cannot apply: `maxItems` on a schema that only allows strings, `pattern` on a
 * number. JSON Schema ignores them for values of other types, so the rules do too: adding
 * `maxItems: 3` to a string is no change. The same holds between two schemas: only values of the
 * types the side that must still pass allows matter (a request that was a string and may now be an
 * array too is not narrowed by the array's `maxItems`).
 */
import { keywordsByType } from "./keyword-lists.js";
import type { SchemaView } from "./schema-view.js";

function allows(types: Set<string>, type: string): boolean {
  if (type === "number") return types.has("number") || types.has("integer");
  return types.has(type);
}

export function dropInapplicable(view: SchemaView, types: Set<string> | null = view.types): void {
  if (types === null) return;
  for (const [type, keywords] of Object.entries(keywordsByType)) {
    if (allows(types, type)) continue;
    for (const keyword of keywords) {
      view.bounds.delete(keyword);
      view.keywords.delete(keyword);
    }
    if (type === "array") view.items = undefined;
    if (type === "string") view.pattern = undefined;
    if (type === "object") {
      view.properties.clear();
      view.required.clear();
      view.additional = true;
      view.propertyNames = undefined;
    }
  }
}
