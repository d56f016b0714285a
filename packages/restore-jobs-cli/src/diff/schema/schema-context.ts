/** What the schema rules share: the direction, where they are, how they name it. */

import type { SchemaRuleName } from "../rules/rules.js";
import type { ChangeSink, Level } from "../types.js";

export type Direction = "request" | "response";

export interface SchemaContext {
  direction: Direction;
  operation: string;
  sink: ChangeSink;
  /** The parameter whose schema is compared, as messages name it (`the query parameter \`limit\``); absent for a body. */
  parameter?: string;
  /** The middle word of a type change's id where `parameter` names something else (`header`). */
  kind?: "header";
  /** The shared schema compared on its own (shared-schemas.ts), as messages name it (`Leaf`, its members `Leaf.code`); absent elsewhere. */
  component?: string;
}

export interface Place {
  location: string;
  /** `Metadata.KmsKeyId`, or "" for the body itself. */
  path: string;
  /** At the root of a 2xx response body: a renamed member is the success envelope renamed. */
  envelope: boolean;
  /** Pairs of schemas being compared further up: a recursive schema stops here. */
  stack: [unknown, unknown][];
}

/** Picks the level by direction: what narrows a request breaks, what widens a response breaks. */
export function byDirection(ctx: SchemaContext, request: Level, response: Level): Level {
  return ctx.direction === "request" ? request : response;
}

export function subject(ctx: SchemaContext, place: Place): string {
  if (ctx.component !== undefined && place.path === ctx.component)
    return `the ${ctx.direction} schema \`${ctx.component}\``;
  if (place.path !== "") return `${ctx.direction} member \`${place.path}\``;
  return ctx.parameter ?? `the ${ctx.direction} body`;
}

/**
 * The middle word of a type change's id: `request.parameter.type-changed`, `request.body...`,
 * `...property...`. A shared schema is compared on its own only below a body's root, where it is a
 * member, an item or a variant: a property.
 */
export function kind(ctx: SchemaContext, place: Place): "property" | "body" | "parameter" | "header" {
  if (place.path !== "") return "property";
  return ctx.parameter === undefined ? "body" : (ctx.kind ?? "parameter");
}

export function child(place: Place, location: string, path: string): Place {
  return { location, path, envelope: false, stack: place.stack };
}

export function join(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

export const show = (value: unknown) => JSON.stringify(value);
/** Reports one change at the current place (or at `location`). */
export type Add = (id: SchemaRuleName, message: string, location?: string, chosen?: Level) => void;

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
