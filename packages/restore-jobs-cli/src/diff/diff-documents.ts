/** Diffs two resolved OpenAPI documents: every rule, one sorted list of changes. */

import type { JsonObject } from "../json.js";
import { compareDocumentation } from "./documentation-rules.js";
import { reportDynamicRefs } from "./dynamic-refs.js";
import { firstDifference, locateDifference, operationMeaning } from "./operation-meaning.js";
import { compareOperationFlags, compareSecurity, matchOperations } from "./operation-rules.js";
import { compareParameters, compareRequestBodies } from "./request-rules.js";
import { compareResponses } from "./response-rules.js";
import { type Change, ChangeList, sortChanges } from "./types.js";
import { compareWebhooks } from "./webhook-rules.js";

export interface DiffResult {
  breaking: boolean;
  changes: Change[];
}

export function diffDocuments(oldDoc: JsonObject, newDoc: JsonObject): DiffResult {
  const list = new ChangeList();
  const pairs = matchOperations(oldDoc, newDoc, list);
  for (const pair of pairs) {
    const found = new ChangeList();
    compareOperationFlags(pair, found);
    compareSecurity(pair, oldDoc, newDoc, found);
    compareParameters(pair.before, pair.after, found);
    compareRequestBodies(pair.before, pair.after, found);
    compareResponses(pair.before, pair.after, found);
    // Safety net: the operation means something else but no rule said what (response headers,
    // links, a keyword no rule reads). Say so rather than report "no change".
    const difference =
      found.changes.length === 0
        ? firstDifference(operationMeaning(pair.before), operationMeaning(pair.after))
        : undefined;
    if (difference !== undefined) {
      const location = locateDifference(pair.after, difference);
      const keyword = location.split("/").pop()?.replace(/~1/g, "/").replace(/~0/g, "~");
      found.add({
        id: "operation.changed-unclassified",
        level: "warning",
        operation: pair.before.label,
        location,
        message: `${pair.before.label} changed at \`${keyword}\` in a way no rule classifies (headers, links, ...); review it by hand.`,
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

function dedupe(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.id}\u0000${c.location}\u0000${c.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
