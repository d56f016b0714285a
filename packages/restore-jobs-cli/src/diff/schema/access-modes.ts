/**
 * `readOnly` and `writeOnly` members. A readOnly member is not sent in requests, a writeOnly one
 * does not arrive in responses (OpenAPI 3.1 §4.8.24, JSON Schema validation §9.4), so on that side
 * they are not members at all: a required readOnly member added to a request schema breaks no
 * client, a writeOnly member removed from a response takes nothing from one. This reports what
 * changes for such members and tells compare-members.ts which names to leave out.
 */
import { pointer } from "../documents/pointer.js";
import { type After, ruleIn } from "../rules/rules.js";
import type { Level } from "../types.js";
import { capital, join, type Place, type SchemaContext } from "./schema-context.js";
import { type SchemaView, viewOf } from "./schema-view.js";

/** Reports the changes of members absent on this side; returns their names, for the other rules to skip. */
export function membersNotOnThisSide(
  before: SchemaView,
  after: SchemaView,
  ctx: SchemaContext,
  place: Place,
): Set<string> {
  const { direction } = ctx;
  const mode = direction === "request" ? "readOnly" : "writeOnly";
  const word = direction === "request" ? "read-only" : "write-only";
  const why = direction === "request" ? "clients do not send it" : "it never arrives in a response";
  const absent = (view: SchemaView, name: string) => {
    const schema = view.properties.get(name);
    return schema !== undefined && viewOf(schema)[mode];
  };
  const skipped = new Set<string>();
  const report = (
    id: After<"request.property." | "response.property.">,
    name: string,
    text: string,
    chosen?: Level,
  ) =>
    ctx.sink.add({
      ...ruleIn(direction, `property.${id}`, chosen),
      operation: ctx.operation,
      location: pointer(place.location, "properties", name),
      message: `${capital(direction)} member \`${join(place.path, name)}\` ${text}.`,
    });
  const names = [...new Set([...before.properties.keys(), ...after.properties.keys()])].sort();
  for (const name of names) {
    const [was, now] = [absent(before, name), absent(after, name)];
    if (!was && !now) continue;
    skipped.add(name);
    const [inBefore, inAfter] = [before.properties.has(name), after.properties.has(name)];
    if (!inBefore) report(`${word}-added`, name, `was added as ${mode}; ${why}`);
    else if (!inAfter) report(`${word}-removed`, name, `(${mode}) was removed; ${why}`);
    else if (was && now) continue;
    else if (now && direction === "request")
      report("became-read-only", name, "became readOnly; clients that send it may be rejected or ignored");
    else if (now)
      report(
        "became-write-only",
        name,
        `became writeOnly; it no longer arrives${before.required.has(name) ? " although old code requires it" : ""}`,
        before.required.has(name) ? "breaking" : "info",
      );
    else if (direction === "request")
      report(
        "no-longer-read-only",
        name,
        `is no longer readOnly${after.required.has(name) ? " and is required: old clients do not send it" : ""}`,
        after.required.has(name) ? "breaking" : "info",
      );
    else report("no-longer-write-only", name, "is no longer writeOnly; it may now arrive");
  }
  return skipped;
}
