/**
 * Both packages as users get them: `npm pack` each (dist/ was built by the global setup, what
 * `prepack` runs), install each into its own empty project, then use them as a user would: the
 * client imported (ESM and `require()`), type-checked and audited for what it installs; the
 * tools' `restore-jobs` command run against its embedded mock and on two documents, also through
 * `npx` from an empty folder; publint and attw on both tarballs.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installedPackages, packBoth } from "../test-support/packing.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
const attw = join(repoRoot, "node_modules/@arethetypeswrong/cli/dist/index.js");
const publicValues = [
  "createRestoreJobsClient",
  "signRequest",
  "findInputProblems",
  "RestoreJobsError",
  "RestoreJobsValidationError",
  "RestoreJobsApiError",
  "RestoreJobsProtocolError",
  "RestoreJobsNetworkError",
  "RestoreJobsTimeoutError",
  "RestoreJobsHttpError",
];
const errorSubclasses = publicValues.slice(4);
/**
 * What `npm install restore-jobs` may put in node_modules: the client, its two runtime
 * dependencies and what openapi-fetch needs. Anything else is tooling leaking into the client.
 */
const clientInstall = ["aws4", "openapi-fetch", "openapi-typescript-helpers", "restore-jobs"];
/** The Prism tree the tools package pins (5.15 and later want Node 24 and hang on Node 20). */
const pinnedPrism = {
  "@stoplight/prism-cli": "5.14.2",
  "@stoplight/prism-core": "5.8.0",
  "@stoplight/prism-http": "5.12.0",
  "@stoplight/prism-http-server": "5.12.2",
};
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

/** An empty ESM project, `npm install`ed with the given tarballs. */
async function projectWith(dir: string, tarballs: string[]): Promise<string> {
  await mkdir(dir);
  await runOk("npm init", "npm", ["init", "-y"], dir);
  const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
  await writeFile(join(dir, "package.json"), JSON.stringify({ ...manifest, type: "module" }, null, 2));
  await runOk(
    `npm install ${tarballs.join(" ")}`,
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", ...tarballs],
    dir,
  );
  return dir;
}

let scratch: string | undefined;
const tarballs = { client: "", tools: "" };
let clientApp = "";
let toolsApp = "";

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "restore-jobs-packages-"));
  const packDir = join(scratch, "pack");
  await mkdir(packDir);
  Object.assign(tarballs, await packBoth(packDir));
  // The tools package depends on restore-jobs, not yet on the registry: both tarballs, as npm would.
  [clientApp, toolsApp] = await Promise.all([
    projectWith(join(scratch, "client-app"), [tarballs.client]),
    projectWith(join(scratch, "tools-app"), [tarballs.tools, tarballs.client]),
  ]);
}, 2 * slow);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function passesPublint(tarball: string): Promise<void> {
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
}

async function passesAttw(tarball: string, extra: string[] = []): Promise<void> {
  const ran = await run(
    process.execPath,
    [attw, tarball, "--profile", "esm-only", ...extra, "--format", "ascii", "--no-emoji", "--no-color"],
    repoRoot,
  );
  expect(ran.code, explain("attw", ran)).toBe(0);
}

