/**
 * The generator of the two large specs `npm run bench` diffs: the same texts every call, at least
 * 5,000 lines each, and every change it plants is found by the diff (no timing here: the figure is
 * the bench's).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { diffSources } from "../../src/diff/run-diff.js";
import { largeSpecs, plannedChanges } from "./large-specs.js";

const dir = mkdtempSync(join(tmpdir(), "restore-jobs-large-specs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the large specs of the bench", () => {
  test("are the same texts on every call, each at least 5,000 lines", () => {
    const first = largeSpecs();
    expect(largeSpecs()).toEqual(first);
    expect(first.old.split("\n").length).toBeGreaterThanOrEqual(5000);
    expect(first.new.split("\n").length).toBeGreaterThanOrEqual(5000);
  });

  test("their diff finds every planted change, and nothing it does not plant", async () => {
    const { old, new: changed } = largeSpecs();
    writeFileSync(join(dir, "old.yaml"), old);
    writeFileSync(join(dir, "new.yaml"), changed);
    const report = await diffSources(join(dir, "old.yaml"), join(dir, "new.yaml"), { compiler: false });
    const ids = new Set(report.changes.map((c) => c.id));
    for (const id of plannedChanges) expect(ids, id).toContain(id);
    // What a planted change also shows elsewhere: a request schema shared by responses (allOf).
    const alsoSeen = ["response.property.added-required", "response.max-length.lowered"];
    expect(
      [...ids].filter((id) => !(plannedChanges as readonly string[]).includes(id) && !alsoSeen.includes(id)),
    ).toEqual([]);
    expect(report.breaking).toBe(true);
  });
});
