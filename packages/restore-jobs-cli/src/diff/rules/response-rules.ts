/** Rules for what a client receives: statuses, media types and body schemas of the responses. */

import { isObject, type JsonObject } from "../../json.js";
import type { OperationEntry } from "../documents/operations.js";
import { pointer } from "../documents/pointer.js";
import { compareBodySchemas } from "../schema/compare-schema.js";
import { compareEncoding } from "../schema/media-encoding.js";
import type { ChangeSink } from "../types.js";
import { byMediaType } from "./request-rules.js";
import { compareResponseHeaders } from "./response-headers.js";
import { rule } from "./rules.js";

/** `200`, `201`, `2XX`: what a client treats as success. */
export function isSuccessStatus(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

function responsesOf(entry: OperationEntry): JsonObject {
  return isObject(entry.operation.responses) ? entry.operation.responses : {};
}

export function compareResponses(before: OperationEntry, after: OperationEntry, sink: ChangeSink): void {
  const operation = before.label;
  const was = responsesOf(before);
  const now = responsesOf(after);
  const here = (entry: OperationEntry, status: string) => pointer(entry.location, "responses", status);

  // A status now documented by its range (`200` → `2XX`): the same answers still come, with the
  // same bodies; the server may also use another status of the range.
  const ranges = new Map<string, string>();
  for (const status of Object.keys(was).sort()) {
    const range = Object.keys(now).find(
      (s) => !(s in was) && !(status in now) && s.toUpperCase() === `${status[0]}XX`,
    );
    if (range === undefined || [...ranges.values()].includes(range)) continue;
    ranges.set(status, range);
    const success = isSuccessStatus(status);
    sink.add({
      ...rule(success ? "response.success-status.widened" : "response.error-status.widened"),
      operation,
      location: here(after, range),
      message: `Response ${status} is now documented as ${range}${success ? `: the server may answer with another ${range} status, which clients that check for ${status} may not expect` : ""}.`,
    });
    const oldBody = was[status];
    const newBody = now[range];
    if (isObject(oldBody) && isObject(newBody)) compareContent(status, oldBody, newBody, range);
  }
  const ranged = new Set([...ranges.keys(), ...ranges.values()]);
  const oldSuccess = Object.keys(was).filter((s) => isSuccessStatus(s) && !(s in now) && !ranged.has(s));
  const newSuccess = Object.keys(now).filter((s) => isSuccessStatus(s) && !(s in was) && !ranged.has(s));
  for (const status of oldSuccess.sort()) {
    const replacement = newSuccess.shift();
    if (replacement !== undefined) {
      sink.add({
        ...rule("response.success-status.changed"),
        operation,
        location: here(after, replacement),
        message: `The success status changed from ${status} to ${replacement}.`,
      });
      const oldBody = was[status];
      const newBody = now[replacement];
      if (isObject(oldBody) && isObject(newBody)) compareContent(status, oldBody, newBody, replacement);
    } else {
      sink.add({
        ...rule("response.success-status.removed"),
        operation,
        location: here(before, status),
        message: `The success status ${status} was removed.`,
      });
    }
  }
  for (const status of newSuccess) {
    sink.add({
      ...rule("response.success-status.added"),
      operation,
      location: here(after, status),
      message: `A success status ${status} was added; clients may not expect it.`,
    });
  }
  for (const status of Object.keys(was).sort()) {
    if (isSuccessStatus(status) || status in now || ranged.has(status)) continue;
    sink.add({
      ...rule("response.error-status.removed"),
      operation,
      location: here(before, status),
      message: `Error response ${status} is no longer documented.`,
    });
  }
  for (const status of Object.keys(now).sort()) {
    if (isSuccessStatus(status) || status in was || ranged.has(status)) continue;
    sink.add({
      ...rule("response.error-status.added"),
      operation,
      location: here(after, status),
      message: `A new error response ${status} was added.`,
    });
  }
  for (const status of Object.keys(was).sort()) {
    const oldBody = was[status];
    const newBody = now[status];
    if (isObject(oldBody) && isObject(newBody)) compareContent(status, oldBody, newBody, status);
  }

  function compareContent(
    oldStatus: string,
    oldResponse: JsonObject,
    newResponse: JsonObject,
    newStatus = oldStatus,
  ): void {
    const at = {
      before: here(before, oldStatus),
      after: here(after, newStatus),
      status: newStatus,
      operation,
    };
    compareResponseHeaders(oldResponse, newResponse, at, sink);
    const oldMedia = byMediaType(isObject(oldResponse.content) ? oldResponse.content : {});
    const newMedia = byMediaType(isObject(newResponse.content) ? newResponse.content : {});
    for (const [key, { type }] of oldMedia) {
      if (!newMedia.has(key)) {
        sink.add({
          ...rule("response.media-type.removed"),
          operation,
          location: pointer(here(before, oldStatus), "content", type),
          message: `Response ${oldStatus} no longer comes as ${type}.`,
        });
      }
    }
    for (const [key, { type, media }] of newMedia) {
      const location = pointer(here(after, newStatus), "content", type);
      const old = oldMedia.get(key);
      if (!old) {
        sink.add({
          ...rule("response.media-type.added"),
          operation,
          location,
          message: `Response ${newStatus} may now come as ${type}.`,
        });
        continue;
      }
      const ctx = { direction: "response" as const, operation, sink };
      compareBodySchemas(
        old.media.schema ?? {},
        media.schema ?? {},
        pointer(location, "schema"),
        ctx,
        isSuccessStatus(newStatus),
      );
      compareEncoding(old.media, media, location, ctx);
    }
  }
}
