/** The rules on `oneOf`/`anyOf` variants: matched old to new, compared in direction, overlaps found. */
import { compareSchemas } from "./compare-schema.js";
import { pointer } from "./pointer.js";
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
  // A value valid for an old variant that now matches two new ones fails `oneOf`.
  for (let j = 0; j < now.length; j++) {
    const i = oldFor.get(j);
    if (i === undefined) continue;
    for (let k = j + 1; k < now.length; k++) {
      const other = oldFor.get(k);
      // Only variants that were provably apart: an added variant is `variant.added`'s concern.
      if (other === undefined || !provablyApart(was[i], was[other]) || provablyApart(now[j], now[k]))
        continue;
      add(
        "variant.overlapping",
        `The oneOf variants ${j} and ${k} of ${subject(ctx, place)} may now both match one value, which oneOf refuses; values valid for the old variants ${i} and ${other} may be refused.`,
        pointer(place.location, keyword, k),
      );
    }
  }
}
