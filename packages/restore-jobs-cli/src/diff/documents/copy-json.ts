/** Copies of parsed documents. */
import { isObjectOrArray } from "../../json.js";

/**
 * A deep copy of parsed JSON/YAML (shared and cyclic parts stay shared), with a loop: the built-in
 * structuredClone recurses and overflows the stack on a document nested ~2,000 levels deep.
 */
export function copyJson<T>(value: T): T {
  if (!isObjectOrArray(value)) return value;
  const copies = new Map<unknown, Record<string, unknown>>();
  const make = (source: object) => (Array.isArray(source) ? [] : {}) as Record<string, unknown>;
  const root = make(value);
  copies.set(value, root);
  const pending: object[] = [value];
  while (pending.length > 0) {
    const source = pending.pop()!;
    const target = copies.get(source)!;
    for (const [key, item] of Object.entries(source)) {
      if (!isObjectOrArray(item)) {
        target[key] = item;
        continue;
      }
      let copy = copies.get(item);
      if (!copy) {
        copy = make(item);
        copies.set(item, copy);
        pending.push(item);
      }
      target[key] = copy;
    }
  }
  return root as T;
}
