/**
 * Every format groups changes by operation (issue 19, item 4): two versions of the project's
 * eight-operation spec, changed in the document and in three operations, diffed in each format.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dump, load } from "js-yaml";
import { afterAll, describe, expect, test } from "vitest";
import { run } from "../../src/commands/diff.js";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const spec = join(root, "packages/restore-jobs/openapi/restore-jobs.yaml");
const dir = mkdtempSync(join(tmpdir(), "diff-groups-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: a document edited by hand
const next = load(readFileSync(spec, "utf8")) as any;
next.info.version = `${next.info.version}-next`; // the document: info
delete next.paths["/audit/restore-job-summaries"].get; // GET /audit/restore-job-summaries: breaking
next.paths["/restore-jobs/{restoreJobId}/validations"].put.deprecated = true; // a warning
next.paths["/restore-jobs/{restoreJobId}"].get.summary = "Reads one restore job, again"; // info
const newFile = join(dir, "restore-jobs.yaml");
writeFileSync(newFile, dump(next));

const order = [
  null,
  "GET /audit/restore-job-summaries",
  "PUT /restore-jobs/{restoreJobId}/validations",
  "GET /restore-jobs/{restoreJobId}",
];

async function diff(format: string): Promise<string> {
  let out = "";
  await run([spec, newFile, "--format", format, "--no-compiler"], {
    cwd: root,
    out: (t) => (out += t),
    err: () => {},
  });
  return out;
}

describe("restore-jobs diff groups changes by operation", () => {
  test("the spec has its eight operations", () => {
    const paths = (load(readFileSync(spec, "utf8")) as { paths: Record<string, object> }).paths;
    expect(
      Object.values(paths).flatMap((item) =>
        Object.keys(item).filter((k) => /^(get|put|post|delete|patch)$/.test(k)),
      ),
    ).toHaveLength(8);
  });

  test("JSON: `changes` as before, and `byOperation` naming each group's changes by index, worst first", async () => {
    const report = JSON.parse(await diff("json"));
    expect(report.changes.map((c: { id: string }) => c.id).sort()).toEqual(
      ["doc.info.version-changed", "doc.summary.changed", "operation.deprecated", "operation.removed"].sort(),
    );
    expect(report.byOperation.map((g: { operation: string | null }) => g.operation)).toEqual(order);
    for (const group of report.byOperation)
      for (const i of group.changes) expect(report.changes[i].operation).toBe(group.operation);
    expect(report.byOperation.flatMap((g: { changes: number[] }) => g.changes).sort()).toEqual([0, 1, 2, 3]);
    expect(report.byOperation[1]).toMatchObject({ breaking: 1, warning: 0, info: 0 });
  });

  test("text, markdown and github: a heading per operation, its changes below it", async () => {
    const headings = {
      text: (op: string) => `== ${op}:`,
      markdown: (op: string) => (op === "the document" ? "### The document" : `### \`${op}\``),
      github: (op: string) => `::group::${op}:`,
    };
    for (const [format, heading] of Object.entries(headings)) {
      const lines = (await diff(format)).split("\n");
      const at = order.map((op) => lines.findIndex((l) => l.startsWith(heading(op ?? "the document"))));
      expect(
        at.every((i) => i >= 0),
        `${format}: ${at}`,
      ).toBe(true);
      expect(
        [...at].sort((a, b) => a - b),
        format,
      ).toEqual(at);
      // Each change's line sits below its operation's heading and above the next one's.
      const removed = lines.findIndex((l) => l.includes("operation.removed") || l.includes("was removed."));
      expect(removed > at[1]! && removed < at[2]!, `${format}: ${removed} in ${at}`).toBe(true);
      const deprecated = lines.findIndex((l) => l.includes("is now deprecated"));
      expect(deprecated > at[2]! && deprecated < at[3]!, `${format}: ${deprecated} in ${at}`).toBe(true);
    }
  });
});
