/**
 * One folder per case under test/diff/fixtures: old.yaml, new.yaml and expected.json (the ids,
 * levels, operations, locations and messages of the changes, and where the compiler disagrees with
 * the rules), compared whole.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { diffSources } from "../../src/diff/run-diff.js";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const cases = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

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
    for (const file of ["old.yaml", "new.yaml", "expected.json"])
      expect(existsSync(join(dir, file)), file).toBe(true);
    const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Expected;
    const report = await diffSources(join(dir, "old.yaml"), join(dir, "new.yaml"));

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
