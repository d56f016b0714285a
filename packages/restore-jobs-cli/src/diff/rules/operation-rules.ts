/** Rules for the operations themselves: removed, added, method changed, deprecated, security. */

import { isObject, type JsonObject } from "../../json.js";
import { type OperationEntry, operationsOf, pathKey } from "../documents/operations.js";
import { pointer } from "../documents/pointer.js";
import { sameMeaning } from "../schema/canonical.js";
import type { ChangeSink } from "../types.js";
import { rule } from "./rules.js";
import { removalBySunset } from "./sunset.js";

export interface OperationPair {
  before: OperationEntry;
  after: OperationEntry;
}

/** Matches the operations of the two documents, reporting those removed, added or moved to another method. */
export function matchOperations(oldDoc: JsonObject, newDoc: JsonObject, sink: ChangeSink): OperationPair[] {
  const was = operationsOf(oldDoc);
  const now = operationsOf(newDoc);
  const pairs: OperationPair[] = [];
  const gone = [...was.keys()].filter((key) => !now.has(key));
  const fresh = [...now.keys()].filter((key) => !was.has(key));
  for (const [key, before] of was) {
    const after = now.get(key);
    if (after) pairs.push({ before, after });
  }
  for (const key of gone) {
    const before = was.get(key)!;
    // One method gone and one new on the same path: the operation changed its method.
    const samePath = (k: string) => k.slice(k.indexOf(" ") + 1) === pathKey(before.path);
    const movedTo = fresh.filter(samePath);
    if (movedTo.length === 1 && gone.filter(samePath).length === 1) {
      const after = now.get(movedTo[0]!)!;
      fresh.splice(fresh.indexOf(movedTo[0]!), 1);
      sink.add({
        ...rule("operation.method-changed"),
        operation: before.label,
        location: after.location,
        message: `${before.label} is now ${after.label}.`,
      });
      continue;
    }
    const sunset = removalBySunset(before.operation);
    sink.add({
      ...rule("operation.removed", sunset?.level ?? "breaking"),
      operation: before.label,
      location: before.location,
      message: `${before.label} was removed${sunset?.words ?? ""}.`,
    });
  }
  for (const key of fresh) {
    const after = now.get(key)!;
    sink.add({
      ...rule("operation.added"),
      operation: after.label,
      location: after.location,
      message: `${after.label} was added.`,
    });
  }
  return pairs;
}

export function compareOperationFlags({ before, after }: OperationPair, sink: ChangeSink): void {
  if (before.operation.deprecated !== true && after.operation.deprecated === true) {
    sink.add({
      ...rule("operation.deprecated"),
      operation: before.label,
      location: pointer(after.location, "deprecated"),
      message: `${before.label} is now deprecated.`,
    });
  }
  if (before.operation.operationId !== after.operation.operationId) {
    sink.add({
      ...rule("operation.id-changed"),
      operation: before.label,
      location: pointer(after.location, "operationId"),
      message: `The operationId changed from ${JSON.stringify(before.operation.operationId)} to ${JSON.stringify(after.operation.operationId)}; generated method names may change.`,
    });
  }
}

/** Security as the operation sees it: a list of alternatives, each a set of `scheme` or `scheme:scope`. */
function effectiveSecurity(entry: OperationEntry, doc: JsonObject): Set<string>[] {
  const list = Array.isArray(entry.operation.security)
    ? entry.operation.security
    : Array.isArray(doc.security)
      ? doc.security
      : [];
  if (list.length === 0) return [new Set()];
  return list.filter(isObject).map((requirement) => {
    const items = new Set<string>();
    for (const [scheme, scopes] of Object.entries(requirement)) {
      items.add(scheme);
      if (Array.isArray(scopes)) for (const scope of scopes) items.add(`${scheme}:${String(scope)}`);
    }
    return items;
  });
}

const within = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));
const describe = (alt: Set<string>) => (alt.size === 0 ? "no credentials" : [...alt].sort().join(" + "));

export function compareSecurity(
  { before, after }: OperationPair,
  oldDoc: JsonObject,
  newDoc: JsonObject,
  sink: ChangeSink,
): void {
  const operation = before.label;
  const location = pointer(after.location, "security");
  const was = effectiveSecurity(before, oldDoc);
  const now = effectiveSecurity(after, newDoc);
  // A client that met one old alternative must meet some new one: a new alternative within it.
  const stranded = was.filter((alt) => !now.some((candidate) => within(candidate, alt)));
  if (stranded.length > 0) {
    sink.add({
      ...rule("security.requirement-added"),
      operation,
      location,
      message: `Clients sending ${stranded.map(describe).join(" or ")} no longer meet the security requirements (now ${now.map(describe).join(" or ")}).`,
    });
  } else if (was.map(describe).sort().join("|") !== now.map(describe).sort().join("|")) {
    sink.add({
      ...rule("security.requirement-relaxed"),
      operation,
      location,
      message: `The security requirements were relaxed to ${now.map(describe).join(" or ")}.`,
    });
  }
  const schemes = (doc: JsonObject) =>
    isObject(doc.components) && isObject(doc.components.securitySchemes)
      ? doc.components.securitySchemes
      : {};
  const oldSchemes = schemes(oldDoc);
  const newSchemes = schemes(newDoc);
  const items = [...new Set([...was, ...now].flatMap((alt) => [...alt]))];
  const used = new Set(now.flatMap((alt) => [...alt].filter((item) => !item.includes(":"))));
  for (const name of [...used].sort()) {
    if (!(name in oldSchemes && name in newSchemes) || sameMeaning(oldSchemes[name], newSchemes[name]))
      continue;
    const scopes = new Set(
      items.filter((i) => i.startsWith(`${name}:`)).map((i) => i.slice(name.length + 1)),
    );
    const alters = !sameMeaning(
      requestMeaning(oldSchemes[name], scopes),
      requestMeaning(newSchemes[name], scopes),
    );
    sink.add({
      ...rule(alters ? "security.scheme-changed" : "security.scheme-documented"),
      operation,
      location: pointer("", "components", "securitySchemes", name),
      message: alters
        ? `Security scheme \`${name}\` changed; clients sign or send credentials the old way.`
        : `Security scheme \`${name}\` changed in what it documents (a scope the operation does not require, \`bearerFormat\`); no request changes.`,
    });
  }
}

/**
 * What of a security scheme shapes a request: not `bearerFormat` (a hint), and of an OAuth flow's
 * `scopes` only those the operation requires (a scope declared, not required, asks nothing more).
 */
function requestMeaning(scheme: unknown, required: Set<string>): unknown {
  if (!isObject(scheme)) return scheme;
  const { bearerFormat: _hint, flows, ...rest } = scheme;
  if (!isObject(flows)) return rest;
  const kept = Object.fromEntries(
    Object.entries(flows).map(([kind, flow]) => {
      if (!isObject(flow) || !isObject(flow.scopes)) return [kind, flow];
      const scopes = Object.keys(flow.scopes)
        .filter((scope) => required.has(scope))
        .sort();
      return [kind, { ...flow, scopes }];
    }),
  );
  return { ...rest, flows: kept };
}
