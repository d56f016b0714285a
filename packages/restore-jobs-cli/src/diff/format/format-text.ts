/** The text output, for a terminal: the changes grouped by operation (`== PUT /restore-jobs: ...`), worst first. */
import type { DiffReport } from "../run-diff.js";
import {
  acceptedText,
  byOperation,
  compilerLine,
  countLine,
  disagreementText,
  groupTitle,
  operationsText,
} from "./summary.js";

const tags = { breaking: "BREAKING", warning: "WARNING ", info: "info    " } as const;

export function formatText(report: DiffReport): string {
  const lines = [`restore-jobs diff: ${report.old} -> ${report.new}`, ""];
  for (const group of byOperation(report.changes)) {
    lines.push(`== ${groupTitle(group)}`);
    for (const c of group.changes) {
      lines.push(`${tags[c.level]}  ${c.id}${c.operation ? `  (${operationsText(c)})` : ""}`);
      lines.push(`          ${c.message}${acceptedText(c)}`);
      lines.push(`          at ${c.location}`);
    }
  }
  if (report.changes.length > 0) lines.push("");
  lines.push(countLine(report.changes));
  if (report.compiler) {
    lines.push(compilerLine(report.compiler));
    if (report.compiler.ran) {
      for (const check of report.compiler.checks.filter((c) => !c.agrees)) {
        lines.push(`  DISAGREE  ${check.operation} ${check.scope}: ${disagreementText(check)}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
