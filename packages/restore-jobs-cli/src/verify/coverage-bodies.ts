import fc from "fast-check";
import { isObjectOrArray } from "../json.js";
import type { JsonSchema } from "../openapi-document.js";
import { prototypeNames } from "./near-miss.js";
import { propertiesOf, requiredOf, type SchemaDocument, typesOf } from "./schema-walk.js";
import { valueArbitrary } from "./valid-body-arbitrary.js";

const unicodeText = "Grüße, 世界 🎉 👨‍👩‍👧 שלום e\u0301 \u{1F600}";
const longText = "x".repeat(4096);

/**
 * Valid bodies every valid-data check runs first (fast-check `examples`), so that what valid
 * cases cover (docs/verify.md) is covered on every run, not by chance: the spec's own request
 * examples, each value of every enum member, empty and Unicode maps, only the required members,
 * every optional member present, long strings, and map keys that are names of JavaScript's
 * object prototype (`constructor`, `__proto__`). Each is `base` (valid: the first valid example of the spec,
 * else a generated body) with one member changed; when that breaks another rule (a new enum value
 * the spec ties to other members, as EFS is to `Encrypted`), a generated valid body with that
 * member pinned instead. The caller drops any that is still invalid (a pattern a long string
 * breaks, for example).
 */
export function coverageBodies(
  doc: SchemaDocument,
  raw: JsonSchema,
  base: Record<string, unknown>,
  examples: unknown[],
  isValid: (body: unknown) => boolean,
): unknown[] {
  const schema = doc.resolve(raw);
  const properties = propertiesOf(schema);
  const required = new Set(requiredOf(schema));
  const sample = (sub: unknown) => fc.sample(valueArbitrary(doc, sub), { numRuns: 1, seed: 42 })[0];
  const withMember = (name: string, value: unknown): unknown => {
    const changed = { ...base, [name]: value };
    if (isValid(changed)) return changed;
    const pinned = {
      ...schema,
      properties: { ...properties, [name]: { const: value } },
      required: [...required, name],
    };
    // A bounded sample, not a filter: a value no valid body can hold must not loop forever.
    return fc.sample(valueArbitrary(doc, pinned), { numRuns: 20, seed: 42 }).find(isValid) ?? changed;
  };
  const out: unknown[] = [...examples];

  const minimal = Object.fromEntries(Object.entries(base).filter(([name]) => required.has(name)));
  out.push(minimal);
  const full: Record<string, unknown> = { ...base };
  for (const [name, sub] of Object.entries(properties)) {
    if (!(name in full)) full[name] = exampleOf(doc, sub) ?? sample(sub);
  }
  out.push(full);

  for (const [name, raw] of Object.entries(properties)) {
    const sub = doc.resolve(raw);
    if (Array.isArray(sub.enum)) for (const value of sub.enum) out.push(withMember(name, value));
    const extra = sub.additionalProperties;
    if (typesOf(sub).includes("object") && isObjectOrArray(extra)) {
      out.push(withMember(name, {}));
      if (typesOf(doc.resolve(extra)).includes("string")) {
        out.push(withMember(name, { 名前: unicodeText, "emoji 🎉": "ok", [unicodeText]: unicodeText }));
        out.push(withMember(name, { long: longText }));
        // Names of JavaScript's object prototype are keys like any other.
        out.push(withMember(name, Object.fromEntries(prototypeNames.map((key) => [key, key]))));
      }
    }
    if (typesOf(sub).includes("string") && sub.enum === undefined) {
      const example = exampleOf(doc, sub);
      out.push(withMember(name, typeof example === "string" ? `${example}${longText}` : longText));
      out.push(withMember(name, typeof example === "string" ? `${example}${unicodeText}` : unicodeText));
    }
  }
  return out;
}

function exampleOf(doc: SchemaDocument, raw: unknown): unknown {
  const schema = doc.resolve(raw);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ("example" in schema) return schema.example;
  return undefined;
}
