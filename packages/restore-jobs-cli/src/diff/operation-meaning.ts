/**
 * The safety net's view of an operation: what it means, documentation aside, with the schemas the
 * rules compare left out (the schema rules judge every keyword, or name the one they cannot, as
 * `<direction>.keyword.unjudged`). What is left differs only where no rule looks (response headers,
 * links, ...), and the first place it differs is where the safety net points.
 */
import { isObject, isObjectOrArray, type JsonObject } from "../json.js";
import { canonical, isDocumentationKey } from "./canonical.js";
import type { OperationEntry } from "./operations.js";
import { pointer } from "./pointer.js";
import { parameterKey } from "./request-rules.js";

const judged = "(compared by the schema rules)";

/** Parameters keyed by (in, name): their order in the list means nothing. */
function byParameterKey(list: unknown): JsonObject {
  const items = Array.isArray(list) ? list : [];
  return Object.fromEntries(
    items.map((p) => [
      parameterKey(p) ?? canonical(p),
      isObject(p) && "schema" in p ? { ...p, schema: judged } : p,
    ]),
  );
}

/** `content` with each media type's schema replaced by a marker. */
function withoutSchemas(content: unknown): unknown {
  if (!isObject(content)) return content;
  return Object.fromEntries(
    Object.entries(content).map(([type, media]) => [
      type,
      isObject(media) && "schema" in media ? { ...media, schema: judged } : media,
    ]),
  );
}

export function operationMeaning(entry: OperationEntry): JsonObject {
  const { parameters, requestBody, responses } = entry.operation;
  const body = isObject(requestBody)
    ? { ...requestBody, content: withoutSchemas(requestBody.content) }
    : requestBody;
  const answers = isObject(responses)
    ? Object.fromEntries(
        Object.entries(responses).map(([status, r]) => [
          status,
          isObject(r) ? { ...r, content: withoutSchemas(r.content) } : r,
        ]),
      )
    : responses;
  return {
    pathParameters: byParameterKey(entry.pathParameters),
    parameters: byParameterKey(parameters),
    requestBody: body,
    responses: answers,
  };
}

/** The first JSON pointer (keys in sorted order, documentation aside) where two values differ, or undefined. */
export function firstDifference(a: unknown, b: unknown, at = ""): string | undefined {
  if (canonical(a, true) === canonical(b, true)) return undefined;
  if (!isObjectOrArray(a) || !isObjectOrArray(b) || Array.isArray(a) !== Array.isArray(b)) return at;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => !isDocumentationKey(k))
    .sort();
  for (const key of keys) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      pointer(at, key),
    );
    if (found !== undefined) return found;
  }
  return at;
}

/** Where a difference of two meanings is in the new document (parameters were keyed by in and name). */
export function locateDifference(entry: OperationEntry, at: string): string {
  const [, part, key, ...rest] = at.split("/");
  const tail = rest.length > 0 ? `/${rest.join("/")}` : "";
  if (part === "parameters" || part === "pathParameters") {
    const list = part === "parameters" ? entry.operation.parameters : entry.pathParameters;
    const base = part === "parameters" ? entry.location : pointer("", "paths", entry.path);
    const index = Array.isArray(list)
      ? list.findIndex((p) => parameterKey(p) === key?.replace(/~1/g, "/").replace(/~0/g, "~"))
      : -1;
    return index < 0 ? pointer(base, "parameters") : `${pointer(base, "parameters", index)}${tail}`;
  }
  return `${entry.location}${at}`;
}
