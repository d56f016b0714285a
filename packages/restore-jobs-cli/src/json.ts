/** JSON values as the tools read them: the one "is it an object" check and the one parse. */

/** A JSON object: its members by name. */
export type JsonObject = Record<string, unknown>;

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A JSON object or an array (what `typeof` calls an object, null excepted): for the places that
 * walk into either by key, as a JSON pointer does.
 */
export function isObjectOrArray(value: unknown): value is JsonObject | unknown[] {
  return typeof value === "object" && value !== null;
}

/** The value a JSON text encodes, or undefined when the text is not JSON (no JSON text encodes undefined). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
