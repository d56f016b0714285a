/**
 * How a parameter's value goes on the wire (OpenAPI `style` and `explode`), so a change is judged by
 * what matters: does an old request still serialize to something the new parameter reads? The
 * templates below are the tables of OpenAPI 3.1 §4.8.12.4 ("Style Examples") with the name as `n`,
 * values as `v` and object keys as `k`. Hand-written: no library maps styles to their wire form.
 */
import type { JsonObject } from "../../json.js";

export type ValueShape = "primitive" | "array" | "object";

export interface Serialization {
  style: string;
  explode: boolean;
}

/** The declared style and explode, or their defaults: `form` for query and cookie, `simple` otherwise. */
export function serializationOf(parameter: JsonObject): Serialization {
  const defaultStyle = parameter.in === "query" || parameter.in === "cookie" ? "form" : "simple";
  const style = typeof parameter.style === "string" ? parameter.style : defaultStyle;
  const explode = typeof parameter.explode === "boolean" ? parameter.explode : style === "form";
  return { style, explode };
}

/** Primitive, array or object; undefined when the types mix shapes or are not declared. */
export function shapeOf(types: Set<string> | null): ValueShape | undefined {
  if (types === null) return undefined;
  const shapes = new Set(
    [...types]
      .filter((t) => t !== "null")
      .map((t): ValueShape => (t === "array" ? "array" : t === "object" ? "object" : "primitive")),
  );
  return shapes.size === 1 ? [...shapes][0] : undefined;
}

const primitiveForms: Record<string, string> = {
  form: "n=v",
  spaceDelimited: "n=v",
  pipeDelimited: "n=v",
  deepObject: "n=v",
  simple: "v",
  label: ".v",
  matrix: ";n=v",
};

interface ArrayForm {
  /** Two items. */
  many: string;
  /** One item: an old primitive serialized this way reads as an array of one. */
  one: string;
  /** What separates items: an old value holding it reads as several items. */
  delimiter: string | undefined;
}

function arrayForm({ style, explode }: Serialization): ArrayForm | undefined {
  const query = (delimiter: string, encoded = delimiter): ArrayForm =>
    explode
      ? { many: "n=v&n=v", one: "n=v", delimiter: undefined }
      : { many: `n=v${encoded}v`, one: "n=v", delimiter };
  if (style === "form") return query(",");
  if (style === "spaceDelimited") return query(" ", "%20");
  if (style === "pipeDelimited") return query("|");
  if (style === "simple") return { many: "v,v", one: "v", delimiter: "," };
  if (style === "label")
    return explode
      ? { many: ".v.v", one: ".v", delimiter: "." }
      : { many: ".v,v", one: ".v", delimiter: "," };
  if (style === "matrix")
    return explode
      ? { many: ";n=v;n=v", one: ";n=v", delimiter: undefined }
      : { many: ";n=v,v", one: ";n=v", delimiter: "," };
  return undefined;
}

const objectForms: Record<string, [exploded: string, not: string]> = {
  form: ["k=v&k=v", "n=k,v,k,v"],
  deepObject: ["n[k]=v", "n[k]=v"],
  simple: ["k=v,k=v", "k,v,k,v"],
  label: [".k=v.k=v", ".k,v,k,v"],
  matrix: [";k=v;k=v", ";n=k,v,k,v"],
};

/** The wire form of a value of this shape; an undefined combination is its own form. */
export function wireForm(shape: ValueShape, serialization: Serialization): string {
  const { style, explode } = serialization;
  const unknown = `${style}/${explode ? "explode" : "no-explode"}`;
  if (shape === "primitive") return primitiveForms[style] ?? unknown;
  if (shape === "array") return arrayForm(serialization)?.many ?? unknown;
  const forms = objectForms[style];
  return forms ? (explode ? forms[0] : forms[1]) : unknown;
}

/**
 * A primitive parameter became an array: does the old single value still read as one item?
 * `ok` when its wire form is the new one-item form; `splits` names the delimiter an old text value
 * may hold (it would then read as several items).
 */
export function primitiveAsArray(
  was: Serialization,
  now: Serialization,
): { ok: boolean; delimiter: string | undefined } {
  const form = arrayForm(now);
  if (!form) return { ok: false, delimiter: undefined };
  return { ok: form.one === wireForm("primitive", was), delimiter: form.delimiter };
}

export function describeSerialization({ style, explode }: Serialization): string {
  return `style ${style}, explode ${explode}`;
}
