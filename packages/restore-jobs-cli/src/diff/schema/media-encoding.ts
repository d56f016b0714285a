/**
 * Media ranges (`image/*` covers `image/png`) and a multipart or form body's `encoding`: which
 * content types each part may come as, and how it is serialized. A part is judged as its body is:
 * in a request, a content type the old client sends must still be accepted (one dropped breaks);
 * in a response, a content type the new server sends must be one old clients read (one added
 * breaks). A part's `style`, `explode` or `allowReserved` changed changes its wire form: breaking.
 */
import { isObject, type JsonObject } from "../../json.js";
import { pointer } from "../documents/pointer.js";
import { ruleIn } from "../rules/rules.js";
import type { ChangeSink } from "../types.js";
import type { Direction } from "./schema-context.js";

/** Media types compare without parameters and case: `application/json; charset=utf-8` is `application/json`. */
export function mediaKey(type: string): string {
  return type.split(";")[0]!.trim().toLowerCase();
}

/** Whether a media range (`*\/*`, `image/*`, `image/png`) covers a media type or narrower range. */
export function covers(range: string, type: string): boolean {
  const [rangeMain, rangeSub] = mediaKey(range).split("/");
  const [main, sub] = mediaKey(type).split("/");
  if (rangeMain === "*") return true;
  if (rangeMain !== main) return false;
  return rangeSub === "*" || rangeSub === sub;
}

/** The content types a part may come as: its `contentType` list, or OpenAPI's default for its schema. */
function partTypes(encoding: unknown, schema: unknown): string[] {
  if (isObject(encoding) && typeof encoding.contentType === "string")
    return encoding.contentType
      .split(",")
      .map(mediaKey)
      .filter((t) => t !== "");
  const part = isObject(schema) ? schema : {};
  const item = part.type === "array" && isObject(part.items) ? part.items : part;
  if (
    item.format === "binary" ||
    typeof item.contentMediaType === "string" ||
    item.contentEncoding !== undefined
  )
    return ["application/octet-stream"];
  return item.type === "object" || item.type === undefined ? ["application/json"] : ["text/plain"];
}

const serialization = ["style", "explode", "allowReserved"] as const;

export function compareEncoding(
  oldMedia: JsonObject,
  newMedia: JsonObject,
  location: string,
  ctx: { direction: Direction; operation: string; sink: ChangeSink },
): void {
  const was = isObject(oldMedia.encoding) ? oldMedia.encoding : {};
  const now = isObject(newMedia.encoding) ? newMedia.encoding : {};
  if (Object.keys(was).length === 0 && Object.keys(now).length === 0) return;
  const member = (media: JsonObject, name: string) =>
    isObject(media.schema) && isObject(media.schema.properties) ? media.schema.properties[name] : undefined;
  const { direction, operation, sink } = ctx;
  for (const name of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()) {
    const at = pointer(location, "encoding", name);
    const before = partTypes(was[name], member(oldMedia, name));
    const after = partTypes(now[name], member(newMedia, name));
    // What must still be understood: what old clients send (request), what the new server sends (response).
    const [source, target] = direction === "request" ? [before, after] : [after, before];
    const lost = source.filter((type) => !target.some((range) => covers(range, type)));
    const gained = target.filter((type) => !source.some((range) => covers(range, type)));
    if (lost.length > 0)
      sink.add({
        ...ruleIn(
          direction,
          direction === "request" ? "encoding.content-type-narrowed" : "encoding.content-type-widened",
        ),
        operation,
        location: pointer(at, "contentType"),
        message:
          direction === "request"
            ? `Part \`${name}\` is no longer accepted as ${lost.join(", ")} (now ${after.join(", ")}).`
            : `Part \`${name}\` may now come as ${lost.join(", ")}, which old clients do not read (was ${before.join(", ")}).`,
      });
    if (gained.length > 0)
      sink.add({
        ...ruleIn(
          direction,
          direction === "request" ? "encoding.content-type-widened" : "encoding.content-type-narrowed",
        ),
        operation,
        location: pointer(at, "contentType"),
        message: `The content types of part \`${name}\` changed from ${before.join(", ")} to ${after.join(", ")}.`,
      });
    const oldPart = isObject(was[name]) ? was[name] : {};
    const newPart = isObject(now[name]) ? now[name] : {};
    for (const key of serialization) {
      if (oldPart[key] === newPart[key]) continue;
      sink.add({
        ...ruleIn(direction, "encoding.serialization-changed"),
        operation,
        location: pointer(at, key),
        message: `\`${key}\` of part \`${name}\` changed from ${JSON.stringify(oldPart[key] ?? null)} to ${JSON.stringify(newPart[key] ?? null)}: the part is written differently on the wire.`,
      });
    }
  }
}
