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
import { withinStack } from "./compare-depth.js";
import { compareMap, compareVariants } from "./compare-map.js";
import { compareProperties } from "./compare-members.js";
import { compareBounds, compareEnums, compareStringRules } from "./compare-values.js";
import { pointer } from "./pointer.js";
import { type Add, child, kind, type Place, type SchemaContext, subject } from "./schema-context.js";
import { describeTypes, typesWithin, viewOf } from "./schema-view.js";

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
  place.stack.push([oldSchema, newSchema]);
  try {
    compareViews(oldSchema, newSchema, ctx, place);
  } finally {
    place.stack.pop();
  }
}

function compareViews(oldSchema: unknown, newSchema: unknown, ctx: SchemaContext, place: Place): void {
  const before = viewOf(oldSchema);
  const after = viewOf(newSchema);
  const { sink, operation, direction } = ctx;
  const add: Add = (id, level, message, location = place.location) =>
    sink.add({ id: `${direction}.${id}`, level, operation, location, message });

  // Types. A request must accept every old type; a response may send only old types.
  const [from, to] = direction === "request" ? [before.types, after.types] : [after.types, before.types];
  if (!typesWithin(from, to)) {
    add(
      `${kind(ctx, place)}.type-changed`,
      "breaking",
      `The type of ${subject(ctx, place)} changed from ${describeTypes(before.types)} to ${describeTypes(after.types)}.`,
    );
    return;
  }
  if (!typesWithin(to, from)) {
    add(
      `${kind(ctx, place)}.type-${direction === "request" ? "widened" : "narrowed"}`,
      "info",
      `The type of ${subject(ctx, place)} changed from ${describeTypes(before.types)} to ${describeTypes(after.types)}.`,
    );
  }

  compareEnums(before.enumValues, after.enumValues, add, ctx, place);
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
  for (const keyword of ["oneOf", "anyOf"] as const)
    compareVariants(keyword, before[keyword], after[keyword], add, ctx, place);
  const opaqueBefore = [...before.opaque].sort().join("\n");
  const opaqueAfter = [...after.opaque].sort().join("\n");
  if (opaqueBefore !== opaqueAfter) {
    add(
      "constraint.changed",
      "warning",
      `A constraint of ${subject(ctx, place)} that the rules cannot take apart (if/then/else, not, multipleOf, ...) changed; review it by hand.`,
    );
  }
}
