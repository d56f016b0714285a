/** The rules on one value's constraints: enum, bounds (lengths, sizes, ranges), pattern and format. */

import type { SchemaRuleName } from "../rules/rules.js";
import { comparePatterns } from "./compare-patterns.js";
import { boundKeywords, rangeEnds, rangeKeywords } from "./keyword-lists.js";
import { acceptsEverything } from "./pattern-meaning.js";
import { type Add, capital, type Place, type SchemaContext, show, subject } from "./schema-context.js";

export function compareEnums(
  before: Map<string, unknown> | null,
  after: Map<string, unknown> | null,
  add: Add,
  ctx: SchemaContext,
  place: Place,
): void {
  if (before === null && after === null) return;
  if (before === null && after !== null) {
    add(
      "enum.added",
      `${capital(subject(ctx, place))} is now limited to ${[...after.values()].map(show).join(", ")}.`,
    );
    return;
  }
  if (before !== null && after === null) {
    add(
      "enum.removed",
      `${capital(subject(ctx, place))} is no longer limited to ${[...before.values()].map(show).join(", ")}.`,
    );
    return;
  }
  // One value replaced by another (`const: A` → `const: B`): old requests are refused and, in a
  // response, the value old code waits for never arrives again. Breaking both ways.
  if (
    before &&
    after &&
    before.size === 1 &&
    after.size === 1 &&
    ![...before.keys()].some((k) => after.has(k))
  ) {
    add(
      "const.changed",
      `${capital(subject(ctx, place))} changed from ${show([...before.values()][0])} to ${show([...after.values()][0])}.`,
    );
    return;
  }
  for (const [key, value] of before ?? []) {
    if (!after?.has(key)) {
      add("enum.value-removed", `Value ${show(value)} of ${subject(ctx, place)} was removed.`);
    }
  }
  for (const [key, value] of after ?? []) {
    if (!before?.has(key)) {
      add("enum.value-added", `Value ${show(value)} of ${subject(ctx, place)} was added.`);
    }
  }
}

const kebab = (keyword: string) => keyword.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The ends bounds set, each read as one bound: a length, a size, or a numeric range's end, which
 * schema-view.ts keeps as the tighter of its inclusive and exclusive keyword.
 */
const ends: readonly (readonly [inclusive: string, exclusive: string | undefined, upper: boolean])[] = [
  ...boundKeywords
    .filter((k) => !rangeKeywords.includes(k))
    .map((k) => [k, undefined, k.startsWith("max")] as const),
  ...rangeEnds,
];

/**
 * Each bound, in direction: tighter narrows (breaking in a request), looser widens (breaking in a
 * response). A range's end changed from one keyword to the other is one change, named by the new
 * keyword: `exclusiveMinimum: 0` → `minimum: 0` lets 0 through, a widening, not a `minimum` added.
 */
export function compareBounds(
  before: Map<string, number>,
  after: Map<string, number>,
  add: Add,
  ctx: SchemaContext,
  place: Place,
): void {
  for (const [inclusive, exclusive, upper] of ends) {
    const end = (bounds: Map<string, number>) =>
      exclusive !== undefined && bounds.has(exclusive)
        ? { keyword: exclusive, value: bounds.get(exclusive)!, open: true }
        : bounds.has(inclusive)
          ? { keyword: inclusive, value: bounds.get(inclusive)!, open: false }
          : undefined;
    const was = end(before);
    const now = end(after);
    if (was?.value === now?.value && was?.open === now?.open) continue;
    const keyword = (now ?? was)!.keyword;
    // Tighter: fewer values pass this end (a higher minimum, the same one made exclusive, ...).
    const tighter =
      now !== undefined &&
      (was === undefined ||
        (upper ? now.value < was.value : now.value > was.value) ||
        (now.value === was.value && now.open && !was.open));
    const word =
      was === undefined ? "added" : now === undefined ? "removed" : tighter === upper ? "lowered" : "raised";
    const shown = (e: { keyword: string; value: number }) =>
      was?.keyword === now?.keyword ? String(e.value) : `${e.keyword} ${e.value}`;
    add(
      `${kebab(keyword)}.${word}` as SchemaRuleName,
      `${keyword} of ${subject(ctx, place)} ${word === "added" ? `was added (${now!.value})` : word === "removed" ? `was removed (was ${was!.value})` : `went from ${shown(was!)} to ${shown(now!)}`}.`,
    );
  }
}

/**
 * Formats that generated clients and servers parse into a value of another kind (a date, a number
 * of a given width, decoded bytes, a UUID): a change between them changes what code reads.
 */
export const parsedFormats = new Set<string | undefined>([
  "date-time",
  "date",
  "time",
  "duration",
  "byte",
  "binary",
  "int32",
  "int64",
  "float",
  "double",
  "decimal",
  "uuid",
]);

export function compareStringRules(
  before: { pattern: string | undefined; format: string | undefined },
  after: { pattern: string | undefined; format: string | undefined },
  add: Add,
  ctx: SchemaContext,
  place: Place,
): void {
  for (const keyword of ["pattern", "format"] as const) {
    const was = before[keyword];
    const now = after[keyword];
    if (was === now) continue;
    const what = `The ${keyword} of ${subject(ctx, place)}`;
    if (keyword === "pattern" && was !== undefined && now !== undefined) {
      comparePatterns(was, now, what, add, ctx, place);
      continue;
    }
    // A pattern that matches every string (`^[\s\S]*$`) added or removed changes nothing.
    if (keyword === "pattern" && acceptsEverything((was ?? now)!)) continue;
    if (was === undefined) {
      // A pattern added narrows what a request may hold; a format is only an annotation by default.
      add(`${keyword}.added`, `${what} was added: ${show(now)}.`);
    } else if (now === undefined) {
      // A response that no longer promises a format clients parse (a date) breaks that parse.
      // A pattern removed widens what may arrive, as any widening of a response: breaking.
      const parsed = keyword === "format" && parsedFormats.has(was);
      add(
        `${keyword}.removed`,
        `${what} was removed (was ${show(was)})${parsed && ctx.direction === "response" ? "; clients that parse it as such break" : ""}.`,
        undefined,
        parsed ? "breaking" : "warning",
      );
    } else {
      // A format clients or servers parse into something else (`date-time` → `date`) breaks both ways.
      const parsed = keyword === "format" && (parsedFormats.has(was) || parsedFormats.has(now));
      add(
        `${keyword}.changed`,
        `${what} changed from ${show(was)} to ${show(now)}${parsed ? "; code that parses one reads the other wrong" : ""}.`,
        undefined,
        parsed ? "breaking" : "warning",
      );
    }
  }
}
