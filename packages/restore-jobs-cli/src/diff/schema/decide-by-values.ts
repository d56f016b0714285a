/** Containment by validation, where the keyword rules found a break: see finite-containment.ts. */
import { isObject } from "../../json.js";
import { ruleIn } from "../rules/rules.js";
import type { ChangeList } from "../types.js";
import { finiteValuesWithin } from "./finite-containment.js";
import type { Place, SchemaContext } from "./schema-context.js";
import { viewOf } from "./schema-view.js";

/** Whether a schema is an `enum` or `const` (itself or in an `allOf` part): only then are the values checked. */
export function hasFiniteValues(schema: unknown, depth = 0): boolean {
  if (!isObject(schema) || depth > 8) return false;
  if ("enum" in schema || "const" in schema) return true;
  return Array.isArray(schema.allOf) && schema.allOf.some((part) => hasFiniteValues(part, depth + 1));
}

/**
 * Where the side whose values must still pass (the old request, the new response) is a finite set
 * (an enum or const), the keyword rules' breaking verdicts are checked by validating those values:
 * if every one still passes, the keywords interacted (`maxLength: 3` added to an enum of short
 * values) and nothing breaks. One info change then says what changed and why it does not break.
 */
export function decideByValues(
  was: unknown,
  now: unknown,
  found: ChangeList,
  ctx: SchemaContext,
  place: Place,
): ChangeList["changes"] {
  const breaking = found.changes.filter((c) => c.level === "breaking");
  if (breaking.length === 0) return found.changes;
  const [source, target] = ctx.direction === "request" ? [was, now] : [now, was];
  const values = viewOf(source).enumValues;
  if (!values || finiteValuesWithin([...values.values()], source, target) !== true) return found.changes;
  const side =
    ctx.direction === "request"
      ? "old schema allowed still passes the new one"
      : "new schema allows passed the old one";
  return [
    ...found.changes.filter((c) => c.level !== "breaking"),
    {
      ...ruleIn(ctx.direction, "constraint.contained"),
      operation: ctx.operation,
      location: place.location,
      message: `${breaking.map((c) => c.message.replace(/\.$/, "")).join("; ")}; but every value the ${side}.`,
    },
  ];
}
