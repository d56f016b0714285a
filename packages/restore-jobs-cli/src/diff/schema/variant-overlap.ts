/**
 * Whether two `oneOf` variants can never hold the same value. `oneOf` refuses a value that matches
 * two variants, so variants that were apart and now overlap refuse old values: a narrowing no
 * keyword rule sees. Only what can be proven counts as apart: types that do not meet, enums with
 * no common value, a discriminating member fixed to different values, a required member the other
 * (closed) variant does not allow.
 */

import { type SchemaView, viewOf } from "./schema-view.js";
import { fixedMembers } from "./variant-match.js";

function requiresWhatOtherRefuses(a: SchemaView, b: SchemaView): boolean {
  if (b.additional !== false) return false;
  return [...a.required].some((name) => !b.properties.has(name));
}

export function provablyApart(x: unknown, y: unknown): boolean {
  const a = viewOf(x);
  const b = viewOf(y);
  if (a.types !== null && b.types !== null) {
    const numeric = (s: Set<string>) => s.has("number") || s.has("integer");
    const meet = [...a.types].some((t) => b.types?.has(t)) || (numeric(a.types) && numeric(b.types));
    if (!meet) return true;
  }
  if (a.enumValues && b.enumValues && ![...a.enumValues.keys()].some((k) => b.enumValues?.has(k)))
    return true;
  const fixedA = fixedMembers(a);
  const fixedB = fixedMembers(b);
  for (const [name, value] of fixedA) {
    const other = fixedB.get(name);
    if (other !== undefined && other !== value && a.required.has(name) && b.required.has(name)) return true;
  }
  return requiresWhatOtherRefuses(a, b) || requiresWhatOtherRefuses(b, a);
}
