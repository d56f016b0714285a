/**
 * Rewrites a JSON Schema into one that accepts exactly the same values: a pattern that says nothing
 * (`.*`, `^.*$`, `^[\s\S]*$`) added, `minLength: 1` written as `pattern: .+`, keywords of other types added
 * (`maxItems` on a string, `maxLength` on a number). Each choice is drawn from `random`, so a
 * failure replays from fast-check's seed.
 */
import type { Schema } from "./json-schema.arbitrary.js";

const typesOf = (schema: Schema): string[] =>
  typeof schema.type === "string"
    ? [schema.type]
    : Array.isArray(schema.type)
      ? (schema.type as string[])
      : [];

function rewriteOne(schema: Schema, random: () => number): Schema {
  const out: Schema = { ...schema };
  const types = typesOf(schema);
  if (types.length === 0) return out;
  const only = (...kinds: string[]) => types.every((t) => kinds.includes(t));
  if (only("string") && out.pattern === undefined) {
    if (out.minLength === 1 && random() < 0.5) {
      delete out.minLength;
      out.pattern = ".+";
    } else if (random() < 0.7) {
      out.pattern = [".*", "^.*$", "^[\\s\\S]*$"][Math.floor(random() * 3)];
    }
  }
  if (!types.includes("array") && random() < 0.5) Object.assign(out, { maxItems: 2, uniqueItems: true });
  if (!types.includes("string") && random() < 0.5) Object.assign(out, { maxLength: 3 });
  if (!types.some((t) => t === "number" || t === "integer") && random() < 0.5)
    Object.assign(out, { minimum: 7 });
  return out;
}

/** The schema and every schema inside it (members, items, map values) rewritten. */
export function equivalentRewrite(schema: Schema, random: () => number): Schema {
  const out = rewriteOne(schema, random);
  if (out.items && typeof out.items === "object") out.items = equivalentRewrite(out.items as Schema, random);
  if (out.additionalProperties && typeof out.additionalProperties === "object")
    out.additionalProperties = equivalentRewrite(out.additionalProperties as Schema, random);
  if (out.properties && typeof out.properties === "object")
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, Schema>).map(([k, v]) => [
        k,
        equivalentRewrite(v, random),
      ]),
    );
  return out;
}
