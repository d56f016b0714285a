/**
 * The package as users get it: `npm pack` (its prepack builds dist/), install the tarball in a
 * scratch project, then import it with node, type-check a TypeScript file against it, run its
 * bin, and lint the tarball with publint and attw.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
const attw = join(repoRoot, "node_modules/@arethetypeswrong/cli/dist/index.js");
const publicValues = [
  "createRestoreJobsClient",
  "RestoreJobsError",
  "RestoreJobsValidationError",
  "RestoreJobsApiError",
  "RestoreJobsProtocolError",
  "RestoreJobsNetworkError",
  "RestoreJobsTimeoutError",
];
const errorSubclasses = publicValues.slice(2);
/** npm pack with its build, and npm install, can take minutes on a cold 2-core machine. */
const slow = 300_000;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (killed after `slow`), never throwing on a non-zero exit. */
function run(command: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd,
        timeout: slow,
        killSignal: "SIGKILL",
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: "1" },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr: error && !stderr ? String(error.message) : stderr });
      },
    );
  });
}

function explain(step: string, ran: Ran): string {
  return `${step}: exit status ${ran.code}\n--- stdout\n${ran.stdout.slice(-4000)}\n--- stderr\n${ran.stderr.slice(-4000)}`;
}

async function runOk(step: string, command: string, args: string[], cwd: string): Promise<Ran> {
  const ran = await run(command, args, cwd);
  if (ran.code !== 0) throw new Error(explain(step, ran));
  return ran;
}

let scratch: string | undefined;
let tarball = "";
let app = "";

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "restore-jobs-package-"));
  const packDir = join(scratch, "pack");
  app = join(scratch, "app");
  await mkdir(packDir);
  await mkdir(app);
  // dist/ was built once by test/global-setup.ts (what `prepack` runs); packing without scripts
  // keeps this test from rewriting dist/ while the bench test's programs import it.
  await runOk("npm pack", "npm", ["pack", "--ignore-scripts", "--pack-destination", packDir], repoRoot);
  const packed = (await readdir(packDir)).filter((name) => name.endsWith(".tgz"));
  if (packed.length !== 1) throw new Error(`npm pack made ${packed.length} tarballs in ${packDir}`);
  tarball = join(packDir, packed[0]!);

  await runOk("npm init", "npm", ["init", "-y"], app);
  const manifest = JSON.parse(await readFile(join(app, "package.json"), "utf8"));
  await writeFile(join(app, "package.json"), JSON.stringify({ ...manifest, type: "module" }, null, 2));
  await runOk(
    "npm install <tarball>",
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball],
    app,
  );
}, 2 * slow);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("the packed restore-jobs package", () => {
  it(
    "imports with node and exports the client and every error class",
    async () => {
      const script = `
        import * as pkg from "restore-jobs";
        const subclasses = ${JSON.stringify(errorSubclasses)}.filter(
          (name) => typeof pkg[name] === "function" && pkg[name].prototype instanceof pkg.RestoreJobsError,
        );
        console.log(JSON.stringify({ names: Object.keys(pkg), subclasses }));`;
      const ran = await runOk("node import", process.execPath, ["--input-type=module", "-e", script], app);
      const { names, subclasses } = JSON.parse(ran.stdout);
      expect(names).toEqual(expect.arrayContaining(publicValues));
      expect(subclasses).toEqual(errorSubclasses);
    },
    slow,
  );

  it(
    "type-checks a TypeScript file that imports it (nodenext, strict)",
    async () => {
      const source = `import {
  createRestoreJobsClient,
  RestoreJobsApiError,
  RestoreJobsError,
  RestoreJobsNetworkError,
  RestoreJobsProtocolError,
  RestoreJobsTimeoutError,
  RestoreJobsValidationError,
} from "restore-jobs";

export const create: (...args: never[]) => unknown = createRestoreJobsClient;
const kinds = [
  RestoreJobsValidationError,
  RestoreJobsApiError,
  RestoreJobsProtocolError,
  RestoreJobsNetworkError,
  RestoreJobsTimeoutError,
];
/** Each kind's instances are RestoreJobsErrors: a subclass in the published types too. */
export const instances: RestoreJobsError[] = kinds.map((kind) => Object.create(kind.prototype));
export function isRestoreJobsError(error: unknown): error is RestoreJobsError {
  return error instanceof RestoreJobsError;
}
`;
      await writeFile(join(app, "uses-restore-jobs.ts"), source);
      const ran = await run(
        process.execPath,
        [
          tsc,
          "--noEmit",
          "--module",
          "nodenext",
          "--moduleResolution",
          "nodenext",
          "--strict",
          "uses-restore-jobs.ts",
        ],
        app,
      );
      expect(ran.code, explain("tsc", ran)).toBe(0);
    },
    slow,
  );

  it(
    "runs `npx restore-jobs --help`: exit 0, lists verify and diff",
    async () => {
      const ran = await run("npx", ["--no-install", "restore-jobs", "--help"], app);
      expect(ran.code, explain("npx restore-jobs --help", ran)).toBe(0);
      expect(ran.stdout, explain("npx restore-jobs --help", ran)).toMatch(/\bverify\b/);
      expect(ran.stdout, explain("npx restore-jobs --help", ran)).toMatch(/\bdiff\b/);
    },
    slow,
  );

  it(
    "runs `restore-jobs verify` against the embedded Prism mock it ships with: exit 0",
    async () => {
      const ran = await run("npx", ["--no-install", "restore-jobs", "verify", "--runs", "5"], app);
      expect(ran.code, explain("npx restore-jobs verify --runs 5", ran)).toBe(0);
      expect(ran.stdout).toContain("the target keeps the contract");
    },
    slow,
  );

  it(
    "runs `restore-jobs diff` on the spec it ships with: no change, exit 0",
    async () => {
      const spec = join(app, "node_modules/restore-jobs/openapi/restore-jobs.yaml");
      const ran = await run(
        "npx",
        ["--no-install", "restore-jobs", "diff", spec, spec, "--format", "json"],
        app,
      );
      expect(ran.code, explain("npx restore-jobs diff", ran)).toBe(0);
      expect(JSON.parse(ran.stdout)).toMatchObject({ breaking: false, changes: [] });
    },
    slow,
  );

  it(
    "passes publint on the tarball, warnings included",
    async () => {
      const bytes = await readFile(tarball);
      const tarballBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const { messages, pkg } = await publint({
        pack: { tarball: tarballBuffer },
        level: "warning",
        strict: true,
      });
      expect(
        messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false })}`),
      ).toEqual([]);
    },
    slow,
  );

  it(
    "passes attw on the tarball (profile esm-only: the package has no CommonJS entry)",
    async () => {
      // The spec is exported as a file to read, not a module to import: it has no types to find.
      const ran = await run(
        process.execPath,
        [
          attw,
          tarball,
          "--profile",
          "esm-only",
          "--exclude-entrypoints",
          "./openapi/restore-jobs.yaml",
        ].concat(["--format", "ascii", "--no-emoji", "--no-color"]),
        app,
      );
      expect(ran.code, explain("attw", ran)).toBe(0);
    },
    slow,
  );
});
