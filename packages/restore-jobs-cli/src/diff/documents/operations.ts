/** The operations of a resolved document, keyed so that `/a/{id}` and `/a/{name}` match. */
import { isObject, type JsonObject } from "../../json.js";
import { pointer } from "./pointer.js";

export const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface OperationEntry {
  /** `PUT /restore-jobs` */
  label: string;
  path: string;
  method: string;
  /** `/paths/~1restore-jobs/put` */
  location: string;
  operation: JsonObject;
  /** Path-level parameters, which the operation's own override by (in, name). */
  pathParameters: unknown[];
}

/** `/restore-jobs/{id}` → `/restore-jobs/{}`: parameter names do not change the operation. */
export function pathKey(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

export function operationsOf(doc: JsonObject): Map<string, OperationEntry> {
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
