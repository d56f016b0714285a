/**
 * Schemas a document reaches along more than one path (a component `$ref`'d from two places, a DAG of
 * them): each pair of them is compared once per direction, and what changed in it is reported once,
 * at its component, with the operations that reach it. Without this a component shared 4 ways, 10
 * levels deep, is compared (and its change reported) a million times over.
 *
 * A schema is shared when more than one place refers to it in the resolved document (after the
 * dereferencer, a `$ref` and its target are the same object), not counting its home among a
 * document's definitions (`components/schemas`, `$defs`, `definitions`): a component used once is
 * read where it is used, as before. Hand-written: the dereferencer keeps no count of its references.
 */
import { isObjectOrArray, type JsonObject } from "../../json.js";
import { pointer } from "../documents/pointer.js";
import type { Change } from "../types.js";

/** Where each shared object of one document is named: its pointer, its home if it has one. */
export function sharedObjects(doc: JsonObject): Map<object, string> {
  const references = new Map<object, number>();
  const named = new Map<object, string>();
  const homes = new Set<object>();
  const schemas = isObjectOrArray(doc.components) ? (doc.components as JsonObject).schemas : undefined;
  if (isObjectOrArray(schemas)) homes.add(schemas);
  // Breadth first, so each object is named by its shortest pointer (a component before its uses).
  let level: [object, string][] = [[doc, ""]];
  while (level.length > 0) {
    const next: [object, string][] = [];
    for (const [node, at] of level) {
      const home = homes.has(node);
      for (const [key, value] of Object.entries(node)) {
        if (!isObjectOrArray(value)) continue;
        if (!home) references.set(value, (references.get(value) ?? 0) + 1);
        if (named.has(value)) continue;
        named.set(value, pointer(at, key));
        if (key === "$defs" || key === "definitions") homes.add(value);
        next.push([value, pointer(at, key)]);
      }
    }
    level = next;
  }
  const shared = new Map<object, string>();
  for (const [node, count] of references) if (count > 1) shared.set(node, named.get(node)!);
  return shared;
}

interface Session {
  old: Map<object, string>;
  new: Map<object, string>;
  /** Changes found inside a shared pair, by old schema, new schema and direction; "pending" while it is compared. */
  found: Map<object, Map<object, Map<string, Change[] | "pending">>>;
}

let session: Session | undefined;

/** Runs one diff with the shared schemas of its two documents known. */
export function withSharedSchemas<T>(oldDoc: JsonObject, newDoc: JsonObject, run: () => T): T {
  const outer = session;
  session = { old: sharedObjects(oldDoc), new: sharedObjects(newDoc), found: new Map() };
  try {
    return run();
  } finally {
    session = outer;
  }
}

/** The pointer a pair of schemas is reported at when either side is shared (the new document's first), or undefined. */
export function sharedAt(oldSchema: unknown, newSchema: unknown): string | undefined {
  if (session === undefined || !isObjectOrArray(oldSchema) || !isObjectOrArray(newSchema)) return undefined;
  return session.new.get(newSchema) ?? session.old.get(oldSchema);
}

/**
 * The changes inside a shared pair, compared once (by `compare`) per direction; each change once.
 * A pair met again while it is being compared (a recursive schema) adds nothing.
 */
export function changesOfShared(
  oldSchema: object,
  newSchema: object,
  direction: string,
  compare: () => Change[],
): Change[] {
  const found = session!.found;
  const byNew = found.get(oldSchema) ?? new Map<object, Map<string, Change[] | "pending">>();
  found.set(oldSchema, byNew);
  const byDirection = byNew.get(newSchema) ?? new Map<string, Change[] | "pending">();
  byNew.set(newSchema, byDirection);
  const known = byDirection.get(direction);
  if (known === "pending") return [];
  if (known) return known;
  byDirection.set(direction, "pending");
  try {
    const seen = new Set<string>();
    const changes = compare().filter((c) => {
      const key = `${c.id}\u0000${c.location}\u0000${c.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    byDirection.set(direction, changes);
    return changes;
  } catch (error) {
    byDirection.delete(direction);
    throw error;
  }
}
