/**
 * A component shared along many paths is compared once and its change reported once, at the
 * component, with the operations that reach it: a fan-out of 4, 12 levels deep (16 million paths
 * to the leaf), and a DAG 3 wide, 12 deep. Compared path by path, neither ends within the test's
 * timeout; no time is asserted here (the bench times a shared document).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { diffSources } from "../../src/diff/run-diff.js";
import { type SharedShape, sharedSpecs } from "./shared-specs.js";

const dir = mkdtempSync(join(tmpdir(), "restore-jobs-shared-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function diffShape(shape: SharedShape) {
  const specs = sharedSpecs(shape);
  const name = `${shape.fanOut}-${shape.depth}-${shape.width}`;
  writeFileSync(join(dir, `old-${name}.yaml`), specs.old);
  writeFileSync(join(dir, `new-${name}.yaml`), specs.new);
  return diffSources(join(dir, `old-${name}.yaml`), join(dir, `new-${name}.yaml`), { compiler: false });
}

const body = (method: string) => `/paths/~1things/${method}/requestBody/content/application~1json/schema`;
const answer = "/paths/~1things/get/responses/200/content/application~1json/schema";

describe("a schema shared along many paths", () => {
  test.each([
    { fanOut: 4, depth: 12, width: 1 },
    { fanOut: 3, depth: 12, width: 3 },
  ])("is judged once per direction, its change reported once at its component (%o)", async (shape) => {
    const report = await diffShape(shape);
    // Where the operations first reach a shared schema: Level1 is shared in the tree (four members
    // refer to it), Level2x* in the DAG (every Level1 refers to each).
    const via = (base: string) =>
      shape.width === 1
        ? [0, 1, 2, 3].map((m) => `${base}/properties/m${m}`)
        : [0, 1, 2].flatMap((a) => [0, 1, 2].map((b) => `${base}/properties/m${a}/properties/m${b}`));
    expect(report.changes).toEqual([
      {
        id: "request.max-length.lowered",
        level: "breaking",
        operation: "POST /things",
        operations: ["POST /things", "PUT /things"],
        location: "/components/schemas/Leaf/properties/code",
        message: "maxLength of request member `Leaf.code` went from 10 to 5.",
        via: [...via(body("post")), ...via(body("put"))],
      },
      {
        id: "response.max-length.lowered",
        level: "info",
        operation: "GET /things",
        operations: ["GET /things"],
        location: "/components/schemas/Leaf/properties/code",
        message: "maxLength of response member `Leaf.code` went from 10 to 5.",
        via: via(answer),
      },
    ]);
    expect(report.breaking).toBe(true);
  });
});
