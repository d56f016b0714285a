/**
 * `--format github`: one GitHub Actions workflow command per change, at the line of the new document
 * (YAML or JSON) where the change sits; a location the text does not hold (behind a `$ref`) at the
 * line of the nearest place above it that it holds.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { afterAll, describe, expect, test } from "vitest";
import { run } from "../../src/commands/diff.js";
import { fixturePaths, fixtureText } from "./fixture-documents.js";

const dir = mkdtempSync(join(tmpdir(), "restore-jobs-github-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function github(oldFile: string, newFile: string) {
  let out = "";
  const status = await run([oldFile, newFile, "--no-compiler", "--format", "github"], {
    cwd: dir,
    out: (t) => (out += t),
    err: () => {},
  });
  return { status, lines: out.trimEnd().split("\n") };
}

/** The 1-based line of the first line of `text` that matches `pattern`. */
const lineOf = (text: string, pattern: RegExp) => text.split("\n").findIndex((l) => pattern.test(l)) + 1;

describe("restore-jobs diff --format github", () => {
  const name = "response-header-removed-beside-body-change";
  const oldFile = fixturePaths(name, dir).old;
  const yaml = fixtureText(name, "new");

  test.each([
    ["YAML", "new.yaml", yaml],
    ["JSON", "new.json", JSON.stringify(load(yaml), null, 2)],
  ])("annotates each change at its line of the new document (%s)", async (_kind, file, text) => {
    writeFileSync(join(dir, file), text);
    const { status, lines } = await github(oldFile, join(dir, file));
    expect(status).toBe(1);
    const at = (id: string) => lines.find((l) => l.includes(`title=${id}%3A `) || l.includes(`title=${id} `));
    expect(at("response.header.became-optional")).toMatch(
      new RegExp(`^::error file=${file},line=${lineOf(text, /"?Location"?:/)},title=`),
    );
    // A header removed sits where it was: the new document's nearest place is its `headers`.
    expect(at("response.header.removed")).toContain(`line=${lineOf(text, /"?headers"?:/)},`);
    expect(at("response.property.became-optional")).toContain(`line=${lineOf(text, /^\s+"?id"?:( \{)?$/)},`);
    // Titled by the registry: the id and what its catalogue entry says it means.
    expect(at("response.header.became-optional")).toContain(
      "title=response.header.became-optional%3A a response header that was required may no longer arrive (PUT /restore-jobs)::",
    );
    expect(lines.at(-1)).toBe("4 changes: 4 breaking, 0 warnings, 0 info.");
  });

  test("a change behind a $ref is annotated at the $ref; messages are escaped as workflow commands need", async () => {
    const shared = "request-max-length-lowered";
    const text = fixtureText(shared, "new");
    const documents = fixturePaths(shared, dir);
    const { lines } = await github(documents.old, documents.new);
    // `/paths/.../schema/properties/IdempotencyToken` is behind the body's `$ref`: the line of that `schema`.
    const schemaLine =
      text.split("\n").findIndex((l, i, all) => /^\s+schema:$/.test(l) && /\$ref/.test(all[i + 1]!)) + 1;
    expect(lines.find((l) => l.startsWith("::error"))).toMatch(
      new RegExp(
        `^::error file=.*new\\.yaml,line=${schemaLine},title=request\\.max-length\\.lowered \\(PUT /restore-jobs\\)::`,
      ),
    );
    expect(lines.find((l) => l.startsWith("::error"))).not.toMatch(/::.*\n/);
  });
});
