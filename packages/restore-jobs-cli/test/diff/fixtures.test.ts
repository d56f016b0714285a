/**
 * One folder per case under test/diff/fixtures: its old and new documents (whole, or patches of a
 * shared base in fixtures/_bases: fixtures/README.md) and expected.json (the ids, levels,
 * operations, locations and messages of the changes, and where the compiler disagrees with the
 * rules), compared whole.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { diffSources } from "../../src/diff/run-diff.js";
import { fixtureCases, fixturePaths, fixturesDir as fixtures } from "./fixture-documents.js";

const cases = fixtureCases();
const rebuilt = mkdtempSync(join(tmpdir(), "restore-jobs-fixtures-"));
afterAll(() => rmSync(rebuilt, { recursive: true, force: true }));

interface Expected {
  breaking: boolean;
  changes: { id: string; level: string; operation: string | null; location: string; message: string }[];
  compiler?: { disagreements: string[] };
}

describe("restore-jobs diff on each fixture folder", () => {
  test("there is a fixture folder per rule of docs/diff.md", () => {
    expect(cases.length).toBeGreaterThanOrEqual(88);
  });

  test.each(cases)("%s", async (name) => {
    const dir = join(fixtures, name);
    expect(existsSync(join(dir, "expected.json")), "expected.json").toBe(true);
    const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Expected;
    const documents = fixturePaths(name, rebuilt);
    const report = await diffSources(documents.old, documents.new);

    expect(report.changes).toEqual(expected.changes);
    expect(report.breaking).toBe(expected.breaking);

    expect(report.compiler?.ran, report.compiler && !report.compiler.ran ? report.compiler.reason : "").toBe(
      true,
    );
    expect(expected.compiler, "expected.json has compiler.disagreements").toBeDefined();
    if (report.compiler?.ran && expected.compiler) {
      const disagreements = report.compiler.checks
        .filter((c) => !c.agrees)
        .map((c) => `${c.operation} ${c.scope}`);
      expect(disagreements).toEqual(expected.compiler.disagreements);
    }
  });
});

describe("the catalogue of change ids in docs/diff.md", () => {
  const docs = readFileSync(fileURLToPath(new URL("../../../../docs/diff.md", import.meta.url)), "utf8");
  const catalogue = new Map(
    [...docs.matchAll(/^\|\s*`([a-z0-9.-]+)`\s*\|\s*([a-z /]+?)\s*\|/gm)].map((m) => [m[1]!, m[2]!]),
  );

  test("lists every id a fixture produces, with its level", () => {
    for (const name of cases) {
      const expected = JSON.parse(readFileSync(join(fixtures, name, "expected.json"), "utf8")) as Expected;
      for (const change of expected.changes) {
        expect(catalogue.has(change.id), `${change.id} (fixture ${name}) is not in docs/diff.md`).toBe(true);
        expect(catalogue.get(change.id), change.id).toContain(change.level);
      }
    }
  });
});
