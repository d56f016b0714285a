/**
 * `discriminator` (OpenAPI): which member names a value's variant, and which value means which
 * variant. Code dispatches on it, so it is judged as what it tells that code: the member renamed
 * breaks both ways; a value no longer mapped breaks a request (the sender's value picks nothing) and
 * a value newly mapped in a response only warns (like a new enum value: clients should tolerate
 * unknown variants); a value mapped to another variant breaks both ways. Removed from a response,
 * clients lose what they dispatch on (breaking); added to a request, a value must now carry the
 * member (a warning: the variants decide what is valid).
 */
import { isObject } from "../../json.js";
import { pointer } from "../documents/pointer.js";
import { type After, ruleIn } from "../rules/rules.js";
import { capital, type Place, type SchemaContext, show, subject } from "./schema-context.js";
import type { SchemaView } from "./schema-view.js";

/** The variant a mapping names, by its last pointer token or name (`#/components/schemas/Cat` → `Cat`). */
const variantName = (target: unknown) => String(target).split("/").pop() ?? "";

function mappingOf(discriminator: Record<string, unknown>): Map<string, string> {
  const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
  return new Map(Object.entries(mapping).map(([value, target]) => [value, variantName(target)]));
}

export function compareDiscriminator(
  before: SchemaView,
  after: SchemaView,
  ctx: SchemaContext,
  place: Place,
): void {
  const was = before.keywords.get("discriminator");
  const now = after.keywords.get("discriminator");
  if (was === undefined && now === undefined) return;
  const location = pointer(place.location, "discriminator");
  const add = (id: After<"request.discriminator.">, message: string, at = location) =>
    ctx.sink.add({
      ...ruleIn(ctx.direction, `discriminator.${id}`),
      operation: ctx.operation,
      location: at,
      message,
    });
  const what = `the discriminator of ${subject(ctx, place)}`;
  if (!isObject(was) || !isObject(now)) {
    if (isObject(now)) add("added", `${capital(what)} was added (\`${String(now.propertyName)}\`).`);
    else if (isObject(was))
      add(
        "removed",
        `${capital(what)} was removed (was \`${String(was.propertyName)}\`); code that dispatches on it cannot.`,
      );
    return;
  }
  if (was.propertyName !== now.propertyName)
    add(
      "property-changed",
      `${capital(what)} moved from member ${show(was.propertyName)} to ${show(now.propertyName)}.`,
      pointer(location, "propertyName"),
    );
  const oldMapping = mappingOf(was);
  const newMapping = mappingOf(now);
  for (const [value, variant] of oldMapping) {
    const next = newMapping.get(value);
    const at = pointer(location, "mapping", value);
    if (next === undefined)
      add("mapping-removed", `${capital(what)} no longer maps ${show(value)} (to ${variant}).`, at);
    else if (next !== variant)
      add("mapping-changed", `${capital(what)} maps ${show(value)} to ${next} instead of ${variant}.`, at);
  }
  for (const [value, variant] of newMapping) {
    if (oldMapping.has(value)) continue;
    add(
      "mapping-added",
      `${capital(what)} now maps ${show(value)} (to ${variant}).`,
      pointer(location, "mapping", value),
    );
  }
}
