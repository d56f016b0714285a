/** The rules on an object's members: added, removed, renamed (responses), required or not. */

import { pointer } from "../documents/pointer.js";
import { rule, ruleIn, type SchemaRuleName } from "../rules/rules.js";
import { membersNotOnThisSide } from "./access-modes.js";
import { sameMeaning } from "./canonical.js";
import { compareSchemas } from "./compare-schema.js";
import { capital, child, join, type Place, type SchemaContext } from "./schema-context.js";
import type { SchemaView } from "./schema-view.js";

export function compareProperties(
  fullBefore: SchemaView,
  fullAfter: SchemaView,
  ctx: SchemaContext,
  place: Place,
): void {
  // readOnly members are not in requests, writeOnly ones not in responses: judged on their own.
  const skipped = membersNotOnThisSide(fullBefore, fullAfter, ctx, place);
  const before = withoutMembers(fullBefore, skipped);
  const after = withoutMembers(fullAfter, skipped);
  const { sink, operation, direction } = ctx;
  const here = (name: string) => pointer(place.location, "properties", name);
  const add = (id: SchemaRuleName, name: string, message: string) =>
    sink.add({ ...ruleIn(direction, id), operation, location: here(name), message });
  const member = (name: string) => `${direction} member \`${join(place.path, name)}\``;

  let removed = [...before.properties.keys()].filter((name) => !after.properties.has(name));
  let added = [...after.properties.keys()].filter((name) => !before.properties.has(name));

  if (direction === "response") {
    // A member renamed (same schema, same requiredness, the only candidate) is one change, not two.
    for (const name of removed) {
      const schema = before.properties.get(name);
      const candidates = added.filter(
        (other) =>
          sameMeaning(schema, after.properties.get(other)) &&
          before.required.has(name) === after.required.has(other),
      );
      const [renamed] = candidates;
      if (candidates.length !== 1 || renamed === undefined || !before.required.has(name)) continue;
      const id = place.envelope ? "envelope.renamed" : "property.renamed";
      sink.add({
        ...rule(`response.${id}`),
        operation,
        location: here(renamed),
        message: `${capital(member(name))} was renamed to \`${renamed}\`${place.envelope ? " (the success envelope)" : ""}.`,
      });
      removed = removed.filter((n) => n !== name);
      added = added.filter((n) => n !== renamed);
    }
  }

  // A member a closed allOf part now refuses (`additionalProperties: false` in a part that does not
  // declare it): no value may carry it any more, though it is still declared.
  for (const name of [...after.refused].sort()) {
    if (!before.properties.has(name) || before.refused.has(name)) continue;
    add(
      "property.refused",
      name,
      `${capital(member(name))} is refused by a closed allOf part (\`additionalProperties: false\` where it is not declared)${direction === "request" ? "; clients that send it are rejected" : "; it no longer arrives"}.`,
    );
  }
  for (const name of removed.sort()) {
    const required = before.required.has(name);
    if (direction === "request") {
      add(
        "property.removed",
        name,
        `${capital(member(name))} was removed; clients that send it may be rejected or ignored.`,
      );
    } else {
      add(
        required ? "property.removed-required" : "property.removed-optional",
        name,
        `${capital(member(name))}${required ? " (required)" : " (optional)"} was removed.`,
      );
    }
  }
  for (const name of added.sort()) {
    const required = after.required.has(name);
    add(
      required ? "property.added-required" : "property.added-optional",
      name,
      `${capital(member(name))} was added${required ? " as required" : " as optional"}.`,
    );
  }
  for (const [name, schema] of [...before.properties].sort(([a], [b]) => a.localeCompare(b))) {
    const next = after.properties.get(name);
    if (next === undefined) continue;
    const was = before.required.has(name);
    const now = after.required.has(name);
    if (!was && now) add("property.became-required", name, `${capital(member(name))} became required.`);
    if (was && !now) add("property.became-optional", name, `${capital(member(name))} became optional.`);
    compareSchemas(schema, next, ctx, child(place, here(name), join(place.path, name)));
  }
  // Members required but not declared as properties (`required: [x]` with a map, or in a `then`):
  // still a requirement, gained or dropped.
  for (const name of [...after.required].sort()) {
    if (before.required.has(name) || after.properties.has(name) || before.properties.has(name)) continue;
    add("property.became-required", name, `${capital(member(name))} became required.`);
  }
  for (const name of [...before.required].sort()) {
    if (after.required.has(name) || after.properties.has(name) || before.properties.has(name)) continue;
    add("property.became-optional", name, `${capital(member(name))} became optional.`);
  }
}

function withoutMembers(view: SchemaView, names: Set<string>): SchemaView {
  if (names.size === 0) return view;
  return {
    ...view,
    properties: new Map([...view.properties].filter(([name]) => !names.has(name))),
    required: new Set([...view.required].filter((name) => !names.has(name))),
  };
}
