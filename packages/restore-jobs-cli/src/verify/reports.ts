import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Redactor } from "./redaction.js";
import type { CheckResult, Exchange, Finding } from "./types.js";
import type { VerifyOutcome } from "./verify-job.js";

const excerptLength = 600;

/** A finding as reported: with the command line that replays it, which the command writes. */
export interface ReportedFinding extends Finding {
  replay: string;
}

/** An outcome as reported: every finding with its replay line. */
export interface Report extends Omit<VerifyOutcome, "results"> {
  results: (Omit<CheckResult, "finding"> & { finding?: ReportedFinding })[];
}

export function findingsOf<F extends Finding>(outcome: { results: { finding?: F }[] }): F[] {
  return outcome.results.flatMap((r) => (r.finding ? [r.finding] : []));
}

/**
 * The closing table on stdout: check, cases, requests (a case another check sent already sends
 * none; an idempotency case sends two), result.
 */
export function closingTable(outcome: VerifyOutcome): string {
  const rows = outcome.results.map((r) => [
    r.check,
    String(r.cases),
    String(r.requests ?? 0),
    r.result === "skipped"
      ? `skipped (${r.skippedBecause})`
      : r.result === "not_judged"
        ? "not judged (every answer was another check's business)"
        : r.result,
  ]);
  const header = ["check", "cases", "requests", "result"];
  const widths = [0, 1, 2].map((i) =>
    Math.max(header[i]?.length ?? 0, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    [
      (cells[0] ?? "").padEnd(widths[0] ?? 0),
      (cells[1] ?? "").padStart(widths[1] ?? 0),
      (cells[2] ?? "").padStart(widths[2] ?? 0),
      cells[3] ?? "",
    ].join("  ");
  const findings = findingsOf(outcome).length;
  return [
    line(header),
    line([...widths.map((w) => "-".repeat(w)), "------"]),
    ...rows.map(line),
    ...coverageLine(outcome),
    "",
    `${findings === 0 ? "the target keeps the contract" : `${findings} finding(s): the target breaks the contract`} (seed ${outcome.seed}, ${outcome.runs} runs per check${outcome.shard ? `, shard ${outcome.shard.index}/${outcome.shard.count}` : ""}, ${(outcome.durationMs / 1000).toFixed(1)} s${rateText(outcome)})`,
    `spec: ${specText(outcome)}`,
  ].join("\n");
}

/** The document verified against, as every report names it. */
function specText({ spec }: VerifyOutcome): string {
  return `${spec.source}, sha256 ${spec.sha256}`;
}

/** With --rate-limit: the limit and the rate kept. */
function rateText({ rateLimit: r, throttled: t }: VerifyOutcome): string {
  return [
    r ? `, rate limit ${r.limit}: ${r.requests} requests at ${r.perSecond}/s` : "",
    t
      ? `, throttled ${t.times} time(s) (429 with Retry-After, waited ${(t.waitedMs / 1000).toFixed(1)} s in all)`
      : "",
  ].join("");
}

/**
 * The lines under the table: what the negative side's deterministic phase sent (when
 * negative_data_rejected ran) and what part of a check did not run against this target.
 */
function coverageLine({ negativeCoverage: n, results }: VerifyOutcome): string[] {
  const lines = results.flatMap((r) => (r.partlySkipped ? [`${r.check}: ${r.partlySkipped}`] : []));
  if (n)
    lines.unshift(
      `negative_data_rejected, every run whatever the seed: ${n.rules} rules of the request schema, ${n.nearMisses} near misses, ${n.notJson} bodies that are not JSON`,
    );
  return lines.length ? ["", ...lines] : [];
}

export function responseSummary(exchange: Exchange): string {
  const r = exchange.response;
  if (exchange.failure && exchange.failure.kind !== "too_large")
    return `no response: ${exchange.failure.message} after ${exchange.failure.durationMs} ms`;
  if (!r) return `an answer read no further: ${exchange.failure?.message ?? "none"}`;
  if (exchange.failure)
    return `${r.status} ${r.contentType || "(no content type)"}, read no further: ${exchange.failure.message}\nfirst bytes: ${r.bodyText.slice(0, excerptLength)}`;
  const excerpt =
    r.bodyText.length > excerptLength
      ? `${r.bodyText.slice(0, excerptLength)}… (${r.bodyText.length} chars)`
      : r.bodyText;
  return `${r.status} ${r.contentType || "(no content type)"} in ${r.durationMs} ms\n${excerpt}`;
}

/** One finding as plain text: what failed, how to replay, the counterexample, the curl and the response. */
export function describeFinding(finding: ReportedFinding): string {
  return [
    `✗ ${finding.check}: ${finding.message}`,
    `  replay: ${finding.replay}`,
    `  seed ${finding.seed}, path ${finding.path}`,
    finding.flaky
      ? `  counterexample (not shrunk: flaky): ${finding.counterexample}\n  flaky: the failure did not come back when the same case was sent again ${finding.flaky.replaysPassed} time(s); the exchange that broke comes first, then the replays that passed`
      : finding.sentBy
        ? `  the case (${finding.sentBy}'s, not shrunk): ${finding.counterexample}`
        : `  counterexample (shrunk): ${finding.counterexample}`,
    ...finding.exchanges.flatMap((e, i) => [
      `  request${finding.exchanges.length > 1 ? ` ${i + 1}` : ""}:\n${indent(finding.curl[i] ?? "", 4)}`,
      `  response:\n${indent(responseSummary(e), 4)}`,
    ]),
  ].join("\n");
}

function indent(text: string, n: number): string {
  return text
    .split("\n")
    .map((l) => " ".repeat(n) + l)
    .join("\n");
}

function xml(text: string): string {
  // XML 1.0 forbids the C0 controls other than tab, line feed and carriage return.
  const allowed = [...text].filter((c) => c >= " " || c === "\t" || c === "\n" || c === "\r").join("");
  return allowed.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function junitXml(outcome: Report): string {
  const failures = findingsOf(outcome).length;
  const skipped = outcome.results.filter((r) => r.result === "skipped" || r.result === "not_judged").length;
  const cases = outcome.results.map((r) => {
    const head = `  <testcase classname="restore-jobs.verify" name="${r.check}" time="${(r.durationMs / 1000).toFixed(3)}">`;
    if (r.result === "skipped")
      return `${head}<skipped message="${xml(r.skippedBecause ?? "")}"/></testcase>`;
    if (r.result === "not_judged")
      return `${head}<skipped message="not judged: every answer was another check's business"/></testcase>`;
    if (!r.finding) return `${head}</testcase>`;
    return `${head}\n    <failure message="${xml(r.finding.message)}" type="${r.check}">${xml(describeFinding(r.finding))}</failure>\n  </testcase>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="restore-jobs verify" tests="${outcome.results.length}" failures="${failures}">`,
    `<testsuite name="StartRestoreJob contract" tests="${outcome.results.length}" failures="${failures}" skipped="${skipped}" time="${(outcome.durationMs / 1000).toFixed(3)}" timestamp="${outcome.startedAt}">`,
    `  <properties><property name="seed" value="${outcome.seed}"/><property name="target" value="${xml(outcome.target)}"/><property name="spec" value="${xml(outcome.spec.source)}"/><property name="spec.sha256" value="${outcome.spec.sha256}"/></properties>`,
    ...cases,
    "</testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

export function summaryMarkdown(outcome: Report): string {
  const findings = findingsOf(outcome);
  const icon = {
    pass: "✅ pass",
    fail: "❌ fail",
    skipped: "➖ skipped",
    not_judged: "➖ not judged",
  } as const;
  return [
    `## restore-jobs verify: ${findings.length === 0 ? "the target keeps the contract" : `${findings.length} finding(s)`}`,
    "",
    `Target \`${outcome.target}\`, seed \`${outcome.seed}\`, ${outcome.runs} runs per check${outcome.shard ? `, shard ${outcome.shard.index}/${outcome.shard.count}` : ""}, ${(outcome.durationMs / 1000).toFixed(1)} s${rateText(outcome)}.`,
    "",
    `Spec \`${outcome.spec.source}\`, sha256 \`${outcome.spec.sha256}\`.`,
    "",
    "| check | cases | requests | result |",
    "| --- | ---: | ---: | --- |",
    ...outcome.results.map(
      (r) =>
        `| \`${r.check}\` | ${r.cases} | ${r.requests ?? 0} | ${icon[r.result]}${r.skippedBecause ? ` (${r.skippedBecause})` : ""} |`,
    ),
    ...coverageLine(outcome),
    ...findings.flatMap((f) => [
      "",
      `### ❌ \`${f.check}\``,
      "",
      f.message,
      "",
      `Replay: \`${f.replay}\``,
      "",
      "Counterexample (shrunk):",
      ...fenced(f.counterexample, "json"),
      ...f.exchanges.flatMap((e, i) => [
        "Request:",
        ...fenced(f.curl[i] ?? "", "sh"),
        "Response:",
        ...fenced(responseSummary(e)),
      ]),
    ]),
    "",
  ].join("\n");
}

/** A Markdown code block whose fence is longer than any run of backticks in `text` (a body may hold one). */
function fenced(text: string, info = ""): string[] {
  const fence = "`".repeat(Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return [`${fence}${info}`, text, fence];
}

/**
 * Writes junit.xml, summary.md and results.json into `dir`. Every text of the outcome passes
 * through the redactor before it is rendered: after XML escaping, the redactor's `<redacted>`
 * would be markup and junit.xml no longer well-formed.
 */
export async function writeReports(dir: string, outcome: Report, redactor: Redactor): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const safe = redactor.value(outcome);
  const files: [string, string][] = [
    ["junit.xml", junitXml(safe)],
    ["summary.md", summaryMarkdown(safe)],
    [
      "results.json",
      `${JSON.stringify({ tool: "restore-jobs verify", ok: findingsOf(safe).length === 0, ...safe }, null, 2)}\n`,
    ],
  ];
  for (const [name, text] of files) await writeFile(join(dir, name), text, "utf8");
  return files.map(([name]) => join(dir, name));
}
