/**
 * The JSON Schema 2020-12 keywords, each judged in direction: does the new schema accept fewer
 * values (narrowed), more (widened), some of each (changed), or can the rules not tell? Keywords
 * whose value is a schema are related with relate-schemas.ts (containment, by the rules themselves).
 *
 * Hand-written: no npm library judges JSON Schema 2020-12 containment (docs/diff.md, "Libraries
 * considered").
 */

import { pointer } from "../documents/pointer.js";
import { sameMeaning } from "./canonical.js";
import { compareArrayKeywords, compareUnevaluated } from "./compare-array-keywords.js";
import { compareDiscriminator } from "./compare-discriminator.js";
import { compareObjectKeywords } from "./compare-object-keywords.js";
import { howOf, judge, keywordsAt, presence } from "./keyword-judgement.js";
import { relateSchemas } from "./relate-schemas.js";
import { child, type Place, type SchemaContext, show } from "./schema-context.js";
import type { SchemaView } from "./schema-view.js";

export function compareKeywords(
  before: SchemaView,
  after: SchemaView,
  ctx: SchemaContext,
  place: Place,
): void {
  const { report, was, now, relate } = keywordsAt(before, after, ctx, place);

  // not: the values NOT matching its schema. ¬A ⊆ ¬B exactly when B ⊆ A, so the schemas swap.
  if (was("not") !== undefined || now("not") !== undefined) {
    const how = presence(was("not"), now("not"));
    if (how) report("not", how, ["not"], how === "narrowed" ? "`not` was added" : "`not` was removed");
    else {
      const r = relate(now("not"), was("not"), "not");
      report("not", howOf(r), ["not"], r.notes.join("; "));
    }
  }

  compareConditional(before, after, ctx, place);
  compareDiscriminator(before, after, ctx, place);
  compareObjectKeywords(before, after, ctx, place);
  compareArrayKeywords(before, after, ctx, place);

  compareUnevaluated("unevaluatedProperties", before, after, ctx, place);
  // multipleOf: the multiples of 4 are multiples of 2, not the other way round.
  const stepWas = was("multipleOf");
  const stepNow = now("multipleOf");
  if (stepWas !== stepNow && (typeof stepWas === "number" || typeof stepNow === "number")) {
    const divides = (a: number, b: number) => Number.isInteger(b / a);
    const how =
      presence(stepWas, stepNow) ??
      (typeof stepWas === "number" && typeof stepNow === "number"
        ? divides(stepWas, stepNow)
          ? "narrowed"
          : divides(stepNow, stepWas)
            ? "widened"
            : "changed"
        : undefined);
    report("multiple-of", how, ["multipleOf"], `${show(stepWas ?? null)} → ${show(stepNow ?? null)}`);
  }

  // contentEncoding / contentMediaType: how a string carries its content; contentSchema: the decoded value.
  for (const keyword of ["contentEncoding", "contentMediaType"]) {
    const a = was(keyword);
    const b = now(keyword);
    if (a === b) continue;
    report("content", presence(a, b) ?? "changed", [keyword], `${show(a ?? null)} → ${show(b ?? null)}`);
  }
  const inner = [was("contentSchema"), now("contentSchema")] as const;
  if (inner[0] !== undefined || inner[1] !== undefined) {
    const how = presence(...inner);
    if (how)
      report(
        "content",
        how,
        ["contentSchema"],
        `\`contentSchema\` was ${how === "narrowed" ? "added" : "removed"}`,
      );
    else if (!sameMeaning(...inner)) {
      const r = relate(inner[0], inner[1], "contentSchema");
      report("content", howOf(r), ["contentSchema"], r.notes.join("; "));
    }
  }
}

/** if/then/else: with the same `if`, `then` and `else` are related on their own; a changed `if` is not judged. */
function compareConditional(before: SchemaView, after: SchemaView, ctx: SchemaContext, place: Place): void {
  const report = judge(ctx, place);
  const part = (view: SchemaView, k: string) => view.keywords.get(k);
  const effective = (view: SchemaView) =>
    part(view, "if") !== undefined && (part(view, "then") !== undefined || part(view, "else") !== undefined);
  const [had, has] = [effective(before), effective(after)];
  if (!had && !has) return;
  if (!had || !has) {
    report(
      "if-then-else",
      had ? "widened" : "narrowed",
      ["if"],
      `\`if\`/\`then\`/\`else\` ${had ? "removed" : "added"}`,
    );
    return;
  }
  if (!sameMeaning(part(before, "if"), part(after, "if"))) {
    report("if-then-else", "unjudged", ["if"], "the `if` condition changed");
    return;
  }
  for (const branch of ["then", "else"]) {
    const r = relateSchemas(
      part(before, branch) ?? {},
      part(after, branch) ?? {},
      ctx,
      child(place, pointer(place.location, branch), place.path),
    );
    report("if-then-else", howOf(r), [branch], r.notes.join("; "));
  }
}
