/**
 * Whether one schema accepts a subset of another's values, asked of the rules themselves: the two
 * are compared as a request would be (narrowing breaks, widening is info), into a scratch list.
 * Anything breaking there is a value the first accepts and the second refuses; anything only
 * informative, values the second accepts beyond the first; a warning, something the rules cannot
 * take apart. Used by the keyword rules whose value is itself a schema (`not`, `contains`, ...).
 */

import { ChangeList } from "../types.js";
import { compareSchemas } from "./compare-schema.js";
import type { Place, SchemaContext } from "./schema-context.js";

export interface Relation {
  /** Some value the first schema accepts, the second refuses. */
  narrowed: boolean;
  /** Some value the second accepts that the first refused. */
  widened: boolean;
  /** Something the rules could not judge. */
  unknown: boolean;
  /** What changed, in the rules' words. */
  notes: string[];
}

export function relateSchemas(was: unknown, now: unknown, ctx: SchemaContext, place: Place): Relation {
  const found = new ChangeList();
  compareSchemas(
    was,
    now,
    { direction: "request", operation: ctx.operation, sink: found },
    { location: place.location, path: place.path, envelope: false, stack: place.stack },
  );
  const notes = found.changes.map((c) =>
    c.message
      .replace(/\.$/, "")
      .replace(/the request body/g, "the value")
      .replace(/\b[Rr]equest member/g, "member"),
  );
  return {
    narrowed: found.changes.some((c) => c.level === "breaking"),
    widened: found.changes.some((c) => c.level === "info"),
    unknown: found.changes.some((c) => c.level === "warning"),
    notes,
  };
}
