/** The `restore-jobs diff` command: formats, exit statuses, `--fail-on`, errors, `--help`. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { run } from "../../src/commands/diff.js";
import { fixturePaths } from "./fixture-documents.js";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const spec = join(root, "packages/restore-jobs/openapi/restore-jobs.yaml");
const rebuilt = mkdtempSync(join(tmpdir(), "restore-jobs-fixtures-"));
afterAll(() => rmSync(rebuilt, { recursive: true, force: true }));
const fixture = (name: string, side: "old" | "new") => fixturePaths(name, rebuilt)[side];

/** Runs the command in-process, collecting what it writes. */
async function diff(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const status = await run(argv, { cwd: root, out: (t) => (out += t), err: (t) => (err += t) });
  return { status, out, err };
}

describe("restore-jobs diff", () => {
  test("the project's spec diffed against itself gives no change, and the compiler agrees", async () => {
    const { status, out } = await diff(spec, spec, "--format", "json");
    const report = JSON.parse(out);
    expect(status).toBe(0);
    expect(report.breaking).toBe(false);
    expect(report.changes).toEqual([]);
    expect(report.compiler.ran).toBe(true);
    expect(report.compiler.checks.length).toBeGreaterThan(0);
    expect(report.compiler.disagreements).toBe(0);
  });

  test("prints text for a terminal", async () => {
    const { status, out } = await diff(
      fixture("request-property-became-required", "old"),
      fixture("request-property-became-required", "new"),
      "--no-compiler",
    );
    expect(status).toBe(1);
    expect(out).toContain("BREAKING  request.property.became-required  (PUT /restore-jobs)");
    expect(out).toContain("Request member `IamRoleArn` became required.");
    expect(out).toContain("1 change: 1 breaking, 0 warnings, 0 info.");
  });

  test("prints a markdown changelog with the compiler's table and its disagreements", async () => {
    const { out } = await diff(
      fixture("request-pattern-added", "old"),
      fixture("request-pattern-added", "new"),
      "--format",
      "markdown",
    );
    expect(out).toMatch(/^## API diff: `.*old\.yaml` → `.*new\.yaml`/);
    expect(out).toContain("**⚠️ This change breaks clients.**");
    expect(out).toContain("### Breaking changes");
    expect(out).toContain("`request.pattern.added`");
    expect(out).toContain("### Compiler check");
    expect(out).toMatch(
      /\| PUT \/restore-jobs \| request application\/json \| compatible \| breaking \| \*\*disagree\*\*/,
    );
  });

  test("prints JSON with the documented shape", async () => {
    const { out } = await diff(
      fixture("response-envelope-renamed", "old"),
      fixture("response-envelope-renamed", "new"),
      "--format",
      "json",
    );
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(["breaking", "changes", "byOperation", "compiler"]);
    expect(report.changes[0]).toEqual({
      id: "response.envelope.renamed",
      level: "breaking",
      operation: "PUT /restore-jobs",
      location: "/paths/~1restore-jobs/put/responses/200/content/application~1json/schema/properties/result",
      message: "Response member `data` was renamed to `result` (the success envelope).",
    });
  });

  test.each([
    ["request-property-added-required", [], 1],
    ["request-property-added-required", ["--fail-on", "never"], 0],
    ["request-property-removed", [], 0],
    ["request-property-removed", ["--fail-on", "warning"], 1],
    ["request-property-added-optional", ["--fail-on", "warning"], 0],
    ["doc-info-version", ["--fail-on", "breaking"], 0],
  ] as const)("%s %j exits %i", async (name, flags, expected) => {
    const { status } = await diff(fixture(name, "old"), fixture(name, "new"), "--no-compiler", ...flags);
    expect(status).toBe(expected);
  });

  describe("exits 2 with a clear message when it cannot run", () => {
    const dir = mkdtempSync(join(tmpdir(), "restore-jobs-diff-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    test.each([
      ["a missing file", join(dir, "nope.yaml"), /cannot read .*nope\.yaml: ENOENT/],
      ["text that is not YAML", write("broken.yaml", "openapi: 3.1.0\npaths: {\n"), /not valid YAML or JSON/],
      [
        "a document that is not OpenAPI",
        write("other.yaml", "swagger: '2.0'\npaths: {}\n"),
        /not an OpenAPI 3\.0\/3\.1 document/,
      ],
      [
        "a $ref that does not resolve",
        write(
          "dangling.yaml",
          "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/Nope'}\n",
        ),
        /cannot resolve \$refs/,
      ],
      [
        "a revision that does not exist",
        "no-such-rev:openapi/restore-jobs.yaml",
        /cannot read no-such-rev:openapi\/restore-jobs\.yaml from git/,
      ],
    ])("%s", async (_what, bad, message) => {
      const { status, out, err } = await diff(spec, bad, "--no-compiler");
      expect(status).toBe(2);
      expect(out).toBe("");
      expect(err).toMatch(message);
    });

    test.each([
      [["only-one.yaml"], /expected two documents/],
      [[spec, spec, "--format", "html"], /--format must be text, markdown, json or github/],
      [[spec, spec, "--format", "toString"], /--format must be text, markdown, json or github/],
      [[spec, spec, "--fail-on", "info"], /--fail-on must be breaking, warning or never/],
      [[spec, spec, "--frobnicate"], /Unknown option '--frobnicate'/],
    ])("bad arguments %j", async (argv, message) => {
      const { status, err } = await diff(...argv);
      expect(status).toBe(2);
      expect(err).toMatch(message);
    });
  });

  test("--help lists the flags and the exit statuses", async () => {
    const { status, out } = await diff("--help");
    expect(status).toBe(0);
    for (const text of [
      "--format text|markdown|json",
      "--fail-on breaking|warning|never",
      "--no-compiler",
      "REV:path",
    ]) {
      expect(out).toContain(text);
    }
    expect(out).toMatch(/0 {2}no change at or above --fail-on/);
    expect(out).toMatch(/1 {2}a change at or above --fail-on was found/);
    expect(out).toMatch(/2 {2}it could not run/);
  });
});
