/**
 * Rules for an operation's parameters: added, removed, required or not, renamed (path parameters),
 * their default, and their value as it crosses the wire (parameter-values.ts).
 */
import { isObject } from "../../json.js";
import type { OperationEntry } from "../documents/operations.js";
import { pointer } from "../documents/pointer.js";
import type { ChangeSink, Level } from "../types.js";
import { compareParameterDefaults } from "./parameter-default.js";
import { compareParameterValues, type ParameterSide } from "./parameter-values.js";
import { type After, type RuleId, rule } from "./rules.js";
import { removalBySunset } from "./sunset.js";

interface Parameter extends ParameterSide {
  required: boolean;
}

/**
 * What identifies a parameter: where it goes and its name (`query:limit`); header names are
 * case-insensitive (RFC 9110 §5.1). Undefined for something that is not a parameter.
 */
export function parameterKey(p: unknown): string | undefined {
  if (!isObject(p) || typeof p.name !== "string" || typeof p.in !== "string") return undefined;
  return `${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`;
}

/**
 * Within one operation a path parameter is its place in the URL template, not its name: operations
 * match whatever their template's names (`/jobs/{id}` is `/jobs/{jobId}`), so `{id}` and `{jobId}`
 * at the same place are one parameter, renamed. A path parameter not in the template keeps its name.
 */
export function parameterKeyIn(path: string, p: unknown): string | undefined {
  const key = parameterKey(p);
  if (key === undefined || !isObject(p) || p.in !== "path") return key;
  const names = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const at = names.indexOf(String(p.name));
  return at < 0 ? key : `path:{#${at}}`;
}

/** The schema a parameter's value is judged by: `schema`, or the one of its `content` media type. */
function schemaOf(p: Record<string, unknown>): unknown {
  if (p.schema !== undefined) return p.schema;
  const media = isObject(p.content) ? Object.values(p.content)[0] : undefined;
  return isObject(media) && media.schema !== undefined ? media.schema : {};
}

function parametersOf(entry: OperationEntry): Map<string, Parameter> {
  const out = new Map<string, Parameter>();
  const collect = (list: unknown[], base: string) =>
    list.forEach((p, i) => {
      const key = parameterKeyIn(entry.path, p);
      if (key === undefined || !isObject(p)) return;
      out.set(key, {
        name: `${p.in} parameter \`${p.name}\``,
        raw: p,
        required: p.required === true || p.in === "path",
        schema: schemaOf(p),
        location: pointer(base, "parameters", i),
      });
    });
  collect(entry.pathParameters, pointer("", "paths", entry.path));
  collect(Array.isArray(entry.operation.parameters) ? entry.operation.parameters : [], entry.location);
  return out;
}

export function compareParameters(before: OperationEntry, after: OperationEntry, sink: ChangeSink): void {
  const operation = before.label;
  const was = parametersOf(before);
  const now = parametersOf(after);
  const add = (id: After<"request.parameter.">, location: string, message: string, chosen?: Level) =>
    sink.add({ ...rule(`request.parameter.${id}` as RuleId, chosen), operation, location, message });
  for (const [key, p] of was) {
    if (now.has(key)) continue;
    const sunset = removalBySunset(p.raw);
    add(
      "removed",
      p.location,
      `The ${p.name} was removed${sunset?.words ?? ""}.`,
      sunset?.level ?? "warning",
    );
  }
  for (const [key, p] of now) {
    const old = was.get(key);
    if (!old) {
      const how = p.required ? "added-required" : "added-optional";
      add(how, p.location, `The ${p.name} was added${p.required ? " as required" : " as optional"}.`);
      continue;
    }
    if (old.raw.name !== p.raw.name) {
      add(
        "renamed",
        p.location,
        `The ${old.name} was renamed to \`${String(p.raw.name)}\`; the URL template keeps its shape, so requests are the same.`,
      );
    }
    if (!old.required && p.required) add("became-required", p.location, `The ${p.name} became required.`);
    if (old.required && !p.required) add("became-optional", p.location, `The ${p.name} became optional.`);
    compareParameterDefaults(old.schema, p.schema, p.name, p.location, operation, sink);
    compareParameterValues(old, p, operation, sink);
  }
}
