import { isObjectOrArray, type JsonObject } from "../json.js";
import type { JsonSchema } from "../openapi-document.js";

/**
 * Whether Prism answers for the target, and how: the cases avoid what Prism cannot carry
 * (docs/verify.md, "Known limits"). As mock or proxy, Prism copies the name of an unknown member
 * into its `sl-violations` response header and crashes on a character outside Latin-1, so invented
 * member names are ASCII. As proxy, it forwards a JSON string body unquoted and a falsy one (`0`,
 * `false`, `null`, `""`) empty, which the upstream then sees as another body whose signature does
 * not verify, so a body that is not an object is one Prism forwards as sent.
 */
export type PrismInFront = "none" | "mock" | "proxy";

/**
 * Navigation of a self-contained JSON Schema 2020-12 document (the output of `requestSchemaOf`):
 * `$ref` into `$defs`, and the small set of keywords the case generators read.
 */
export class SchemaDocument {
  /**
   * @param matches whether a value is valid against a sub-schema of this document (given
   *   standalone, see `standalone`); the generators use it to decide a conditional's `if`.
   */
  constructor(
    readonly root: JsonSchema,
    private readonly validator: (schema: JsonSchema) => (value: unknown) => boolean,
    /** Whether Prism answers for the target: see PrismInFront. */
    readonly prismInFront: PrismInFront = "none",
  ) {}

  private readonly compiled = new Map<unknown, (value: unknown) => boolean>();

  /** Whether `value` is valid against `schema`, a sub-schema of this document. */
  matches(schema: unknown, value: unknown): boolean {
    let check = this.compiled.get(schema);
    if (!check) {
      check = this.validator(this.standalone(schema));
      this.compiled.set(schema, check);
    }
    return check(value);
  }

  /** Follows `$ref`s (local `#/...` pointers only) until a schema without one; siblings of `$ref` are merged. */
  resolve(schema: unknown): JsonSchema {
    let current = asSchema(schema);
    for (let depth = 0; typeof current.$ref === "string"; depth++) {
      if (depth > 32) throw new Error(`$ref cycle at ${String(current.$ref)}`);
      const { $ref, ...siblings } = current;
      current = { ...this.pointer($ref as string), ...siblings };
    }
    return current;
  }

  private pointer(ref: string): JsonSchema {
    if (!ref.startsWith("#/")) throw new Error(`only local $ref is supported, got ${ref}`);
    let node: unknown = this.root;
    for (const raw of ref.slice(2).split("/")) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      node = isObjectOrArray(node) ? (node as JsonObject)[key] : undefined;
      if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
    }
    return asSchema(node);
  }

  /** A sub-schema made standalone (it keeps the root's `$defs`), for compiling it on its own. */
  standalone(schema: unknown): JsonSchema {
    return { ...asSchema(schema), $defs: this.root.$defs ?? {} };
  }
}

export function asSchema(value: unknown): JsonSchema {
  if (value === true || value === undefined) return {};
  if (!isObjectOrArray(value)) throw new Error(`not a schema: ${JSON.stringify(value)}`);
  return value as JsonSchema;
}

/** The JSON types a schema allows; `[]` when it does not say. */
export function typesOf(schema: JsonSchema): string[] {
  const { type } = schema;
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === "string");
  if (schema.properties !== undefined || schema.required !== undefined) return ["object"];
  return [];
}

export function propertiesOf(schema: JsonSchema): Record<string, unknown> {
  return (schema.properties as Record<string, unknown> | undefined) ?? {};
}

export function requiredOf(schema: JsonSchema): string[] {
  return Array.isArray(schema.required) ? (schema.required as string[]) : [];
}

/** The `allOf` members that are conditionals (`if` with `then` and/or `else`). */
export function conditionalsOf(doc: SchemaDocument, schema: JsonSchema): JsonSchema[] {
  const all = Array.isArray(schema.allOf) ? schema.allOf.map((s) => doc.resolve(s)) : [];
  if (schema.if !== undefined) all.push(schema);
  return all.filter((s) => s.if !== undefined);
}

/** The non-conditional `allOf` members, resolved. */
export function plainAllOfOf(doc: SchemaDocument, schema: JsonSchema): JsonSchema[] {
  const all = Array.isArray(schema.allOf) ? schema.allOf.map((s) => doc.resolve(s)) : [];
  return all.filter((s) => s.if === undefined);
}
