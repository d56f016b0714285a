/** The rules on `oneOf`/`anyOf` variants: matched old to new, compared in direction, overlaps found. */

import { pointer } from "../documents/pointer.js";
import { compareSchemas } from "./compare-schema.js";
import { type Add, child, type Place, type SchemaContext, subject } from "./schema-context.js";
import type { Schema } from "./schema-view.js";
import { matchVariants } from "./variant-match.js";
import { provablyApart } from "./variant-overlap.js";

export function compareVariants(
  keyword: "oneOf" | "anyOf",
  before: Schema[] | undefined,
  after: Schema[] | undefined,
  add: Add,
  ctx: SchemaContext,
  place: Place,
): void {
  if (!before && !after) return;
  const was = before ?? [];
  const now = after ?? [];
  const pairs = matchVariants(was, now);
  const oldFor = new Map(pairs.map(([i, j]) => [j, i]));
  for (const [i, j] of pairs)
    compareSchemas(was[i], now[j], ctx, child(place, pointer(place.location, keyword, j), place.path));
  was.forEach((_, i) => {
    if (pairs.some(([k]) => k === i)) return;
    add(
      "variant.removed",
      `${keyword === "anyOf" ? "An" : "A"} ${keyword} variant of ${subject(ctx, place)} was removed.`,
      pointer(place.location, keyword, i),
    );
  });
  now.forEach((_, j) => {
    if (oldFor.has(j)) return;
    add(
      "variant.added",
      `${keyword === "anyOf" ? "An" : "A"} ${keyword} variant of ${subject(ctx, place)} was added.`,
      pointer(place.location, keyword, j),
    );
  });
  if (keyword !== "oneOf") return;
  // A value valid for an old variant that now matches two new ones fails `oneOf`: the set of valid
  // values narrowed. So for two kept variants that were provably apart and may now overlap, and for
  // a kept variant and an added one that may overlap (a schema wrapped into `oneOf` beside a variant
  // that shares values with it: those values are refused now).
  for (let j = 0; j < now.length; j++) {
    const i = oldFor.get(j);
    if (i === undefined) continue;
    for (let k = 0; k < now.length; k++) {
      if (k === j || provablyApart(now[j], now[k])) continue;
      const other = oldFor.get(k);
      if (other === undefined)
        add(
          "variant.overlapping",
          `The oneOf variant ${k} added to ${subject(ctx, place)} may match a value variant ${j} matches, which oneOf refuses; old values that match both may be refused.`,
          pointer(place.location, keyword, k),
        );
      else if (k > j && provablyApart(was[i], was[other]))
        add(
          "variant.overlapping",
          `The oneOf variants ${j} and ${k} of ${subject(ctx, place)} may now both match one value, which oneOf refuses; values valid for the old variants ${i} and ${other} may be refused.`,
          pointer(place.location, keyword, k),
        );
    }
  }
}
