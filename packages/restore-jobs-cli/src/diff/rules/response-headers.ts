/**
 * The headers a response documents, judged as the response is: what a client reads must still
 * arrive as it read it. A documented header removed, or made optional, breaks clients that read it;
 * one added or made required is info; its schema is compared in the response direction.
 * `Content-Type` is described by the response's `content`, and OpenAPI says to ignore it here.
 */
import { isObject, type JsonObject } from "../../json.js";
import { pointer } from "../documents/pointer.js";
import { compareBodySchemas } from "../schema/compare-schema.js";
import type { ChangeSink } from "../types.js";
import { type After, type RuleId, rule } from "./rules.js";

/** Headers by lower-cased name (HTTP header names are case-insensitive). */
function headersOf(response: JsonObject): Map<string, { name: string; header: JsonObject }> {
  const out = new Map<string, { name: string; header: JsonObject }>();
  const headers = isObject(response.headers) ? response.headers : {};
  for (const [name, header] of Object.entries(headers)) {
    if (name.toLowerCase() === "content-type" || !isObject(header)) continue;
    out.set(name.toLowerCase(), { name, header });
  }
  return out;
}

/** The schema of a header: its `schema`, or the one of its single `content` entry. */
function schemaOf(header: JsonObject): unknown {
  if (header.schema !== undefined) return header.schema;
  const media = isObject(header.content) ? Object.values(header.content)[0] : undefined;
  return isObject(media) ? media.schema : undefined;
}

export function compareResponseHeaders(
  oldResponse: JsonObject,
  newResponse: JsonObject,
  at: { before: string; after: string; status: string; operation: string },
  sink: ChangeSink,
): void {
  const was = headersOf(oldResponse);
  const now = headersOf(newResponse);
  const { operation, status } = at;
  const add = (id: After<"response.header.">, location: string, message: string) =>
    sink.add({ ...rule(`response.header.${id}` as RuleId), operation, location, message });
  for (const [key, { name, header }] of was) {
    const next = now.get(key);
    const location = pointer(at.before, "headers", name);
    if (!next) {
      add(
        "removed",
        location,
        `Response ${status} no longer documents the header \`${name}\`; clients that read it break.`,
      );
      continue;
    }
    const here = pointer(at.after, "headers", next.name);
    if (header.required === true && next.header.required !== true)
      add(
        "became-optional",
        here,
        `The header \`${name}\` of response ${status} may no longer arrive; clients that read it break.`,
      );
    if (header.required !== true && next.header.required === true)
      add("became-required", here, `The header \`${name}\` of response ${status} now always arrives.`);
    compareBodySchemas(schemaOf(header) ?? {}, schemaOf(next.header) ?? {}, pointer(here, "schema"), {
      direction: "response",
      operation,
      sink,
      parameter: `the header \`${next.name}\` of response ${status}`,
      kind: "header",
    });
  }
  for (const [key, { name }] of now) {
    if (was.has(key)) continue;
    add(
      "added",
      pointer(at.after, "headers", name),
      `Response ${status} now documents the header \`${name}\`.`,
    );
  }
}