describe("the packed client, restore-jobs", () => {
  it("holds only the bundle, the declarations, the spec, the command's pointer, README and package.json", async () => {
    const ran = await runOk("tar", "tar", ["-tzf", tarballs.client], repoRoot);
    const files = ran.stdout.trim().split("\n").sort();
    const strays = files.filter(
      (file) =>
        !/^package\/(dist\/(restore-jobs\.js|(src|generated)\/([\w-]+\/)?[\w-]+\.d\.ts)|bin\/restore-jobs\.js|openapi\/restore-jobs\.yaml|README\.md|package\.json)$/.test(
          file,
        ),
    );
    expect(strays).toEqual([]);
    expect(files).toContain("package/README.md");
  });

  it(
    "installs exactly aws4, openapi-fetch and what openapi-fetch needs: no tooling",
    async () => {
      const manifest = JSON.parse(
        await readFile(join(clientApp, "node_modules/restore-jobs/package.json"), "utf8"),
      );
      expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(["aws4", "openapi-fetch"]);
      expect(manifest.peerDependencies ?? {}).toEqual({});
      expect(manifest.optionalDependencies ?? {}).toEqual({});
      expect([...new Set(await installedPackages(clientApp))]).toEqual(clientInstall);
    },
    slow,
  );

  it(
    "imports with node (ESM) and exports the client and every error class",
    async () => {
      const script = `
        import * as pkg from "restore-jobs";
        const subclasses = ${JSON.stringify(errorSubclasses)}.filter(
          (name) => typeof pkg[name] === "function" && pkg[name].prototype instanceof pkg.RestoreJobsError,
        );
        console.log(JSON.stringify({ names: Object.keys(pkg), subclasses }));`;
      const ran = await runOk(
        "node import",
        process.execPath,
        ["--input-type=module", "-e", script],
        clientApp,
      );
      const { names, subclasses } = JSON.parse(ran.stdout);
      expect(names).toEqual(expect.arrayContaining(publicValues));
      expect(subclasses).toEqual(errorSubclasses);
    },
    slow,
  );

  it(
    "loads with require() from CommonJS (Node 20.19+ loads ES modules synchronously)",
    async () => {
      const script = `
        const pkg = require("restore-jobs");
        const client = pkg.createRestoreJobsClient({
          region: "eu-west-1",
          credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
        });
        console.log(JSON.stringify({ names: Object.keys(pkg), start: typeof client.startRestoreJob }));`;
      const ran = await runOk(
        "node require",
        process.execPath,
        ["--input-type=commonjs", "-e", script],
        clientApp,
      );
      const { names, start } = JSON.parse(ran.stdout);
      expect(names).toEqual(expect.arrayContaining(publicValues));
      expect(start).toBe("function");
    },
    slow,
  );

  it(
    "type-checks a TypeScript file that imports it (nodenext, strict)",
    async () => {
      const source = `import {
  createRestoreJobsClient,
  createRestoreJobsCore,
  StartRestoreJob,
  type StartRestoreJobOutput,
  RestoreJobsApiError,
  RestoreJobsError,
  RestoreJobsNetworkError,
  RestoreJobsProtocolError,
  RestoreJobsTimeoutError,
  RestoreJobsValidationError,
  type StartRestoreJobInput,
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
/** The lean core sends an operation export; its output is typed by the operation. */
export const lean = (i: StartRestoreJobInput): Promise<StartRestoreJobOutput> =>
  createRestoreJobsCore().send(StartRestoreJob, i, { signal: AbortSignal.timeout(1000) });
/** The generated input type ships with the package. */
export const input: StartRestoreJobInput = {
  RecoveryPointArn: "arn:aws:backup:eu-west-1:123456789012:recovery-point:1",
  Metadata: { "file-system-id": "fs-1" },
};
`;
      await writeFile(join(clientApp, "uses-restore-jobs.ts"), source);
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
        clientApp,
      );
      expect(ran.code, explain("tsc", ran)).toBe(0);
    },
    slow,
  );

  it(
    "answers the old `restore-jobs verify` with one line naming the tools package, exit 2",
    async () => {
      const ran = await run("npx", ["--no-install", "restore-jobs", "verify"], clientApp);
      expect(ran.code, explain("npx restore-jobs verify", ran)).toBe(2);
      expect(ran.stdout).toBe("");
      expect(ran.stderr.trim().split("\n")).toHaveLength(1);
      expect(ran.stderr).toContain("npm install --save-dev restore-jobs-cli");
    },
    slow,
  );

  it("passes publint on the tarball, warnings included", () => passesPublint(tarballs.client), slow);

  it(
    "passes attw on the tarball (profile esm-only: the package has no CommonJS entry)",
    // The spec is exported as a file to read, not a module to import: it has no types to find.
    () => passesAttw(tarballs.client, ["--exclude-entrypoints", "./openapi/restore-jobs.yaml"]),
    slow,
  );
});

