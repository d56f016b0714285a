/**
 * Containment decided by validation, where one side is a finite set of values (an `enum` or a
 * `const`): the old schema accepts exactly those values (those that also pass its other keywords),
 * so "does the new schema accept every one of them" is a complete answer, however the keywords
 * interact (`maxLength` added to an enum whose values are all short, a `pattern` every value
 * matches, an `if`/`then`). Validated with ajv's JSON Schema 2020-12 validator.
 */
import { createRequire } from "node:module";
import type { Ajv2020 as Ajv2020Type, ValidateFunction } from "ajv/dist/2020.js";
import { isObjectOrArray } from "../../json.js";
import { isDocumentationKey } from "./canonical.js";

// Loaded on first use: only a change found breaking beside an enum needs it (~90 ms of start-up).
let instance: Ajv2020Type | undefined;
function ajv(): Ajv2020Type {
  if (!instance) {
    const { Ajv2020 } = createRequire(import.meta.url)(
      "ajv/dist/2020.js",
    ) as typeof import("ajv/dist/2020.js");
    instance = new Ajv2020({ strict: false, validateFormats: false, addUsedSchema: false, allErrors: false });
  }
  return instance;
}
const compiled = new WeakMap<object, ValidateFunction | null>();
const maxNodes = 5000;

/** A copy without documentation and identifiers (`$id` would clash between compilations); undefined when cyclic or huge. */
function plainCopy(schema: unknown): unknown {
  let nodes = 0;
  const stack = new Set<unknown>();
  const copy = (node: unknown): unknown => {
    if (!isObjectOrArray(node)) return node;
    if (stack.has(node) || ++nodes > maxNodes) throw new Error("not a finite tree");
    stack.add(node);
    try {
      if (Array.isArray(node)) return node.map(copy);
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node))
        if (!isDocumentationKey(key) && key !== "$dynamicAnchor") out[key] = copy(value);
      return out;
    } finally {
      stack.delete(node);
    }
  };
  try {
    return copy(schema);
  } catch {
    return undefined;
  }
}

function validator(schema: unknown): ValidateFunction | null {
  if (typeof schema === "boolean") return ajv().compile(schema);
  if (!isObjectOrArray(schema)) return null;
  const cached = compiled.get(schema);
  if (cached !== undefined) return cached;
  let result: ValidateFunction | null = null;
  try {
    const plain = plainCopy(schema);
    if (plain !== undefined) result = ajv().compile(plain as object);
  } catch {
    // A schema ajv cannot compile (OpenAPI 3.0 spellings, an unresolvable `$dynamicRef`): not decided.
    result = null;
  }
  compiled.set(schema, result);
  return result;
}

/**
 * The values of `values` that `source` accepts, all accepted by `target`? True or false when
 * decided, undefined when a schema could not be compiled.
 */
export function finiteValuesWithin(values: unknown[], source: unknown, target: unknown): boolean | undefined {
  const from = validator(source);
  const to = validator(target);
  if (!from || !to) return undefined;
  return values.filter((v) => from(v)).every((v) => to(v));
}
