/**
 * The GitHub Actions output (`--format github`): one workflow command per change (`::error` for
 * breaking, `::warning`, `::notice` for info and accepted changes) at the line of the new document
 * where the change sits, so it shows on the pull request's diff, titled by its entry in the registry
 * (rules.ts: the id and what it means), in a log group (`::group::`) per operation; then the count.
 */

import { titleOf } from "../rules/rules.js";
import type { DiffReport } from "../run-diff.js";
import type { Change } from "../types.js";
import { acceptedText, byOperation, countLine, groupTitle } from "./summary.js";

const commands = { breaking: "error", warning: "warning", info: "notice" } as const;

/** Escapes as the workflow commands require: data `%`, CR, LF; properties also `:` and `,`. */
const data = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const property = (text: string) => data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function formatGithub(report: DiffReport): string {
  const out = byOperation(report.changes).flatMap((group) => [
    `::group::${data(groupTitle(group))}`,
    ...group.changes.map((c) => annotation(report, c)),
    "::endgroup::",
  ]);
  out.push(countLine(report.changes));
  return `${out.join("\n")}\n`;
}

function annotation(report: DiffReport, c: Change): string {
  const command = c.accepted === undefined ? commands[c.level] : "notice";
  const line = report.lineOf?.(c.location);
  const where = [
    report.newFile === undefined ? undefined : `file=${property(report.newFile)}`,
    line === undefined ? undefined : `line=${line}`,
    `title=${property(`${titleOf(c.id)}${c.operation ? ` (${c.operation})` : ""}`)}`,
  ].filter((p) => p !== undefined);
  return `::${command} ${where.join(",")}::${data(`${c.message}${acceptedText(c)} At ${c.location}`)}`;
}
