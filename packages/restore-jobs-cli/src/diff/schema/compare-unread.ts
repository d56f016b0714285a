/** Keywords no rule reads (keyword-lists.ts): a change is named and located, never passed over. */

import { pointer } from "../documents/pointer.js";
import { canonical } from "./canonical.js";
import { type Add, type Place, type SchemaContext, subject } from "./schema-context.js";
import type { SchemaView } from "./schema-view.js";

/** A keyword no rule reads that changed: named, at its location, never passed over in silence. */
export function compareUnread(
  before: SchemaView,
  after: SchemaView,
  add: Add,
  ctx: SchemaContext,
  place: Place,
): void {
  for (const keyword of [...new Set([...before.unread.keys(), ...after.unread.keys()])].sort()) {
    // A parameter's `default` is judged with the parameter (request-rules.ts).
    if (keyword === "default" && ctx.parameter !== undefined) continue;
    if (canonical(before.unread.get(keyword), true) === canonical(after.unread.get(keyword), true)) continue;
    const token = keyword.startsWith("allOf ") ? "allOf" : keyword;
    add(
      "keyword.unjudged",
      `\`${keyword}\` of ${subject(ctx, place)} changed and no rule judges it; review it by hand.`,
      pointer(place.location, token),
    );
  }
}
