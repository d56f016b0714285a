/**
 * Compares two schemas of the same place, in the direction the data flows.
 *
 * request: a value a client built for the old schema must still be accepted by the new one, so
 *   anything that narrows what is accepted breaks; anything that widens it is info.
 * response: a value the new schema allows must still be understood by code written for the old
 *   one, so anything that widens what may arrive breaks (or warns, for enum values: clients should
 *   tolerate unknown values; see docs/diff.md); anything that narrows it is info.
 *
 * Hand-written: openapi-diff and json-schema-diff do not judge these cases right for OpenAPI 3.1
 * (see docs/diff.md, "Libraries considered").
 */

import { pointer, unescapeToken } from "../documents/pointer.js";
import { ruleIn, type SchemaRuleName } from "../rules/rules.js";
import { ChangeList } from "../types.js";
import { dropInapplicable } from "./applicable-keywords.js";
import { compareCombinators } from "./compare-combinators.js";
import { withinStack } from "./compare-depth.js";
import { compareKeywords } from "./compare-keywords.js";
import { compareMap } from "./compare-map.js";
import { compareProperties } from "./compare-members.js";
import { compareUnread } from "./compare-unread.js";
import { compareBounds, compareEnums, compareStringRules } from "./compare-values.js";
import { decideByValues, hasFiniteValues } from "./decide-by-values.js";
import { dropImpliedLengths } from "./pattern-meaning.js";
import { type Add, child, kind, type Place, type SchemaContext, subject } from "./schema-context.js";
import { describeTypes, typesWithin } from "./schema-types.js";
import { viewOf } from "./schema-view.js";
import { changesOfShared, sharedAt } from "./shared-schemas.js";
import { liftIntoVariants } from "./variant-wrap.js";

export type { Direction, SchemaContext } from "./schema-context.js";

/** Compares the body schemas of one request or response. */
export function compareBodySchemas(
  oldSchema: unknown,
  newSchema: unknown,
  location: string,
  ctx: SchemaContext,
  envelope = false,
): void {
  withinStack(ctx, location, () =>
    compareSchemas(oldSchema, newSchema, ctx, { location, path: "", envelope, stack: [] }),
  );
}

export function compareSchemas(
  oldSchema: unknown,
  newSchema: unknown,
  ctx: SchemaContext,
  place: Place,
): void {
  if (oldSchema === newSchema) return;
  if (place.stack.some(([a, b]) => a === oldSchema && b === newSchema)) return;
  // Below a body's root, a shared schema is compared once, at its own place (shared-schemas.ts);
  // every place that reaches it gets the same changes, named by the operation that reached it.
  const shared = place.stack.length > 0 ? sharedAt(oldSchema, newSchema) : undefined;
  if (shared === undefined) comparePair(oldSchema, newSchema, ctx, place);
  else compareShared(oldSchema as object, newSchema as object, shared, ctx, place);
}

function compareShared(
  oldSchema: object,
  newSchema: object,
  at: string,
  ctx: SchemaContext,
  place: Place,
): void {
  const inside = changesOfShared(oldSchema, newSchema, ctx.direction, () => {
    const found = new ChangeList();
    const name = unescapeToken(at.startsWith("/components/schemas/") ? at.split("/")[3]! : at);
    const own = { direction: ctx.direction, operation: ctx.operation, sink: found, component: name };
    withinStack(own, at, () =>
      comparePair(oldSchema, newSchema, own, { location: at, path: name, envelope: false, stack: [] }),
    );
    return found.changes;
  });
  const via = ctx.component === undefined ? { via: [place.location] } : {};
  for (const change of inside)
    ctx.sink.add({ ...change, operation: ctx.operation, operations: [ctx.operation], ...via });
}

function comparePair(oldSchema: unknown, newSchema: unknown, ctx: SchemaContext, place: Place): void {
  place.stack.push([oldSchema, newSchema]);
  try {
    const [was, now] = liftIntoVariants(oldSchema, newSchema);
    if (!hasFiniteValues(ctx.direction === "request" ? was : now)) compareViews(was, now, ctx, place);
    else {
      const found = new ChangeList();
      compareViews(was, now, { ...ctx, sink: found }, place);
      for (const change of decideByValues(was, now, found, ctx, place)) ctx.sink.add(change);
    }
  } finally {
    place.stack.pop();
  }
}

function compareViews(oldSchema: unknown, newSchema: unknown, ctx: SchemaContext, place: Place): void {
  const before = viewOf(oldSchema);
  const after = viewOf(newSchema);
  const { sink, operation, direction } = ctx;
  const add: Add = (id, message, location = place.location, chosen) =>
    sink.add({ ...ruleIn(direction, id, chosen), operation, location, message });

  // Types. A request must accept every old type; a response may send only old types.
  const [from, to] = direction === "request" ? [before.types, after.types] : [after.types, before.types];
  if (!typesWithin(from, to)) {
    add(
      `${kind(ctx, place)}.type-changed`,
      `The type of ${subject(ctx, place)} changed from ${describeTypes(before.types)} to ${describeTypes(after.types)}.`,
    );
    // The rest follows from the type change, but variants are still matched: a value wrapped in
    // `anyOf: [X, {type: "null"}]` changes type and is compared inside too.
    compareCombinators(before, after, add, ctx, place);
    return;
  }
  if (!typesWithin(to, from)) {
    add(
      // A header is a response's only (response-headers.ts): no `header.type-widened`.
      `${kind(ctx, place)}.type-${direction === "request" ? "widened" : "narrowed"}` as SchemaRuleName,
      `The type of ${subject(ctx, place)} changed from ${describeTypes(before.types)} to ${describeTypes(after.types)}.`,
    );
  }

  // Only values of the types the side that must still pass allows can be refused or unexpected.
  const sourceTypes = direction === "request" ? before.types : after.types;
  dropInapplicable(before, sourceTypes);
  dropInapplicable(after, sourceTypes);
  compareEnums(before.enumValues, after.enumValues, add, ctx, place);
  dropImpliedLengths(before, after);
  compareBounds(before.bounds, after.bounds, add, ctx, place);
  compareStringRules(before, after, add, ctx, place);
  compareProperties(before, after, ctx, place);
  compareMap(before, after, ctx, place);
  if (before.items || after.items) {
    compareSchemas(
      before.items ?? {},
      after.items ?? {},
      ctx,
      child(place, pointer(place.location, "items"), `${place.path}[]`),
    );
  }
  compareCombinators(before, after, add, ctx, place);
  compareKeywords(before, after, ctx, place);
  compareUnread(before, after, add, ctx, place);
}
