/** Rules for what a client sends: parameters, the request body, its media types and schemas. */

import { isObject, type JsonObject } from "../json.js";
import { compareBodySchemas } from "./compare-schema.js";
import type { OperationEntry } from "./operations.js";
import { pointer } from "./pointer.js";
import type { ChangeSink } from "./types.js";

interface Parameter {
  /** `query parameter \`limit\``, for messages. */
  name: string;
  required: boolean;
  schema: unknown;
  location: string;
}

/**
 * What identifies a parameter: where it goes and its name (`query:limit`); header names are
 * case-insensitive (RFC 9110 §5.1). Undefined for something that is not a parameter.
 */
export function parameterKey(p: unknown): string | undefined {
  if (!isObject(p) || typeof p.name !== "string" || typeof p.in !== "string") return undefined;
  return `${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`;
}

function parametersOf(entry: OperationEntry): Map<string, Parameter> {
  const out = new Map<string, Parameter>();
  const collect = (list: unknown[], base: string) =>
    list.forEach((p, i) => {
      const key = parameterKey(p);
      if (key === undefined || !isObject(p)) return;
      out.set(key, {
        name: `${p.in} parameter \`${p.name}\``,
        required: p.required === true || p.in === "path",
        schema: p.schema ?? {},
        location: pointer(base, "parameters", i),
      });
    });
  collect(entry.pathParameters, pointer("", "paths", entry.path));
  collect(Array.isArray(entry.operation.parameters) ? entry.operation.parameters : [], entry.location);
  return out;
}

export function compareParameters(before: OperationEntry, after: OperationEntry, sink: ChangeSink): void {
  const operation = before.label;
  const was = parametersOf(before);
  const now = parametersOf(after);
  for (const [key, p] of was) {
    if (!now.has(key)) {
      sink.add({
        id: "request.parameter.removed",
        level: "warning",
        operation,
        location: p.location,
        message: `The ${p.name} was removed.`,
      });
    }
  }
  for (const [key, p] of now) {
    const old = was.get(key);
    if (!old) {
      sink.add({
        id: p.required ? "request.parameter.added-required" : "request.parameter.added-optional",
        level: p.required ? "breaking" : "info",
        operation,
        location: p.location,
        message: `The ${p.name} was added${p.required ? " as required" : " as optional"}.`,
      });
      continue;
    }
    if (!old.required && p.required) {
      sink.add({
        id: "request.parameter.became-required",
        level: "breaking",
        operation,
        location: p.location,
        message: `The ${p.name} became required.`,
      });
    }
    if (old.required && !p.required) {
      sink.add({
        id: "request.parameter.became-optional",
        level: "info",
        operation,
        location: p.location,
        message: `The ${p.name} became optional.`,
      });
    }
    compareBodySchemas(old.schema, p.schema, pointer(p.location, "schema"), {
      direction: "request",
      operation,
      sink,
      parameter: `the ${p.name}`,
    });
  }
}

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
