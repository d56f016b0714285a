/**
 * The `REV:path` form, end to end through `restore-jobs diff` in a child process: a throwaway git
 * repository made here (two commits), so it works in any clone, a fresh CI one included.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const cli = fileURLToPath(new URL("../../src/bin.ts", import.meta.url));

const spec = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /restore-jobs:
    put:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "./schemas.yaml#/Input"}
      responses:
        "200": {description: ok}
`;
const schemas = (required: string) => `Input:
  type: object
  required: [${required}]
  properties:
    RecoveryPointArn: {type: string}
    IamRoleArn: {type: string}
`;

let repo: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "pipe" });

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "restore-jobs-diff-git-"));
  git("init", "--quiet", "--initial-branch=main");
  git("config", "user.email", "test@example.com");
  git("config", "user.name", "test");
  git("config", "commit.gpgsign", "false");
  mkdirSync(join(repo, "openapi"));
  writeFileSync(join(repo, "openapi/spec.yaml"), spec);
  writeFileSync(join(repo, "openapi/schemas.yaml"), schemas("RecoveryPointArn"));
  git("add", ".");
  git("commit", "--quiet", "-m", "v1");
  // v2 changes only the file the spec $refs: the diff must read it from the same revision.
  writeFileSync(join(repo, "openapi/schemas.yaml"), schemas("RecoveryPointArn, IamRoleArn"));
  git("commit", "--quiet", "-am", "v2");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function diffIn(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [tsx, cli, "diff", ...args], { cwd, encoding: "utf8" });
  return { status: result.status, out: result.stdout, err: result.stderr };
}
const diff = (...args: string[]) => diffIn(repo, ...args);

describe("restore-jobs diff REV:path", () => {
  test("reads both sides from git revisions, external $refs from the same revision", () => {
    const { status, out, err } = diff(
      "HEAD~1:openapi/spec.yaml",
      "HEAD:openapi/spec.yaml",
      "--format",
      "json",
      "--no-compiler",
    );
    expect(err).toBe("");
    expect(status).toBe(1);
    expect(JSON.parse(out).changes.map((c: { id: string }) => c.id)).toEqual([
      "request.property.became-required",
    ]);
  });

  test("a revision against the work tree, with the compiler", () => {
    const { status, out } = diff("main~1:openapi/spec.yaml", "openapi/spec.yaml", "--format", "json");
    const report = JSON.parse(out);
    expect(status).toBe(1);
    expect(report.compiler.ran).toBe(true);
    // The compiler sees a required member too: old requests lack it.
    expect(
      report.compiler.checks.find((c: { scope: string }) => c.scope === "request application/json"),
    ).toMatchObject({
      compatible: false,
      agrees: true,
    });
  });

  test("REV:./path from a subdirectory reads the file's external $refs beside it in that revision", () => {
    const { status, out, err } = diffIn(
      join(repo, "openapi"),
      "HEAD~1:./spec.yaml",
      "HEAD:./spec.yaml",
      "--format",
      "json",
      "--no-compiler",
    );
    expect(err).toBe("");
    expect(status).toBe(1);
    expect(JSON.parse(out).changes.map((c: { id: string }) => c.id)).toEqual([
      "request.property.became-required",
    ]);
  });

  test("the same revision twice gives no change, exit 0", () => {
    expect(diff("HEAD:openapi/spec.yaml", "./openapi/spec.yaml", "--no-compiler").status).toBe(0);
  });

  test("a path missing from the revision exits 2 with git's message", () => {
    const { status, err } = diff("HEAD~1:openapi/nope.yaml", "HEAD:openapi/spec.yaml");
    expect(status).toBe(2);
    expect(err).toMatch(
      /cannot read HEAD~1:openapi\/nope\.yaml from git: fatal: path 'openapi\/nope\.yaml' does not exist/,
    );
  });
});
