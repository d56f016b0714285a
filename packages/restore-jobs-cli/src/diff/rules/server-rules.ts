/**
 * Where an operation is served: its `servers`, else its path's, else the document's (else `/`), as
 * OpenAPI says. A client built with a URL keeps calling it: an operation no longer served at a URL
 * it was served at (another host, `/v1` → `/v2`, a server variable's value dropped) breaks every
 * such client; a URL added is info. Each server is read as the URLs it stands for: its variables'
 * `enum` values (or their `default`) put in its template.
 */
import { isObject } from "../../json.js";
import type { OperationEntry } from "../documents/operations.js";
import { pointer } from "../documents/pointer.js";
import type { ChangeSink } from "../types.js";
import type { OperationPair } from "./operation-rules.js";
import { rule } from "./rules.js";

/** Past this many URLs a server's variables are read by their default only. */
const maxUrls = 256;

/** The URLs one Server Object stands for, without a trailing slash. */
function urlsOf(server: unknown): string[] {
  if (!isObject(server) || typeof server.url !== "string") return [];
  let urls = [server.url];
  const variables = isObject(server.variables) ? server.variables : {};
  for (const [name, variable] of Object.entries(variables)) {
    if (!isObject(variable)) continue;
    const values =
      Array.isArray(variable.enum) && variable.enum.length > 0 ? variable.enum : [variable.default];
    const choices = urls.length * values.length > maxUrls ? [variable.default] : values;
    urls = urls.flatMap((url) => choices.map((value) => url.split(`{${name}}`).join(String(value))));
  }
  return urls.map((url) => url.replace(/\/+$/, "") || "/");
}

/** The servers that apply to an operation, and where they are written. */
function serversOf(
  entry: OperationEntry,
  doc: Record<string, unknown>,
): { urls: Set<string>; location: string } {
  const paths = isObject(doc.paths) ? doc.paths : {};
  const item = isObject(paths[entry.path]) ? (paths[entry.path] as Record<string, unknown>) : {};
  const levels: [unknown, string][] = [
    [entry.operation.servers, pointer(entry.location, "servers")],
    [item.servers, pointer("", "paths", entry.path, "servers")],
    [doc.servers, "/servers"],
  ];
  for (const [servers, location] of levels) {
    if (Array.isArray(servers) && servers.length > 0)
      return { urls: new Set(servers.flatMap(urlsOf)), location };
  }
  return { urls: new Set(["/"]), location: "/servers" };
}

export function compareServers(
  { before, after }: OperationPair,
  oldDoc: Record<string, unknown>,
  newDoc: Record<string, unknown>,
  sink: ChangeSink,
): void {
  const was = serversOf(before, oldDoc);
  const now = serversOf(after, newDoc);
  const operation = before.label;
  for (const url of [...was.urls].sort()) {
    if (now.urls.has(url)) continue;
    sink.add({
      ...rule("operation.server.removed"),
      operation,
      location: now.location,
      message: `${operation} is no longer served at ${url} (now at ${[...now.urls].sort().join(", ")}); clients built with that URL break.`,
    });
  }
  for (const url of [...now.urls].sort()) {
    if (was.urls.has(url)) continue;
    sink.add({
      ...rule("operation.server.added"),
      operation,
      location: now.location,
      message: `${operation} is now also served at ${url}.`,
    });
  }
}
