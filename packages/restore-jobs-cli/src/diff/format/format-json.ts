/**
 * The JSON output: the interface other tools read (`breaking`, `changes`, and `compiler` when it
 * ran). `byOperation` groups the changes by operation, added beside `changes` so tools that read the
 * flat list keep working: each group names its operation, its counts and the indexes of its changes
 * in `changes` (docs/diff.md, "Output").
 */
import type { DiffReport } from "../run-diff.js";
import { byOperation } from "./summary.js";

export function formatJson(report: DiffReport): string {
  const { breaking, changes, compiler } = report;
  const groups = byOperation(changes).map(({ operation, counts, changes: own }) => ({
    operation,
    ...counts,
    changes: own.map((c) => changes.indexOf(c)),
  }));
  return `${JSON.stringify({ breaking, changes, byOperation: groups, ...(compiler ? { compiler } : {}) }, null, 2)}\n`;
}
