/**
 * The safety net's view of an operation: what it means, documentation aside, with the schemas the
 * rules compare left out (the schema rules judge every keyword, or name the one they cannot, as
 * `<direction>.keyword.unjudged`). What is left differs only where no rule looks (response headers,
 * links, ...), and the first place it differs is where the safety net points.
 */
import { isObject, isObjectOrArray, type JsonObject } from "../../json.js";
import type { OperationEntry } from "../documents/operations.js";
import { isUnder, pointer } from "../documents/pointer.js";
import { canonical, isDocumentationKey } from "../schema/canonical.js";
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

/**
 * The places where two operations' meanings differ and no change was reported: each part of the
 * operation (a parameter, the request body, a response, a header, a media type, ...) that differs
 * with no change in it, at its first difference. A part some rule reported in is looked into part
 * by part, so a difference beside a judged one is still found. A change at a part's parent
 * (`request.body.became-required` at `/requestBody`) judges the parent's own values (`required`); a
 * part reported as moved judges where it was.
 */
export function unjudgedDifferences(
  before: OperationEntry,
  after: OperationEntry,
  changes: readonly { location: string; via?: string[] }[],
): string[] {
  const locations = changes.flatMap((c) => [c.location, ...(c.via ?? [])]);
  const judgedUnder = (at: string) => {
    const places = [locateDifference(before, at), locateDifference(after, at)];
    return locations.some((l) => places.some((p) => isUnder(l, p)));
  };
  const judgedAt = (at: string) => {
    const places = [locateDifference(before, at), locateDifference(after, at)];
    return locations.some((l) => places.includes(l));
  };
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, at: string, parent: string): void => {
    if (canonical(a, true) === canonical(b, true)) return;
    const objects = isObjectOrArray(a) && isObjectOrArray(b) && Array.isArray(a) === Array.isArray(b);
    if (!judgedUnder(at)) {
      if (objects || !judgedAt(parent)) out.push(firstDifference(a, b, at) ?? at);
      return;
    }
    if (!objects) return;
    const was = a as Record<string, unknown>;
    const now = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])]
      .filter((k) => !isDocumentationKey(k))
      .sort();
    // A part gone from one side and another new on the other, reported as one moved (a success
    // status changed, a parameter renamed): the report on one judges both.
    const gone = keys.filter((k) => !(k in now));
    const fresh = keys.filter((k) => !(k in was));
    const moved = (side: string[]) => side.some((k) => judgedUnder(pointer(at, k)));
    for (const key of keys) {
      if ((gone.includes(key) && moved(fresh)) || (fresh.includes(key) && moved(gone))) continue;
      walk(was[key], now[key], pointer(at, key), at);
    }
  };
  const was = operationMeaning(before);
  const now = operationMeaning(after);
  for (const key of Object.keys(was).sort()) walk(was[key], now[key], pointer("", key), "");
  return out;
}
