/**
 * `--ignore FILE`: accepted changes are reported as accepted and not counted for `--fail-on`; an
 * entry that matches nothing is a warning; a malformed file is exit 2 naming the entry, nothing judged.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { run } from "../../src/commands/diff.js";
import { fixturePaths } from "./fixture-documents.js";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "restore-jobs-ignore-"));
const fixture = (name: string, side: "old" | "new") => fixturePaths(name, dir)[side];
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command in-process on a fixture with an --ignore file of `text`. */
async function diffIgnoring(name: string, file: string, text: string, ...argv: string[]) {
  const path = join(dir, file);
  writeFileSync(path, text);
  let out = "";
  let err = "";
  const status = await run(
    [fixture(name, "old"), fixture(name, "new"), "--no-compiler", "--ignore", path, ...argv],
    { cwd: root, out: (t) => (out += t), err: (t) => (err += t) },
  );
  return { status, out, err };
}

const location =
  "/paths/~1restore-jobs/put/requestBody/content/application~1json/schema/properties/IdempotencyToken";

describe("restore-jobs diff --ignore", () => {
  test("an accepted break is reported as accepted, not counted: exit 0, breaking false", async () => {
    const yaml = `- id: request.max-length.lowered\n  operation: PUT /restore-jobs\n  location: ${location}\n  reason: tokens are UUIDs (ADR-12)\n`;
    const { status, out } = await diffIgnoring(
      "request-max-length-lowered",
      "accept.yaml",
      yaml,
      "--format",
      "json",
    );
    const report = JSON.parse(out);
    expect(status).toBe(0);
    expect(report.breaking).toBe(false);
    expect(report.changes).toEqual([
      expect.objectContaining({
        id: "request.max-length.lowered",
        level: "breaking",
        accepted: "tokens are UUIDs (ADR-12)",
      }),
    ]);
  });

  test("an entry without a location accepts the id at every location of that operation (JSON file, text output)", async () => {
    const json = JSON.stringify([
      { id: "request.max-length.lowered", operation: "PUT /restore-jobs", reason: "agreed" },
    ]);
    const { status, out } = await diffIgnoring("request-max-length-lowered", "accept.json", json);
    expect(status).toBe(0);
    expect(out).toContain("(accepted: agreed)");
    expect(out).toContain("0 changes: 0 breaking, 0 warnings, 0 info; 1 accepted (--ignore).");
  });

  test("an entry that matches nothing is a warning, so the file does not rot", async () => {
    const yaml =
      "- id: request.max-length.lowered\n  operation: PUT /restore-jobs\n  reason: r\n- id: request.property.removed\n  operation: GET /elsewhere\n  reason: stale\n";
    const { status, out } = await diffIgnoring(
      "request-max-length-lowered",
      "stale.yaml",
      yaml,
      "--format",
      "json",
      "--fail-on",
      "warning",
    );
    expect(status).toBe(1);
    const unmatched = JSON.parse(out).changes.filter(
      (c: { id: string }) => c.id === "ignore.entry-unmatched",
    );
    expect(unmatched).toEqual([
      expect.objectContaining({
        level: "warning",
        operation: "GET /elsewhere",
        message: expect.stringContaining("Entry 2 of"),
      }),
    ]);
  });

  test.each([
    ["a list", "id: x\n", "not a list of entries"],
    [
      "a reason",
      "- id: request.max-length.lowered\n  operation: PUT /restore-jobs\n  reason: ok\n- id: x\n  operation: PUT /restore-jobs\n",
      "entry 2 has no `reason`",
    ],
    ["an id", "- operation: PUT /restore-jobs\n  reason: ok\n", "entry 1 has no `id`"],
    [
      "an id the registry knows",
      "- id: request.max-length.lowered\n  operation: PUT /restore-jobs\n  reason: ok\n- id: request.maxLength.lowered\n  operation: PUT /restore-jobs\n  reason: ok\n",
      "entry 2: `request.maxLength.lowered` is not a change id restore-jobs diff reports",
    ],
    [
      "only known keys",
      "- id: request.max-length.lowered\n  operation: PUT /a\n  reason: r\n  locaton: /x\n",
      "entry 1 has unknown keys: locaton",
    ],
  ])("a file without %s is exit 2 naming the place, nothing judged", async (_what, text, said) => {
    const { status, out, err } = await diffIgnoring("request-max-length-lowered", "bad.yaml", text);
    expect(status).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(said);
  });
});
