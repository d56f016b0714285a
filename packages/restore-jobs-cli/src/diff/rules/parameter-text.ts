/**
 * A parameter's value as the server reads it: text. `?limit=5` is the same request whether `limit`
 * is declared an integer or a string, so an old integer, number or boolean parameter that became a
 * string still accepts every old request. Before the schema rules compare such a pair, the old schema
 * is rewritten as the text it sends (its enum values as strings); its numeric bounds only narrowed
 * the old values, so dropping them can only make the verdict stricter, never miss a break.
 */
import { describeTypes, typesWithin } from "../schema/schema-types.js";
import { asSchema, type Schema, viewOf } from "../schema/schema-view.js";

const textTypes = new Set(["integer", "number", "boolean"]);

export interface TextRewrite {
  /** The old schema to compare against the new one. */
  schema: unknown;
  /** What changed from a number or boolean to text, for the info message: `integer → string`, by place (`""` or `[]`). */
  widened: { path: string; from: string; to: string }[];
}

/** The old scalar as text when the new schema reads text it did not; undefined when no rewrite applies. */
function scalarAsText(oldSchema: unknown, newSchema: unknown): Schema | undefined {
  const was = viewOf(oldSchema);
  const now = viewOf(newSchema);
  if (was.types === null || now.types === null || !now.types.has("string")) return undefined;
  if (typesWithin(was.types, now.types)) return undefined;
  const scalars = [...was.types].filter((t) => t !== "null");
  if (scalars.length === 0 || !scalars.every((t) => textTypes.has(t))) return undefined;
  const text: Schema = { type: "string" };
  if (was.enumValues) text.enum = [...was.enumValues.values()].map((v) => String(v));
  return text;
}

export function asWireText(oldSchema: unknown, newSchema: unknown): TextRewrite {
  const widened: TextRewrite["widened"] = [];
  const describe = (schema: unknown) => describeTypes(viewOf(schema).types);
  const scalar = scalarAsText(oldSchema, newSchema);
  if (scalar) {
    widened.push({ path: "", from: describe(oldSchema), to: describe(newSchema) });
    return { schema: scalar, widened };
  }
  const was = viewOf(oldSchema);
  const now = viewOf(newSchema);
  if (was.items && now.items) {
    const items = scalarAsText(was.items, now.items);
    if (items) {
      widened.push({ path: "[]", from: describe(was.items), to: describe(now.items) });
      return { schema: { ...asSchema(oldSchema), items }, widened };
    }
  }
  return { schema: oldSchema, widened };
}

/** Whether an old value of this schema may hold the text that separates array items. */
export function mayHold(schema: unknown, delimiter: string): boolean {
  const view = viewOf(schema);
  const types = view.types;
  if (view.enumValues) return [...view.enumValues.values()].some((v) => String(v).includes(delimiter));
  if (types === null || types.has("string")) return true;
  return types.has("number") && delimiter === ".";
}

/**
 * The old primitive as the new array reads it: an array of exactly that one value. The new array's
 * own item-count bounds are copied where one item meets them, so only a bound it misses is reported.
 */
export function asArrayOfOne(oldSchema: unknown, newSchema: unknown): Schema {
  const bounds = viewOf(newSchema).bounds;
  const min = bounds.get("minItems");
  const max = bounds.get("maxItems");
  const array: Schema = { type: "array", items: oldSchema };
  if (min !== undefined) array.minItems = Math.min(min, 1);
  if (max !== undefined) array.maxItems = Math.max(max, 1);
  return array;
}
