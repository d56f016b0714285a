/**
 * A parameter's `default` is what the server assumes when a client leaves the parameter out: a
 * changed default changes the behaviour of every client that omits it, without any of them
 * changing a byte: breaking (as Google's API compatibility rules, AIP-180, hold too). Its own rule,
 * so the catch-all does not have to say it.
 */

import { pointer } from "../documents/pointer.js";
import { canonical } from "../schema/canonical.js";
import { asSchema } from "../schema/schema-view.js";
import type { ChangeSink } from "../types.js";
import { rule } from "./rules.js";

/** The schema's `default`, or the first one of its `allOf` parts (cycles stop the search). */
export function defaultOf(input: unknown, seen: Set<unknown> = new Set()): { value: unknown } | undefined {
  const schema = asSchema(input);
  if ("default" in schema) return { value: schema.default };
  if (!Array.isArray(schema.allOf) || seen.has(schema)) return undefined;
  seen.add(schema);
  for (const part of schema.allOf) {
    const found = defaultOf(part, seen);
    if (found) return found;
  }
  return undefined;
}

export function compareParameterDefaults(
  oldSchema: unknown,
  newSchema: unknown,
  name: string,
  location: string,
  operation: string,
  sink: ChangeSink,
): void {
  const was = defaultOf(oldSchema);
  const now = defaultOf(newSchema);
  if (was === undefined && now === undefined) return;
  if (was !== undefined && now !== undefined && canonical(was.value) === canonical(now.value)) return;
  const show = (d: { value: unknown }) => JSON.stringify(d.value);
  const at = pointer(location, "schema", "default");
  if (was === undefined && now !== undefined) {
    sink.add({
      ...rule("request.parameter.default-added"),
      operation,
      location: at,
      message: `The ${name} now defaults to ${show(now)} when a client leaves it out.`,
    });
  } else if (was !== undefined && now === undefined) {
    sink.add({
      ...rule("request.parameter.default-removed"),
      operation,
      location: at,
      message: `The ${name} no longer defaults to ${show(was)}; clients that leave it out may get other behaviour.`,
    });
  } else if (was !== undefined && now !== undefined) {
    sink.add({
      ...rule("request.parameter.default-changed"),
      operation,
      location: at,
      message: `The default of the ${name} changed from ${show(was)} to ${show(now)}; clients that leave it out get other behaviour.`,
    });
  }
}
