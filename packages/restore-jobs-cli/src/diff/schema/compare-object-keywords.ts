/** The object keywords of JSON Schema 2020-12, judged in direction: dependentRequired, dependentSchemas, patternProperties. */
import { isObject } from "../../json.js";
import { howOf, keywordsAt } from "./keyword-judgement.js";
import type { Place, SchemaContext } from "./schema-context.js";
import type { SchemaView } from "./schema-view.js";

const entries = (value: unknown): Map<string, unknown> =>
  new Map(isObject(value) ? Object.entries(value) : []);

export function compareObjectKeywords(
  before: SchemaView,
  after: SchemaView,
  ctx: SchemaContext,
  place: Place,
): void {
  const { report, relate } = keywordsAt(before, after, ctx, place);

  // dependentRequired: {a: [b]} asks for b whenever a is there. More names asked narrows.
  const requiredWas = entries(before.keywords.get("dependentRequired"));
  const requiredNow = entries(after.keywords.get("dependentRequired"));
  for (const name of [...new Set([...requiredWas.keys(), ...requiredNow.keys()])].sort()) {
    const list = (value: unknown) => new Set(Array.isArray(value) ? value.map(String) : []);
    const a = list(requiredWas.get(name));
    const b = list(requiredNow.get(name));
    const asked = [...b].filter((n) => !a.has(n));
    const dropped = [...a].filter((n) => !b.has(n));
    const says = (names: string[], verb: string) =>
      `\`${name}\` ${verb} ${names.map((n) => `\`${n}\``).join(", ")}`;
    if (asked.length > 0)
      report("dependent-required", "narrowed", ["dependentRequired", name], says(asked, "now requires"));
    if (dropped.length > 0)
      report(
        "dependent-required",
        "widened",
        ["dependentRequired", name],
        says(dropped, "no longer requires"),
      );
  }

  // dependentSchemas: {a: S} asks the whole object to match S whenever a is there.
  const schemasWas = entries(before.keywords.get("dependentSchemas"));
  const schemasNow = entries(after.keywords.get("dependentSchemas"));
  for (const name of [...new Set([...schemasWas.keys(), ...schemasNow.keys()])].sort()) {
    const a = schemasWas.get(name);
    const b = schemasNow.get(name);
    const where = ["dependentSchemas", name];
    if (a === undefined)
      report("dependent-schemas", "narrowed", where, `a schema for objects with \`${name}\` was added`);
    else if (b === undefined)
      report("dependent-schemas", "widened", where, `the schema for objects with \`${name}\` was removed`);
    else {
      const r = relate(a, b, ...where);
      report("dependent-schemas", howOf(r), where, r.notes.join("; "));
    }
  }

  // patternProperties: members whose name matches take its schema instead of additionalProperties.
  const patternsWas = entries(before.keywords.get("patternProperties"));
  const patternsNow = entries(after.keywords.get("patternProperties"));
  const fallback = (view: SchemaView) =>
    view.additional === false ? { not: {} } : view.additional === true ? {} : view.additional;
  for (const pattern of [...new Set([...patternsWas.keys(), ...patternsNow.keys()])].sort()) {
    const where = ["patternProperties", pattern];
    const r = relate(
      patternsWas.get(pattern) ?? fallback(before),
      patternsNow.get(pattern) ?? fallback(after),
      ...where,
    );
    const what = patternsWas.has(pattern) ? (patternsNow.has(pattern) ? "changed" : "removed") : "added";
    report(
      "pattern-properties",
      howOf(r),
      where,
      [`members matching ${JSON.stringify(pattern)}: ${what}`, ...r.notes].join("; "),
    );
  }
}
