/** Counts by level, the grouping by operation every format uses, and the compiler's line. */
import type { CompilerVerdict } from "../compiler/compiler-check.js";
import { type Change, type Level, severity } from "../types.js";

export function countByLevel(changes: readonly Change[]): Record<Level, number> {
  const counts: Record<Level, number> = { breaking: 0, warning: 0, info: 0 };
  for (const c of changes) counts[c.level] += 1;
  return counts;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function countLine(all: readonly Change[]): string {
  if (all.length === 0) return "No changes.";
  const changes = all.filter((c) => c.accepted === undefined);
  const accepted = all.length - changes.length;
  const n = countByLevel(changes);
  return `${plural(changes.length, "change")}: ${n.breaking} breaking, ${plural(n.warning, "warning")}, ${n.info} info${accepted > 0 ? `; ${accepted} accepted (--ignore)` : ""}.`;
}

/** How the text and markdown formats mark a change an `--ignore` entry accepted. */
export const acceptedText = (change: Change) =>
  change.accepted === undefined ? "" : ` (accepted: ${change.accepted.replace(/\n/g, " ")})`;

export function compilerLine(verdict: CompilerVerdict): string {
  if (!verdict.ran) return `Compiler check did not run (${verdict.reason}).`;
  const incompatible = verdict.checks.filter((c) => !c.compatible).length;
  return `Compiler check (${verdict.tool}, ${verdict.ms} ms): ${verdict.checks.length - incompatible} of ${verdict.checks.length} checks compatible; ${plural(verdict.disagreements, "disagreement")} with the rules.`;
}

/** Why the compiler and the rules disagree on one check, in words. */
export function disagreementText(check: {
  compatible: boolean;
  rulesBreaking: string[];
  detail?: string;
}): string {
  return check.compatible
    ? `rules say breaking (${check.rulesBreaking.join(", ")}), the types still accept it: types cannot see this rule`
    : `the types reject it (${check.detail ?? "not assignable"}), no rule says breaking`;
}

/** The changes of one operation (null: of the document as a whole), worst first, as every format groups them. */
export interface OperationGroup {
  operation: string | null;
  counts: Record<Level, number>;
  changes: Change[];
}

/**
 * The changes grouped by operation: the document's own first, then the operations with the worst
 * changes first (then by name); each group keeps the changes' order (worst first). A change in a
 * shared schema sits in the group of its first operation and names the others (`operationsText`).
 */
export function byOperation(changes: readonly Change[]): OperationGroup[] {
  const groups = new Map<string | null, Change[]>();
  for (const c of changes) {
    const list = groups.get(c.operation);
    if (list) list.push(c);
    else groups.set(c.operation, [c]);
  }
  const worst = (list: Change[]) =>
    Math.max(...list.map((c) => (c.accepted === undefined ? severity(c.level) : -1)));
  return [...groups]
    .sort(
      ([a, x], [b, y]) =>
        Number(a !== null) - Number(b !== null) || worst(y) - worst(x) || (a ?? "").localeCompare(b ?? ""),
    )
    .map(([operation, list]) => ({
      operation,
      counts: countByLevel(list.filter((c) => c.accepted === undefined)),
      changes: list,
    }));
}

/** A group's heading: the operation (or the document) and its counts. */
export const groupTitle = (group: OperationGroup) =>
  `${group.operation ?? "the document"}: ${group.counts.breaking} breaking, ${plural(group.counts.warning, "warning")}, ${group.counts.info} info`;

/** The operations a change concerns, as the text and markdown formats name them: every operation that reaches a shared schema. */
export function operationsText(change: Change): string {
  return (change.operations ?? (change.operation ? [change.operation] : [])).join(", ");
}
