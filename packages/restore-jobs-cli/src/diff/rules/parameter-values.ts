/**
 * The value of one parameter present on both sides: judged by what crosses the wire. A change of
 * `style`/`explode` breaks when old requests no longer serialize to what the new parameter reads; a
 * scalar that became an array still reads an old single value where the one-item form is the same
 * (`?x=1` with `form`, `explode: true`); a number that became a string still reads old values.
 */
import { isObject, type JsonObject } from "../../json.js";
import { pointer } from "../documents/pointer.js";
import { compareBodySchemas } from "../schema/compare-schema.js";
import { viewOf } from "../schema/schema-view.js";
import type { ChangeSink, Level } from "../types.js";
import {
  describeSerialization,
  primitiveAsArray,
  type Serialization,
  serializationOf,
  shapeOf,
  type ValueShape,
  wireForm,
} from "./parameter-serialization.js";
import { asArrayOfOne, asWireText, mayHold } from "./parameter-text.js";
import { type After, type RuleId, rule } from "./rules.js";

export interface ParameterSide {
  /** `query parameter \`limit\``, for messages. */
  name: string;
  raw: JsonObject;
  schema: unknown;
  location: string;
}

/** A parameter described by `content` is serialized as that media type, not by style. */
const byContent = (p: ParameterSide) => isObject(p.raw.content) && p.raw.schema === undefined;

export function compareParameterValues(
  old: ParameterSide,
  now: ParameterSide,
  operation: string,
  sink: ChangeSink,
): void {
  const location = pointer(now.location, "schema");
  const ctx = { direction: "request" as const, operation, sink, parameter: `the ${now.name}` };
  if (byContent(old) || byContent(now)) {
    compareBodySchemas(old.schema, now.schema, location, ctx);
    return;
  }
  const add = (id: After<"request.parameter.">, message: string, chosen?: Level) =>
    sink.add({
      ...rule(`request.parameter.${id}` as RuleId, chosen),
      operation,
      location: now.location,
      message,
    });
  // The wire forms with the parameter's name in them: `limit=v&limit=v`.
  const wire = (shape: ValueShape, serialization: Serialization) =>
    wireForm(shape, serialization).replace(/\bn\b/g, String(now.raw.name));
  const was: Serialization = serializationOf(old.raw);
  const is: Serialization = serializationOf(now.raw);
  const oldShape = shapeOf(viewOf(old.schema).types);
  const newShape = shapeOf(viewOf(now.schema).types);
  let oldSchema = old.schema;
  if (oldShape === "primitive" && newShape === "array") {
    const { ok, delimiter } = primitiveAsArray(was, is);
    if (!ok) {
      add(
        "wire-changed",
        `The ${now.name} became an array sent as ${describeSerialization(is)}; an old single value (${wire("primitive", was)}) no longer reads as one item.`,
      );
      return;
    }
    const splits = delimiter !== undefined && mayHold(old.schema, delimiter);
    add(
      "became-array",
      splits
        ? `The ${now.name} became an array (${describeSerialization(is)}): an old value holding ${JSON.stringify(delimiter)} now reads as several items.`
        : `The ${now.name} became an array (${describeSerialization(is)}); an old single value still reads as an array of one.`,
      splits ? "warning" : "info",
    );
    oldSchema = asArrayOfOne(old.schema, now.schema);
  } else if (oldShape !== undefined && oldShape === newShape) {
    const before = wire(oldShape, was);
    const after = wire(newShape, is);
    if (before !== after) {
      add(
        "wire-changed",
        `The ${now.name} is now sent as ${describeSerialization(is)} (${after}), not ${describeSerialization(was)} (${before}); old requests no longer read.`,
      );
    } else if (describeSerialization(was) !== describeSerialization(is)) {
      add(
        "style-changed",
        `The ${now.name} declares ${describeSerialization(is)} instead of ${describeSerialization(was)}; a ${oldShape} value goes on the wire the same way (${after}).`,
      );
    }
  }
  const text = asWireText(oldSchema, now.schema);
  for (const { path, from, to } of text.widened) {
    sink.add({
      ...rule("request.parameter.type-widened"),
      operation,
      location: path === "" ? location : pointer(location, "items"),
      message: `The ${path === "" ? "type" : "item type"} of the ${now.name} changed from ${from} to ${to}; a ${String(now.raw.in)} value is text on the wire, so old values still read.`,
    });
  }
  compareBodySchemas(text.schema, now.schema, location, ctx);
}
