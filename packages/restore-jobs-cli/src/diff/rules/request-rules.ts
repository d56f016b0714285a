/** Rules for what a client sends: the request body, its media types and schemas (parameters: parameter-rules.ts). */

import { isObject, type JsonObject } from "../../json.js";
import type { OperationEntry } from "../documents/operations.js";
import { pointer } from "../documents/pointer.js";
import { compareBodySchemas } from "../schema/compare-schema.js";
import { compareEncoding, covers, mediaKey } from "../schema/media-encoding.js";
import type { ChangeSink } from "../types.js";
import { rule } from "./rules.js";

export { compareParameters, parameterKey } from "./parameter-rules.js";

function contentOf(body: JsonObject | undefined): JsonObject {
  return body && isObject(body.content) ? body.content : {};
}

export function byMediaType(content: JsonObject): Map<string, { type: string; media: JsonObject }> {
  const out = new Map<string, { type: string; media: JsonObject }>();
  for (const [type, media] of Object.entries(content))
    out.set(mediaKey(type), { type, media: isObject(media) ? media : {} });
  return out;
}

export function compareRequestBodies(before: OperationEntry, after: OperationEntry, sink: ChangeSink): void {
  const operation = before.label;
  const was = isObject(before.operation.requestBody) ? before.operation.requestBody : undefined;
  const now = isObject(after.operation.requestBody) ? after.operation.requestBody : undefined;
  const location = pointer(after.location, "requestBody");
  if (!was && !now) return;
  if (was && !now) {
    sink.add({
      ...rule("request.body.removed"),
      operation,
      location: pointer(before.location, "requestBody"),
      message: "The request body was removed; clients still send one, which the operation no longer reads.",
    });
    return;
  }
  const required = now?.required === true;
  if (!was) {
    sink.add({
      ...rule(required ? "request.body.added-required" : "request.body.added-optional"),
      operation,
      location,
      message: `A request body was added${required ? " as required" : " as optional"}.`,
    });
    return;
  }
  if (was.required !== true && required) {
    sink.add({
      ...rule("request.body.became-required"),
      operation,
      location,
      message: "The request body became required.",
    });
  }
  if (was.required === true && !required) {
    sink.add({
      ...rule("request.body.became-optional"),
      operation,
      location,
      message: "The request body became optional.",
    });
  }
  const oldMedia = byMediaType(contentOf(was));
  const newMedia = byMediaType(contentOf(now));
  const ctx = { direction: "request" as const, operation, sink };
  const compareMedia = (old: JsonObject, media: JsonObject, here: string) => {
    compareBodySchemas(old.schema ?? {}, media.schema ?? {}, pointer(here, "schema"), ctx);
    compareEncoding(old, media, here, ctx);
  };
  const widened = new Set<string>();
  for (const [key, { type, media }] of oldMedia) {
    if (newMedia.has(key)) continue;
    // Sent as `image/png`, still accepted where the new document takes `image/*`.
    const range = [...newMedia.values()].find((next) => covers(next.type, type));
    if (range) {
      widened.add(mediaKey(range.type));
      const here = pointer(after.location, "requestBody", "content", range.type);
      sink.add({
        ...rule("request.media-type.widened"),
        operation,
        location: here,
        message: `Request media type ${type} is now accepted as part of ${range.type}.`,
      });
      compareMedia(media, range.media, here);
      continue;
    }
    sink.add({
      ...rule("request.media-type.removed"),
      operation,
      location: pointer(before.location, "requestBody", "content", type),
      message: `Request media type ${type} was removed.`,
    });
  }
  for (const [key, { type, media }] of newMedia) {
    const old = oldMedia.get(key);
    const here = pointer(after.location, "requestBody", "content", type);
    if (old) compareMedia(old.media, media, here);
    else if (!widened.has(key))
      sink.add({
        ...rule("request.media-type.added"),
        operation,
        location: here,
        message: `Request media type ${type} was added.`,
      });
  }
}
