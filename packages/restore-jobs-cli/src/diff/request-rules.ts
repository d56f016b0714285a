/** Rules for what a client sends: the request body, its media types and schemas (parameters: parameter-rules.ts). */

import { isObject, type JsonObject } from "../json.js";
import { compareBodySchemas } from "./compare-schema.js";
import type { OperationEntry } from "./operations.js";
import { pointer } from "./pointer.js";
import type { ChangeSink } from "./types.js";

export { compareParameters, parameterKey } from "./parameter-rules.js";

function contentOf(body: JsonObject | undefined): JsonObject {
  return body && isObject(body.content) ? body.content : {};
}

/** Media types compare without parameters and case: `application/json; charset=utf-8` is `application/json`. */
export function mediaKey(type: string): string {
  return type.split(";")[0]!.trim().toLowerCase();
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
      id: "request.body.removed",
      level: "warning",
      operation,
      location: pointer(before.location, "requestBody"),
      message: "The request body was removed; clients still send one.",
    });
    return;
  }
  const required = now?.required === true;
  if (!was) {
    sink.add({
      id: required ? "request.body.added-required" : "request.body.added-optional",
      level: required ? "breaking" : "info",
      operation,
      location,
      message: `A request body was added${required ? " as required" : " as optional"}.`,
    });
    return;
  }
  if (was.required !== true && required) {
    sink.add({
      id: "request.body.became-required",
      level: "breaking",
      operation,
      location,
      message: "The request body became required.",
    });
  }
  if (was.required === true && !required) {
    sink.add({
      id: "request.body.became-optional",
      level: "info",
      operation,
      location,
      message: "The request body became optional.",
    });
  }
  const oldMedia = byMediaType(contentOf(was));
  const newMedia = byMediaType(contentOf(now));
  for (const [key, { type }] of oldMedia) {
    if (!newMedia.has(key)) {
      sink.add({
        id: "request.media-type.removed",
        level: "breaking",
        operation,
        location: pointer(before.location, "requestBody", "content", type),
        message: `Request media type ${type} was removed.`,
      });
    }
  }
  for (const [key, { type, media }] of newMedia) {
    const old = oldMedia.get(key);
    const here = pointer(after.location, "requestBody", "content", type);
    if (!old) {
      sink.add({
        id: "request.media-type.added",
        level: "info",
        operation,
        location: here,
        message: `Request media type ${type} was added.`,
      });
      continue;
    }
    compareBodySchemas(old.media.schema ?? {}, media.schema ?? {}, pointer(here, "schema"), {
      direction: "request",
      operation,
      sink,
    });
  }
}
