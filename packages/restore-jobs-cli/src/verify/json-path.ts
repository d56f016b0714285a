/** Small immutable edits of JSON values by path, used to build and break request bodies. */
import { isObject } from "../json.js";

export type JsonPath = readonly string[];

/** A copy of `value` with `path` set to `item`; missing objects on the way are created. */
export function setAt(value: unknown, path: JsonPath, item: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return item;
  const base = isObject(value) ? value : {};
  return { ...base, [head]: setAt(base[head], rest, item) };
}

/** A copy of `value` without the member at `path` (unchanged when it is not there). */
export function deleteAt(value: unknown, path: JsonPath): unknown {
  const [head, ...rest] = path;
  if (head === undefined || !isObject(value) || !(head in value)) return value;
  if (rest.length === 0) {
    const { [head]: _removed, ...kept } = value;
    return kept;
  }
  return { ...value, [head]: deleteAt(value[head], rest) };
}

/** `patch` merged into `value`: objects member by member, anything else replaced. */
export function deepMerge(value: unknown, patch: unknown): unknown {
  if (!isObject(value) || !isObject(patch)) return patch;
  const out: Record<string, unknown> = { ...value };
  for (const [key, item] of Object.entries(patch)) out[key] = deepMerge(out[key], item);
  return out;
}
