/**
 * `oneOf` and `anyOf` of the same place, compared together: when one became the other
 * (`oneOf: [A, B]` → `anyOf: [A, B]`) the variants are matched across, and the switch is judged on
 * its own. `anyOf` accepts a value matching several variants, `oneOf` refuses it, so oneOf → anyOf
 * widens, and anyOf → oneOf narrows unless every two variants are provably apart.
 */

import { pointer } from "../documents/pointer.js";
import { compareVariants } from "./compare-variants.js";
import { type Add, byDirection, type Place, type SchemaContext, subject } from "./schema-context.js";
import type { SchemaView } from "./schema-view.js";
import { provablyApart } from "./variant-overlap.js";

export function compareCombinators(
  before: SchemaView,
  after: SchemaView,
  add: Add,
  ctx: SchemaContext,
  place: Place,
): void {
  const only = (view: SchemaView): "oneOf" | "anyOf" | undefined =>
    view.oneOf && !view.anyOf ? "oneOf" : view.anyOf && !view.oneOf ? "anyOf" : undefined;
  const [was, now] = [only(before), only(after)];
  if (!was || !now || was === now) {
    for (const keyword of ["oneOf", "anyOf"] as const)
      compareVariants(keyword, before[keyword], after[keyword], add, ctx, place);
    return;
  }
  compareVariants(now, before[was], after[now], add, ctx, place);
  const variants = after[now] ?? [];
  const apart = variants.every((a, i) => variants.every((b, j) => j <= i || provablyApart(a, b)));
  if (now === "oneOf" && apart) return; // the same values either way
  add(
    "variant.combinator-changed",
    `The variants of ${subject(ctx, place)} changed from ${was} to ${now}: ${
      now === "anyOf"
        ? "a value may now match several of them"
        : "a value matching several of them is now refused"
    }.`,
    pointer(place.location, now),
    now === "anyOf" ? byDirection(ctx, "info", "warning") : byDirection(ctx, "breaking", "info"),
  );
}