describe("the packed tools, restore-jobs-cli", () => {
  it("holds only its compiled code, README and package.json: no bench, scripts or tests", async () => {
    const ran = await runOk("tar", "tar", ["-tzf", tarballs.tools], repoRoot);
    const files = ran.stdout.trim().split("\n");
    expect(
      files.filter((file) => !/^package\/(dist\/.+\.(js|d\.ts)|README\.md|package\.json)$/.test(file)),
    ).toEqual([]);
    expect(files.filter((file) => /bench|scripts|generate|\.test\./.test(file))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(["package/dist/bin.js", "package/README.md"]));
  });

  it(
    "installs the pinned Prism tree",
    async () => {
      const installed: Record<string, string> = {};
      for (const name of Object.keys(pinnedPrism)) {
        const manifest = JSON.parse(
          await readFile(join(toolsApp, "node_modules", name, "package.json"), "utf8"),
        );
        installed[name] = manifest.version;
      }
      expect(installed).toEqual(pinnedPrism);
    },
    slow,
  );

  it(
    "runs `npx restore-jobs --help`: exit 0, lists verify and diff",
    async () => {
      const ran = await run("npx", ["--no-install", "restore-jobs", "--help"], toolsApp);
      expect(ran.code, explain("npx restore-jobs --help", ran)).toBe(0);
      expect(ran.stdout, explain("npx restore-jobs --help", ran)).toMatch(/\bverify\b/);
      expect(ran.stdout, explain("npx restore-jobs --help", ran)).toMatch(/\bdiff\b/);
    },
    slow,
  );

  it(
    "runs `restore-jobs verify` against the embedded Prism mock it ships with: exit 0",
    async () => {
      const ran = await run("npx", ["--no-install", "restore-jobs", "verify", "--runs", "5"], toolsApp);
      expect(ran.code, explain("npx restore-jobs verify --runs 5", ran)).toBe(0);
      expect(ran.stdout).toContain("the target keeps the contract");
    },
    slow,
  );

  it(
    "runs `restore-jobs diff` on the installed spec and a changed copy: breaking, exit 1; itself: exit 0",
    async () => {
      const spec = join(toolsApp, "node_modules/restore-jobs/openapi/restore-jobs.yaml");
      const text = await readFile(spec, "utf8");
      expect(text).toContain("        - Neptune\n");
      const changed = join(toolsApp, "narrowed.yaml");
      await writeFile(changed, text.replace("        - Neptune\n", ""));

      const same = await run(
        "npx",
        ["--no-install", "restore-jobs", "diff", spec, spec, "--format", "json"],
        toolsApp,
      );
      expect(same.code, explain("restore-jobs diff spec spec", same)).toBe(0);
      expect(JSON.parse(same.stdout)).toMatchObject({ breaking: false, changes: [] });

      const ran = await run(
        "npx",
        ["--no-install", "restore-jobs", "diff", spec, changed, "--format", "json"],
        toolsApp,
      );
      expect(ran.code, explain("restore-jobs diff spec narrowed", ran)).toBe(1);
      const report = JSON.parse(ran.stdout);
      expect(report.breaking).toBe(true);
      expect(report.changes.map((change: { id: string }) => change.id)).toContain(
        "request.enum.value-removed",
      );
    },
    slow,
  );

  it(
    "the client's `restore-jobs` command hands over to the tools when both are installed",
    async () => {
      // Both packages name their command `restore-jobs`; npm links one. Either must run the tools.
      const pointer = join(toolsApp, "node_modules/restore-jobs/bin/restore-jobs.js");
      const ran = await run(process.execPath, [pointer, "diff", "--help"], toolsApp);
      expect(ran.code, explain("restore-jobs diff --help through the client's command", ran)).toBe(0);
      expect(ran.stdout).toContain("--fail-on");
    },
    slow,
  );

  it(
    "runs as `npx restore-jobs-cli verify` from an empty folder, nothing installed there",
    async () => {
      const empty = join(scratch!, "empty");
      await mkdir(empty);
      const cache = (await runOk("npm config", "npm", ["config", "get", "cache"], empty)).stdout.trim();
      const npxCache = join(cache, "_npx");
      const before = new Set(await readdir(npxCache).catch(() => [] as string[]));
      try {
        // The registry would serve restore-jobs-cli and restore-jobs; here the tarballs stand in.
        const ran = await run(
          "npx",
          [
            "--yes",
            "--prefer-offline",
            `--package=${tarballs.tools}`,
            `--package=${tarballs.client}`,
            "--",
            "restore-jobs-cli",
            "verify",
            "--runs",
            "3",
          ],
          empty,
        );
        expect(ran.code, explain("npx restore-jobs-cli verify", ran)).toBe(0);
        expect(ran.stdout).toContain("the target keeps the contract");
        expect(await readdir(empty)).toEqual([]);
      } finally {
        // npx keeps what it installed under the npm cache; these tarballs will not be asked for again.
        for (const entry of await readdir(npxCache).catch(() => [] as string[])) {
          if (!before.has(entry)) await rm(join(npxCache, entry), { recursive: true, force: true });
        }
      }
    },
    slow,
  );

  it("passes publint on the tarball, warnings included", () => passesPublint(tarballs.tools), slow);

  it("passes attw on the tarball (profile esm-only)", () => passesAttw(tarballs.tools), slow);
});
