/** The markdown output: a changelog fit for a pull-request comment, a section per operation, by level within it. */
import type { DiffReport } from "../run-diff.js";
import type { Level } from "../types.js";
import {
  acceptedText,
  byOperation,
  compilerLine,
  countLine,
  disagreementText,
  groupTitle,
  operationsText,
} from "./summary.js";

const headings: Record<Level, string> = {
  breaking: "Breaking changes",
  warning: "Warnings",
  info: "Other changes",
};
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

export function formatMarkdown(report: DiffReport): string {
  const out = [`## API diff: ${code(report.old)} → ${code(report.new)}`, ""];
  out.push(
    report.breaking
      ? `**⚠️ This change breaks clients.** ${countLine(report.changes)}`
      : countLine(report.changes),
    "",
  );
  for (const group of byOperation(report.changes)) {
    out.push(
      `### ${group.operation === null ? "The document" : code(group.operation)}`,
      "",
      groupTitle(group),
      "",
    );
    for (const level of ["breaking", "warning", "info"] as const) {
      const changes = group.changes.filter((c) => c.level === level);
      if (changes.length === 0) continue;
      out.push(`#### ${headings[level]}`, "");
      for (const c of changes) {
        out.push(
          `- ${c.operations && c.operations.length > 1 ? `**${operationsText(c)}**: ` : ""}${c.message.replace(/\n/g, " ")}${acceptedText(c)} ${code(c.id)} at ${code(c.location)}`,
        );
      }
      out.push("");
    }
  }
  if (report.compiler) {
    out.push("### Compiler check", "", compilerLine(report.compiler), "");
    if (report.compiler.ran && report.compiler.checks.length > 0) {
      out.push("| operation | check | compiler | rules | |", "| --- | --- | --- | --- | --- |");
      for (const c of report.compiler.checks) {
        out.push(
          `| ${c.operation} | ${c.scope} | ${c.compatible ? "compatible" : "incompatible"} | ${c.rulesBreaking.length > 0 ? "breaking" : "compatible"} | ${c.agrees ? "" : `**disagree**: ${disagreementText(c).replace(/\|/g, "\\|")}`} |`,
        );
      }
      out.push("");
    }
  }
  return `${out.join("\n")}\n`;
}
