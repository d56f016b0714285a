/** The JSON output: the interface other tools read (`breaking`, `changes`, and `compiler` when it ran). */
import type { DiffReport } from "./run-diff.js";

export function formatJson(report: DiffReport): string {
  const { breaking, changes, compiler } = report;
  return `${JSON.stringify({ breaking, changes, ...(compiler ? { compiler } : {}) }, null, 2)}\n`;
}
