/** What the client reads of JSON it did not write: a server's answer, a caller's input. */
export type JsonObject = Record<string, unknown>;

/** A non-null object that is not an array: a JSON object, or an options or input object. */
export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `text` parsed, when it is a JSON object; undefined for empty text, invalid JSON or another value. */
export function parseJsonObject(text: string | undefined): JsonObject | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A key as one JSON pointer segment (RFC 6901): `~` and `/` escaped. */
export const escapePointer = (key: string): string => key.replace(/~/g, "~0").replace(/\//g, "~1");
