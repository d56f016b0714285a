/** What `restore-jobs diff` reports: the levels, one change, and the list the rules add changes to. */
import { allowedLevels } from "./rules/rules.js";

/** The three levels of a change, worst first. */
export type Level = "breaking" | "warning" | "info";

export const levels: readonly Level[] = ["breaking", "warning", "info"];

/** How bad a level is: 2 breaking, 1 warning, 0 info. */
export function severity(level: Level): number {
  return level === "breaking" ? 2 : level === "warning" ? 1 : 0;
}

/** One change between the two documents; the JSON output's `changes[]`. */
export interface Change {
  /** A stable, dotted id per kind of change, listed in docs/diff.md (`request.property.became-required`). */
  id: string;
  level: Level;
  /** `"PUT /restore-jobs"`, or null for a change of the document as a whole (`info.version`). */
  operation: string | null;
  /** A JSON pointer into the resolved document ($refs replaced by their targets, allOf members' properties read as the object's own). */
  location: string;
  message: string;
  /**
   * For a change inside a schema shared along more than one path (shared-schemas.ts), reported once
   * at that schema: every operation that reaches it (`operation` is the first).
   */
  operations?: string[];
  /** ... and where, in those operations, the shared schema is reached (pointers into the resolved new document). */
  via?: string[];
  /** Accepted by an `--ignore` entry (ignore-list.ts): its reason. Not counted for `breaking` or `--fail-on`. */
  accepted?: string;
}

/** Collects changes; the rule files only ever call `add`. */
export interface ChangeSink {
  add(change: Change): void;
}

/** The changes the rules found; an id or level the registry (rules/rules.ts) does not hold is a bug in a rule, and throws. */
export class ChangeList implements ChangeSink {
  readonly changes: Change[] = [];
  add(change: Change): void {
    if (!allowedLevels(change.id).includes(change.level))
      throw new Error(`diff: ${change.id} is not ${change.level} in rules.ts`);
    this.changes.push(change);
  }
}

/** Orders changes worst first, then by operation, location and id, so output is stable. */
export function sortChanges(changes: readonly Change[]): Change[] {
  return [...changes].sort(
    (a, b) =>
      severity(b.level) - severity(a.level) ||
      (a.operation ?? "").localeCompare(b.operation ?? "") ||
      a.location.localeCompare(b.location) ||
      a.id.localeCompare(b.id) ||
      a.message.localeCompare(b.message),
  );
}
