/** The array keywords of JSON Schema 2020-12, judged in direction: contains (min/max), prefixItems, unevaluatedItems, uniqueItems. */
import { howOf, keywordsAt, presence } from "./keyword-judgement.js";
import { type Place, type SchemaContext, show } from "./schema-context.js";
import type { SchemaView } from "./schema-view.js";

export function compareArrayKeywords(
  before: SchemaView,
  after: SchemaView,
  ctx: SchemaContext,
  place: Place,
): void {
  const { report, was, now, relate } = keywordsAt(before, after, ctx, place);

  // contains (with minContains, maxContains): how many items must match a schema.
  const containsWas = was("contains");
  const containsNow = now("contains");
  if (containsWas !== undefined || containsNow !== undefined) {
    const how = presence(containsWas, containsNow);
    if (how)
      report("contains", how, ["contains"], `\`contains\` was ${how === "narrowed" ? "added" : "removed"}`);
    else {
      const r = relate(containsWas, containsNow, "contains");
      const count = (view: SchemaView, k: string, fallback: number) => {
        const value = view.keywords.get(k);
        return typeof value === "number" ? value : fallback;
      };
      const [minWas, minNow] = [count(before, "minContains", 1), count(after, "minContains", 1)];
      const [maxWas, maxNow] = [
        count(before, "maxContains", Infinity),
        count(after, "maxContains", Infinity),
      ];
      const notes = [...r.notes];
      if (minWas !== minNow) notes.push(`minContains ${minWas} → ${minNow}`);
      if (maxWas !== maxNow) notes.push(`maxContains ${maxWas} → ${maxNow}`);
      const how2 = howOf({
        narrowed: r.narrowed || minNow > minWas || maxNow < maxWas,
        widened: r.widened || minNow < minWas || maxNow > maxWas,
        unknown: r.unknown,
      });
      report("contains", how2, ["contains"], notes.join("; "));
    }
  }

  // prefixItems: one schema per position; positions beyond it take `items`.
  const prefixWas = was("prefixItems");
  const prefixNow = now("prefixItems");
  if (prefixWas !== undefined || prefixNow !== undefined) {
    const a = Array.isArray(prefixWas) ? prefixWas : [];
    const b = Array.isArray(prefixNow) ? prefixNow : [];
    const notes: string[] = [];
    const acc = { narrowed: false, widened: false, unknown: false };
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const r = relate(
        i < a.length ? a[i] : (before.items ?? {}),
        i < b.length ? b[i] : (after.items ?? {}),
        "prefixItems",
        i,
      );
      acc.narrowed ||= r.narrowed;
      acc.widened ||= r.widened;
      acc.unknown ||= r.unknown;
      notes.push(...r.notes.map((n) => `item ${i}: ${n}`));
    }
    report("prefix-items", howOf(acc), ["prefixItems"], notes.join("; "));
  }

  // uniqueItems: true refuses arrays with repeated items.
  const uniqueWas = was("uniqueItems") === true;
  const uniqueNow = now("uniqueItems") === true;
  if (uniqueWas !== uniqueNow)
    report(
      "unique-items",
      uniqueNow ? "narrowed" : "widened",
      ["uniqueItems"],
      `uniqueItems ${uniqueWas} → ${uniqueNow}`,
    );

  compareUnevaluated("unevaluatedItems", before, after, ctx, place);
}

/** unevaluatedItems / unevaluatedProperties: absent or true accepts anything, false nothing. */
export function compareUnevaluated(
  keyword: "unevaluatedItems" | "unevaluatedProperties",
  before: SchemaView,
  after: SchemaView,
  ctx: SchemaContext,
  place: Place,
): void {
  const group = keyword === "unevaluatedItems" ? "unevaluated-items" : "unevaluated-properties";
  const { report, was, now, relate } = keywordsAt(before, after, ctx, place);
  if (was(keyword) === undefined && now(keyword) === undefined) return;
  // additionalProperties (items) evaluates every member (item) left: nothing is unevaluated then.
  const covered = (view: SchemaView) =>
    keyword === "unevaluatedProperties" ? view.additional !== true : view.items !== undefined;
  if (covered(before) && covered(after)) return;
  const asSchema = (v: unknown) => (v === false ? { not: {} } : v === true || v === undefined ? {} : v);
  const r = relate(asSchema(was(keyword)), asSchema(now(keyword)), keyword);
  report(group, howOf(r), [keyword], `${show(was(keyword) ?? null)} → ${show(now(keyword) ?? null)}`);
}
