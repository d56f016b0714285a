/** The text output, for a terminal. */
import type { DiffReport } from "./run-diff.js";
import { acceptedText, compilerLine, countLine, disagreementText, operationsText } from "./summary.js";

const tags = { breaking: "BREAKING", warning: "WARNING ", info: "info    " } as const;

export function formatText(report: DiffReport): string {
  const lines = [`restore-jobs diff: ${report.old} -> ${report.new}`, ""];
  for (const c of report.changes) {
    lines.push(`${tags[c.level]}  ${c.id}${c.operation ? `  (${operationsText(c)})` : ""}`);
    lines.push(`          ${c.message}${acceptedText(c)}`);
    lines.push(`          at ${c.location}`);
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
