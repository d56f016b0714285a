/**
 * Accepted breaks (`--ignore FILE`): a YAML or JSON list of changes a team has accepted, each
 * `{ id, operation, location?, reason }`. A change an entry matches is reported as accepted (its
 * `accepted` is the entry's reason) and does not count for `--fail-on` or `breaking`; an entry that
 * matches nothing is a warning (`ignore.entry-unmatched`), so the file does not rot. A file that is
 * not such a list is an error naming the entry, and nothing is judged.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";
import { isObject } from "../../json.js";
import { DocumentLoadError } from "../documents/load-document.js";
import type { Change } from "../types.js";
import { rule, ruleOf } from "./rules.js";

export interface IgnoreEntry {
  id: string;
  /** As the JSON output writes it: `PUT /restore-jobs`, `webhook jobCompleted POST`. */
  operation: string;
  /** A JSON pointer as the JSON output writes it; absent: every location of the id in the operation. */
  location?: string;
  reason: string;
}

/** Reads and checks an `--ignore` file; a DocumentLoadError (exit 2) names what is wrong and where. */
export async function loadIgnoreList(path: string, cwd: string): Promise<IgnoreEntry[]> {
  const file = resolve(cwd, path);
  let parsed: unknown;
  try {
    parsed = load(await readFile(file, "utf8"), { schema: CORE_SCHEMA });
  } catch (error) {
    throw new DocumentLoadError(
      `--ignore ${path}: cannot read it: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  if (!Array.isArray(parsed))
    throw new DocumentLoadError(
      `--ignore ${path}: not a list of entries ({ id, operation, location?, reason })`,
    );
  return parsed.map((entry, i) => {
    const where = `--ignore ${path}: entry ${i + 1}`;
    if (!isObject(entry)) throw new DocumentLoadError(`${where} is not an object`);
    for (const key of ["id", "operation", "reason"] as const)
      if (typeof entry[key] !== "string" || entry[key].trim() === "")
        throw new DocumentLoadError(`${where} has no \`${key}\` (a non-empty string)`);
    if (entry.location !== undefined && typeof entry.location !== "string")
      throw new DocumentLoadError(`${where}: \`location\` must be a JSON pointer (a string)`);
    if (ruleOf(entry.id as string) === undefined)
      throw new DocumentLoadError(
        `${where}: \`${entry.id}\` is not a change id restore-jobs diff reports (docs/diff.md, "Change ids")`,
      );
    const unknown = Object.keys(entry).filter((k) => !["id", "operation", "location", "reason"].includes(k));
    if (unknown.length > 0) throw new DocumentLoadError(`${where} has unknown keys: ${unknown.join(", ")}`);
    return entry as unknown as IgnoreEntry;
  });
}

const matches = (entry: IgnoreEntry, change: Change) =>
  entry.id === change.id &&
  (change.operations ?? [change.operation]).includes(entry.operation) &&
  (entry.location === undefined || entry.location === change.location);

/** The changes with those an entry matches marked accepted, and a warning for each entry that matched nothing. */
export function applyIgnoreList(
  changes: readonly Change[],
  entries: readonly IgnoreEntry[],
  path: string,
): Change[] {
  const used = new Set<IgnoreEntry>();
  const out = changes.map((change) => {
    const entry = entries.find((e) => matches(e, change));
    if (!entry) return change;
    used.add(entry);
    return { ...change, accepted: entry.reason };
  });
  entries.forEach((entry, i) => {
    if (used.has(entry)) return;
    out.push({
      ...rule("ignore.entry-unmatched"),
      operation: entry.operation,
      location: entry.location ?? "",
      message: `Entry ${i + 1} of ${path} (\`${entry.id}\`${entry.location ? ` at ${entry.location}` : ""}) matches no change of ${entry.operation}; remove it or correct it.`,
    });
  });
  return out;
}

/** The changes that count for `breaking` and `--fail-on`: all but the accepted ones. */
export const counted = (changes: readonly Change[]) => changes.filter((c) => c.accepted === undefined);
