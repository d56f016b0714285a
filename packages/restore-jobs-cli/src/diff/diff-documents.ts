/** Diffs two resolved OpenAPI documents: every rule, one sorted list of changes. */

import type { JsonObject } from "../json.js";
import { reportDynamicRefs } from "./documents/dynamic-refs.js";
import { unescapeToken } from "./documents/pointer.js";
import { compareDocumentation } from "./rules/documentation-rules.js";
import { locateDifference, unjudgedDifferences } from "./rules/operation-meaning.js";
import { compareOperationFlags, compareSecurity, matchOperations } from "./rules/operation-rules.js";
import { compareParameters, compareRequestBodies } from "./rules/request-rules.js";
import { compareResponses } from "./rules/response-rules.js";
import { rule } from "./rules/rules.js";
import { compareServers } from "./rules/server-rules.js";
import { compareCallbacks, compareWebhooks } from "./rules/webhook-rules.js";
import { withSharedSchemas } from "./schema/shared-schemas.js";
import { type Change, ChangeList, sortChanges } from "./types.js";

export interface DiffResult {
  breaking: boolean;
  changes: Change[];
}

export function diffDocuments(oldDoc: JsonObject, newDoc: JsonObject): DiffResult {
  return withSharedSchemas(oldDoc, newDoc, () => diffShared(oldDoc, newDoc));
}

function diffShared(oldDoc: JsonObject, newDoc: JsonObject): DiffResult {
  const list = new ChangeList();
  const pairs = matchOperations(oldDoc, newDoc, list);
  for (const pair of pairs) {
    const found = new ChangeList();
    compareOperationFlags(pair, found);
    compareSecurity(pair, oldDoc, newDoc, found);
    compareServers(pair, oldDoc, newDoc, found);
    compareParameters(pair.before, pair.after, found);
    compareRequestBodies(pair.before, pair.after, found);
    compareResponses(pair.before, pair.after, found);
    compareCallbacks(pair.before, pair.after, found);
    // Safety net: a part of the operation means something else but no rule said what (links, a
    // header's `style`, ...). Say so rather than report "no change", for each such part.
    for (const difference of unjudgedDifferences(pair.before, pair.after, found.changes)) {
      const location = locateDifference(pair.after, difference);
      const keyword = unescapeToken(location.split("/").pop() ?? "");
      found.add({
        ...rule("operation.changed-unclassified"),
        operation: pair.before.label,
        location,
        message: `${pair.before.label} changed at \`${keyword}\` in a way no rule classifies (links, ...); review it by hand.`,
      });
    }
    for (const change of found.changes) list.add(change);
  }
  compareWebhooks(oldDoc, newDoc, list);
  reportDynamicRefs(oldDoc, newDoc, list);
  compareDocumentation(oldDoc, newDoc, list);
  const changes = dedupe(sortChanges(list.changes));
  return { breaking: changes.some((c) => c.level === "breaking"), changes };
}

/** One change per id, place and message; a change of a shared schema lists every operation (and place) that reaches it. */
function dedupe(changes: Change[]): Change[] {
  const seen = new Map<string, Change>();
  const out: Change[] = [];
  for (const c of changes) {
    const key = `${c.id}\u0000${c.location}\u0000${c.message}`;
    const first = seen.get(key);
    if (first === undefined) {
      const copy = { ...c };
      seen.set(key, copy);
      out.push(copy);
      continue;
    }
    if (first.operations && c.operations) first.operations = union(first.operations, c.operations);
    if (first.via && c.via) first.via = union(first.via, c.via);
  }
  return out;
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
