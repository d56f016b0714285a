/**
 * Documents that are hard to read: `$ref` cycles, `$dynamicRef`, schemas nested 1,000 deep. Each
 * gets a verdict or exit 2 with one line naming where, never a crash, a stack trace or a hang: run
 * through `restore-jobs diff` in a child process, so a crash of the process itself would show.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";

const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const cli = fileURLToPath(new URL("../../src/bin.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "restore-jobs-diff-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A document whose one operation sends and receives `schema`, with `schemas` as its components. */
function write(name: string, schema: unknown, schemas: Record<string, unknown> = {}): string {
  const media = { "application/json": { schema } };
  const doc = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/a": {
        post: {
          requestBody: { content: media },
          responses: { "200": { description: "ok", content: media } },
        },
      },
    },
    components: { schemas },
  };
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

function diff(...args: string[]) {
  const result = spawnSync(process.execPath, [tsx, cli, "diff", ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

/** Exit 2 and one line on stderr, which must match. */
function expectRefused(run: ReturnType<typeof diff>, line: RegExp) {
  expect(run.status, run.err).toBe(2);
  expect(run.out).toBe("");
  expect(run.err.trim().split("\n")).toHaveLength(1);
  expect(run.err).toMatch(line);
}

const ids = (run: ReturnType<typeof diff>) =>
  (JSON.parse(run.out) as { changes: { id: string; location: string }[] }).changes.map(
    (c) => `${c.id} ${c.location}`,
  );

/** `{type: object, properties: {a: ...}}` or `{type: array, items: ...}`, `depth` times around a leaf. */
function nest(depth: number, keyword: "properties" | "items", leaf: unknown): unknown {
  let schema = leaf;
  for (let i = 0; i < depth; i++)
    schema =
      keyword === "items" ? { type: "array", items: schema } : { type: "object", properties: { a: schema } };
  return schema;
}

describe("restore-jobs diff on hard documents", () => {
  test("a $ref cycle that never reaches a schema: exit 2 naming the cycle", () => {
    const cycle = { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } };
    const file = write("cycle.json", { $ref: "#/components/schemas/A" }, cycle);
    expectRefused(
      diff(file, file, "--no-compiler"),
      /a \$ref cycle that never reaches a schema: #\/components\/schemas\/[AB] → #\/components\/schemas\/[AB] → #\/components\/schemas\/[AB]/,
    );
  });

  test("a recursive schema (a cycle through allOf and properties) gets a verdict", () => {
    const tree = (extra: Record<string, unknown>) => ({
      Node: {
        type: "object",
        allOf: [{ $ref: "#/components/schemas/Node" }],
        properties: { next: { $ref: "#/components/schemas/Node" }, ...extra },
      },
    });
    const old = write("tree-old.json", { $ref: "#/components/schemas/Node" }, tree({}));
    const now = write(
      "tree-new.json",
      { $ref: "#/components/schemas/Node" },
      tree({ name: { type: "string" } }),
    );
    const run = diff(old, now, "--no-compiler", "--format", "json");
    expect(run.status, run.err).toBe(0);
    expect(ids(run)).toContain(
      "request.property.added-optional /paths/~1a/post/requestBody/content/application~1json/schema/properties/name",
    );
  });

  test("$dynamicRef to the one $dynamicAnchor of its name is followed: a verdict", () => {
    const tree = (required: string[]) => ({
      Tree: {
        $dynamicAnchor: "node",
        type: "object",
        required,
        properties: {
          name: { type: "string" },
          children: { type: "array", items: { $dynamicRef: "#node" } },
        },
      },
    });
    const old = write("dynamic-old.json", { $ref: "#/components/schemas/Tree" }, tree([]));
    const now = write("dynamic-new.json", { $ref: "#/components/schemas/Tree" }, tree(["name"]));
    const run = diff(old, now, "--no-compiler", "--format", "json");
    expect(run.status, run.err).toBe(1);
    // Followed, so nothing is left unjudged: no `schema.dynamic-ref-unjudged`.
    expect(ids(run)).toEqual([
      "request.property.became-required /paths/~1a/post/requestBody/content/application~1json/schema/properties/name",
      "response.property.became-required /paths/~1a/post/responses/200/content/application~1json/schema/properties/name",
    ]);
  });

  test("$dynamicRef whose anchor is not unique is named as not judged, with its location", () => {
    const schemas = (extra: Record<string, unknown>) => ({
      Tree: {
        $dynamicAnchor: "node",
        type: "object",
        properties: { children: { type: "array", items: { $dynamicRef: "#node" } }, ...extra },
      },
      Leaf: { $dynamicAnchor: "node", type: "string" },
    });
    const old = write("ambiguous-old.json", { $ref: "#/components/schemas/Tree" }, schemas({}));
    const now = write(
      "ambiguous-new.json",
      { $ref: "#/components/schemas/Tree" },
      schemas({ size: { type: "integer" } }),
    );
    const run = diff(old, now, "--no-compiler", "--format", "json", "--fail-on", "warning");
    expect(run.status, run.err).toBe(1);
    expect(ids(run).filter((id) => id.startsWith("schema.dynamic-ref-unjudged"))).toEqual([
      "schema.dynamic-ref-unjudged /paths/~1a/post/responses/200/content/application~1json/schema/properties/children/items",
    ]);
  });

  test("items nested 1,000 deep get a verdict, the compiler check included", () => {
    const old = write("items-old.json", nest(1000, "items", { type: "string" }));
    const now = write("items-new.json", nest(1000, "items", { type: "integer" }));
    const run = diff(old, now, "--format", "json");
    expect(run.status, run.err).toBe(1);
    expect(ids(run)[0]).toMatch(
      /^request\.property\.type-changed \/paths\/~1a\/post\/requestBody\/content\/application~1json\/schema(\/items){1000}$/,
    );
  });

  test("properties nested 1,000 deep (2,000 levels): exit 2 naming where", () => {
    const file = write("properties.json", nest(1000, "properties", { type: "string" }));
    expectRefused(
      diff(file, file, "--no-compiler"),
      /nested more than 1500 levels deep \(\$refs followed\) at \/paths\/~1a\/post\/requestBody\/content\/application~1json\/schema\/properties\/a\/.*…/,
    );
  });

  test("1,000 schemas each a $ref to the next: exit 2 naming where", () => {
    const schemas: Record<string, unknown> = Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [
        `S${i}`,
        { type: "object", properties: { next: { $ref: `#/components/schemas/S${i + 1}` } } },
      ]),
    );
    schemas.S1000 = { type: "string" };
    const file = write("chain.json", { $ref: "#/components/schemas/S0" }, schemas);
    expectRefused(
      diff(file, file, "--no-compiler"),
      /nested more than 1500 levels deep \(\$refs followed\) at \/paths\/~1a\/post\/.*\$ref/,
    );
  });

  test("YAML: items nested 1,000 deep get a verdict; 2,000 levels is exit 2 naming the line", () => {
    const yaml = (depth: number, leaf: string) =>
      `openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: ${"{type: array, items: ".repeat(depth)}{type: ${leaf}}${"}".repeat(depth)}\n      responses: {"200": {description: ok}}\n`;
    const [old, now, deep] = ["old.yaml", "new.yaml", "deep.yaml"].map((name) => join(dir, name)) as [
      string,
      string,
      string,
    ];
    writeFileSync(old, yaml(1000, "string"));
    writeFileSync(now, yaml(1000, "integer"));
    writeFileSync(deep, yaml(2000, "string"));
    const run = diff(old, now, "--no-compiler", "--format", "json");
    expect(run.status, run.err).toBe(1);
    expect(ids(run)[0]).toMatch(/^request\.property\.type-changed .*(\/items){1000}$/);
    expectRefused(
      diff(deep, deep, "--no-compiler"),
      /deep\.yaml: nested more than 1500 levels deep at line 9, column \d+; too deep to diff/,
    );
  });
});
