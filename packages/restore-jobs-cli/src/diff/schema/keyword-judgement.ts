/** How a keyword rule reports what it found: one change per keyword, its level by direction. */
import { pointer } from "../documents/pointer.js";
import { ruleIn, type SchemaRuleName } from "../rules/rules.js";
import { type Relation, relateSchemas } from "./relate-schemas.js";
import { child, type Place, type SchemaContext, subject } from "./schema-context.js";
import type { SchemaView } from "./schema-view.js";

/** `narrowed`: fewer values are valid; `widened`: more; `changed`: some of each; `unjudged`: the rules cannot tell. */
export type How = "narrowed" | "widened" | "changed" | "unjudged";

export function howOf(relation: Pick<Relation, "narrowed" | "widened" | "unknown">): How | undefined {
  if (relation.unknown) return "unjudged";
  if (relation.narrowed && relation.widened) return "changed";
  if (relation.narrowed) return "narrowed";
  if (relation.widened) return "widened";
  return undefined;
}

/** A keyword added narrows (it only adds a condition), removed widens. */
export const presence = (was: unknown, now: unknown): How | undefined =>
  was === undefined && now !== undefined
    ? "narrowed"
    : was !== undefined && now === undefined
      ? "widened"
      : undefined;

export type Judge = (
  group: string,
  how: How | undefined,
  tokens: (string | number)[],
  detail: string,
) => void;

/**
 * Reports a keyword's change as `<direction>.<group>.<how>` (`request.dependent-required.narrowed`)
 * at the keyword's location, or `<direction>.keyword.unjudged` when the rules cannot tell.
 */
export function judge(ctx: SchemaContext, place: Place): Judge {
  return (group, how, tokens, detail) => {
    if (how === undefined) return;
    const keyword = `\`${tokens.join("/")}\``;
    const words = {
      narrowed: "now accepts fewer values",
      widened: "now accepts more values",
      changed: "changed: some old values are refused and some new ones accepted",
      unjudged: "changed in a way the rules cannot judge; review it by hand",
    };
    ctx.sink.add({
      ...ruleIn(
        ctx.direction,
        how === "unjudged" ? "keyword.unjudged" : (`${group}.${how}` as SchemaRuleName),
      ),
      operation: ctx.operation,
      location: pointer(place.location, ...tokens),
      message: `${keyword} of ${subject(ctx, place)} ${words[how]}${detail === "" ? "" : ` (${detail})`}.`,
    });
  };
}

/** Relates the schemas two keywords hold, found at `tokens` below `place` (relate-schemas.ts). */
export function relateAt(ctx: SchemaContext, place: Place) {
  return (a: unknown, b: unknown, ...tokens: (string | number)[]): Relation =>
    relateSchemas(a, b, ctx, child(place, pointer(place.location, ...tokens), place.path));
}

/**
 * What a keyword comparison at `place` works with: its report, each side's value of a keyword, and
 * the relation of two schemas found below `place`.
 */
export function keywordsAt(before: SchemaView, after: SchemaView, ctx: SchemaContext, place: Place) {
  return {
    report: judge(ctx, place),
    was: (k: string) => before.keywords.get(k),
    now: (k: string) => after.keywords.get(k),
    relate: relateAt(ctx, place),
  };
}
