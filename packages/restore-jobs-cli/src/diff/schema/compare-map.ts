/** The rules on a map's keys and values (`propertyNames`, `additionalProperties`). */

import { pointer } from "../documents/pointer.js";
import { ruleIn, type SchemaRuleName } from "../rules/rules.js";
import { ChangeList, type Level, severity } from "../types.js";
import { compareSchemas } from "./compare-schema.js";
import { capital, join, type Place, type SchemaContext, subject } from "./schema-context.js";
import { asSchema, type Schema, type SchemaView } from "./schema-view.js";

/** The map part of an object: which keys beyond the declared members (`propertyNames`), which values (`additionalProperties`). */
export function compareMap(before: SchemaView, after: SchemaView, ctx: SchemaContext, place: Place): void {
  const { sink, operation, direction } = ctx;
  const mapName = place.path === "" ? subject(ctx, place) : `map \`${place.path}\``;
  const location = pointer(place.location, "additionalProperties");
  if (before.additional !== false && after.additional === false) {
    sink.add({
      ...ruleIn(direction, "map.keys-narrowed"),
      operation,
      location,
      message: `${capital(mapName)} no longer allows keys beyond its declared members.`,
    });
  } else if (before.additional === false && after.additional !== false) {
    sink.add({
      ...ruleIn(direction, "map.keys-widened", "info"),
      operation,
      location,
      message: `${capital(mapName)} now allows keys beyond its declared members.`,
    });
  } else if (
    before.additional !== false &&
    after.additional !== false &&
    (before.additional !== true || after.additional !== true)
  ) {
    summarise(
      asSchema(before.additional),
      asSchema(after.additional),
      "values",
      location,
      join(place.path, "*"),
    );
  }
  if (before.propertyNames || after.propertyNames) {
    summarise(
      before.propertyNames ?? {},
      after.propertyNames ?? {},
      "keys",
      pointer(place.location, "propertyNames"),
      place.path === "" ? "(keys)" : `${place.path} (keys)`,
    );
  }

  /** Diffs the keys' or values' schema on its own and reports it as one change of the map. */
  function summarise(was: Schema, now: Schema, part: "keys" | "values", where: string, path: string): void {
    const found = new ChangeList();
    compareSchemas(
      was,
      now,
      { ...ctx, sink: found },
      { location: where, path, envelope: false, stack: place.stack },
    );
    if (found.changes.length === 0) return;
    const worst = found.changes.reduce<Level>(
      (acc, c) => (severity(c.level) > severity(acc) ? c.level : acc),
      "info",
    );
    // Named by what matters to the direction: a request breaks when narrowed, a response warns or
    // breaks when widened. A request's warnings (a format added, a constraint changed) are neither
    // a narrowing the rules can prove nor a widening, so they are a change.
    const how =
      direction === "request"
        ? { breaking: "narrowed", warning: "changed", info: "widened" }[worst]
        : worst === "info"
          ? "narrowed"
          : "widened";
    sink.add({
      ...ruleIn(direction, `map.${part}-${how}` as SchemaRuleName, worst),
      operation,
      location: where,
      message: `The ${part} of ${mapName} ${how === "changed" ? "changed" : `were ${how}`}: ${found.changes.map((c) => c.message.replace(/\.$/, "")).join("; ")}.`,
    });
  }
}
