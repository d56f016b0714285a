/** The rule on a changed `pattern`: the two compared as the sets of strings they accept (pattern-meaning.ts). */

import { pointer } from "../documents/pointer.js";
import { relatePatterns, whyUnrelated } from "./pattern-meaning.js";
import { type Add, type Place, type SchemaContext, show } from "./schema-context.js";

/** Two patterns compared as the sets of strings they accept (see pattern-meaning.ts). */
export function comparePatterns(
  was: string,
  now: string,
  what: string,
  add: Add,
  _ctx: SchemaContext,
  place: Place,
) {
  const how = relatePatterns(was, now);
  const change = `changed from ${show(was)} to ${show(now)}`;
  if (how === "equal") return;
  if (how === "narrowed") add("pattern.narrowed", `${what} ${change}: it accepts fewer values.`);
  else if (how === "widened") add("pattern.widened", `${what} ${change}: it accepts more values.`);
  else if (how === "changed")
    add("pattern.changed", `${what} ${change}: some old values are refused, some new ones accepted.`);
  else
    add(
      "pattern.unjudged",
      `${what} ${change}; the two could not be compared (${whyUnrelated(was, now)}), review by hand.`,
      pointer(place.location, "pattern"),
    );
}
