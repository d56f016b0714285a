/**
 * Changes that only document: descriptions, summaries, titles, examples, extensions, `info`,
 * `servers`. All info. Both resolved documents are walked side by side, paths first so a change is
 * reported where an operation uses it; a pair of objects already walked (a schema shared by
 * several responses) is reported once.
 */

import { isObject, type JsonObject } from "../../json.js";
import { pathKey } from "../documents/operations.js";
import { pointer } from "../documents/pointer.js";
import { canonical, isDocumentationKey } from "../schema/canonical.js";
import { nameMaps } from "../schema/keyword-lists.js";
import type { ChangeSink } from "../types.js";
import { parameterKeyIn } from "./parameter-rules.js";
import type { After } from "./rules.js";
import { rule } from "./rules.js";

function idFor(key: string): After<"doc."> extends infer R ? `doc.${R & string}` : never {
  if (key.startsWith("x-")) return "doc.extension.changed";
  if (key === "examples" || key === "example") return "doc.example.changed";
  if (key === "externalDocs" || key === "$comment" || key.startsWith("$")) return "doc.annotation.changed";
  return `doc.${key}.changed` as ReturnType<typeof idFor>;
}

/** The operation (or webhook) a location is in, named as the rules name it; null outside one. */
export const operationOf = (location: string): string | null => {
  const match = /^\/(paths|webhooks)\/([^/]+)\/(get|put|post|delete|options|head|patch|trace)(\/|$)/.exec(
    location,
  );
  if (!match) return null;
  const name = match[2]!.replace(/~1/g, "/").replace(/~0/g, "~");
  const method = match[3]!.toUpperCase();
  // As the rules name them: `PUT /restore-jobs`, `webhook jobCompleted POST` (webhooks.ts).
  return match[1] === "paths" ? `${method} ${name}` : `webhook ${name} ${method}`;
};

export function compareDocumentation(oldDoc: JsonObject, newDoc: JsonObject, sink: ChangeSink): void {
  const oldInfo = isObject(oldDoc.info) ? oldDoc.info : {};
  const newInfo = isObject(newDoc.info) ? newDoc.info : {};
  if (oldInfo.version !== newInfo.version) {
    sink.add({
      ...rule("doc.info.version-changed"),
      operation: null,
      location: "/info/version",
      message: `info.version changed from ${JSON.stringify(oldInfo.version)} to ${JSON.stringify(newInfo.version)}.`,
    });
  }
  const { version: _a, ...oldRest } = oldInfo;
  const { version: _b, ...newRest } = newInfo;
  if (canonical(oldRest) !== canonical(newRest)) {
    sink.add({
      ...rule("doc.info.changed"),
      operation: null,
      location: "/info",
      message: "The document's info (title, summary, description, contact or license) changed.",
    });
  }
  if (canonical(oldDoc.servers ?? []) !== canonical(newDoc.servers ?? [])) {
    sink.add({
      ...rule("doc.servers.changed"),
      operation: null,
      location: "/servers",
      message: "The servers changed; clients with a configured base URL are not affected.",
    });
  }
  if (canonical(oldDoc.tags ?? []) !== canonical(newDoc.tags ?? [])) {
    sink.add({
      ...rule("doc.tags.changed"),
      operation: null,
      location: "/tags",
      message: "The document's tags changed.",
    });
  }

  const walked = new Map<unknown, Set<unknown>>();
  const walk = (was: unknown, now: unknown, location: string, keysAreNames = false): void => {
    if (Array.isArray(was) && Array.isArray(now)) {
      was.forEach((item, i) => {
        walk(item, now[i], pointer(location, i));
      });
      return;
    }
    if (!isObject(was) || !isObject(now)) return;
    const seen = walked.get(was) ?? new Set();
    if (seen.has(now)) return;
    seen.add(now);
    walked.set(was, seen);
    for (const key of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()) {
      if (!keysAreNames && isDocumentationKey(key)) {
        if (canonical(was[key]) !== canonical(now[key])) {
          const how =
            was[key] === undefined ? "was added" : now[key] === undefined ? "was removed" : "changed";
          sink.add({
            ...rule(idFor(key)),
            operation: operationOf(location),
            location: pointer(location, key),
            message: `The ${key} ${how} (documentation only).`,
          });
        }
      } else if (key === "parameters" && Array.isArray(was[key]) && Array.isArray(now[key])) {
        walkParameters(was[key], now[key], pointer(location, key));
      } else if (key !== "enum" && key !== "const" && key !== "default") {
        walk(was[key], now[key], pointer(location, key), !keysAreNames && nameMaps.has(key));
      }
    }
  };
  // A parameter list is a set keyed by (in, name): pair them so, not by position (at the new index).
  // Under /paths a path parameter is its place in the URL template (a renamed one is the same).
  const walkParameters = (was: unknown[], now: unknown[], location: string): void => {
    const template = /^\/paths\/([^/]+)/.exec(location)?.[1]?.replace(/~1/g, "/").replace(/~0/g, "~") ?? "";
    const newIndex = new Map(now.map((p, i) => [parameterKeyIn(template, p), i]));
    for (const item of was) {
      const key = parameterKeyIn(template, item);
      const i = key === undefined ? undefined : newIndex.get(key);
      if (i !== undefined) walk(item, now[i], pointer(location, i));
    }
  };
  // Paths pair as operations do, whatever their parameters' names (`/a/{id}` is `/a/{name}`).
  const oldPaths = isObject(oldDoc.paths) ? oldDoc.paths : {};
  const newPaths = isObject(newDoc.paths) ? newDoc.paths : {};
  const newByKey = new Map(Object.keys(newPaths).map((path) => [pathKey(path), path]));
  for (const path of Object.keys(oldPaths).sort()) {
    const match = oldPaths[path] !== undefined && (path in newPaths ? path : newByKey.get(pathKey(path)));
    if (match) walk(oldPaths[path], newPaths[match], pointer("/paths", match));
  }
  walk(oldDoc.webhooks, newDoc.webhooks, "/webhooks", true);
  walk(oldDoc.components, newDoc.components, "/components");
}
