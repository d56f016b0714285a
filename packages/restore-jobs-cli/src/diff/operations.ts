/** The operations of a resolved document, keyed so that `/a/{id}` and `/a/{name}` match. */
import { pointer } from "./pointer.js";

export const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export type Json = Record<string, unknown>;

export interface OperationEntry {
  /** `PUT /restore-jobs` */
  label: string;
  path: string;
  method: string;
  /** `/paths/~1restore-jobs/put` */
  location: string;
  operation: Json;
  /** Path-level parameters, which the operation's own override by (in, name). */
  pathParameters: unknown[];
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `/restore-jobs/{id}` → `/restore-jobs/{}`: parameter names do not change the operation. */
export function pathKey(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

export function operationsOf(doc: Json): Map<string, OperationEntry> {
  const out = new Map<string, OperationEntry>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of httpMethods) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      out.set(`${method} ${pathKey(path)}`, {
        label: `${method.toUpperCase()} ${path}`,
        path,
        method,
        location: pointer("", "paths", path, method),
        operation,
        pathParameters: Array.isArray(item.parameters) ? item.parameters : [],
      });
    }
  }
  return out;
}
