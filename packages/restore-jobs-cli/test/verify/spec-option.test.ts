import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { bundledSpecPath } from "../../src/openapi-document.js";
import { type ContractServer, startContractServer } from "./support/contract-server.js";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";
import { type JobRun, runJob, testCredentials, testRegion } from "./support/run-job.js";

const git = promisify(execFile);

type Doc = {
  paths: Record<string, Record<string, unknown>>;
  security?: unknown;
  components: {
    schemas: Record<string, { enum?: string[]; required?: string[]; properties?: Record<string, unknown> }>;
    securitySchemes?: unknown;
  };
};

/** The bundled spec, changed by `change`, as YAML text. */
async function changedSpec(change: (doc: Doc) => void): Promise<string> {
  const doc = parse(await readFile(bundledSpecPath, "utf8")) as Doc;
  change(doc);
  return stringify(doc);
}

/** A new ResourceType, as a team adds one. */
const newEnumValue = (doc: Doc) => {
  doc.components.schemas.ResourceType?.enum?.push("Lightsail");
};
/** A new required member of the request. */
const newRequiredMember = (doc: Doc) => {
  const input = doc.components.schemas.StartRestoreJobInput;
  if (!input?.properties || !input.required) throw new Error("the spec changed shape");
  input.properties.RequestedBy = { type: "string", pattern: "^[a-z]{3,12}$", examples: ["ops"] };
  input.required.push("RequestedBy");
};

let dir: string;
const files: Record<string, string> = {};
let server: ContractServer | undefined;
let recording: RecordingServer | undefined;
const jobs: JobRun[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "verify-spec-option-"));
  const write = async (name: string, text: string) => {
    files[name] = join(dir, name);
    await writeFile(files[name], text);
  };
  await write("new-enum.yaml", await changedSpec(newEnumValue));
  await write("new-member.yaml", await changedSpec(newRequiredMember));
  await write(
    "changed.yaml",
    await changedSpec((doc) => {
      newEnumValue(doc);
      newRequiredMember(doc);
    }),
  );
  await write(
    "no-operation.yaml",
    await changedSpec((doc) => {
      doc.paths["/restore-jobs"] = { get: doc.paths["/restore-jobs"]?.put };
    }),
  );
  await write(
    "no-sigv4.yaml",
    await changedSpec((doc) => {
      delete doc.security;
      const put = doc.paths["/restore-jobs"]?.put as { security?: unknown };
      delete put.security;
    }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await server?.close();
  await recording?.close();
  server = undefined;
  recording = undefined;
  for (const job of jobs.splice(0)) await job.cleanup();
});

async function job(argv: string[], cwd?: string): Promise<JobRun> {
  const run = await runJob(argv, undefined, cwd);
  jobs.push(run);
  return run;
}

const spec = (name: string) => files[name] ?? "";

describe("--spec FILE|REV:path: the checks, the cases and the embedded mock come from that document", () => {
  it("the embedded mock of a changed spec (a new enum value, a new required member) keeps it", async () => {
    const before = (await readdir(tmpdir())).filter((d) => d.startsWith("restore-jobs-verify-spec-"));
    const run = await job(["--spec", spec("changed.yaml"), "--runs", "15", "--seed", "5"]);
    expect(run.failedChecks, run.stderr).toEqual([]);
    expect(run.exitCode).toBe(0);
    // The mock was started on a copy, removed once the job ended.
    const after = (await readdir(tmpdir())).filter((d) => d.startsWith("restore-jobs-verify-spec-"));
    expect(after.filter((d) => !before.includes(d))).toEqual([]);
  });

  it.each([
    ["new-enum.yaml", "a new enum value", ["positive_data_accepted"]],
    ["new-member.yaml", "a new required member", ["positive_data_accepted", "negative_data_rejected"]],
  ])("catches a target that keeps only the old contract (%s: %s)", async (name, _what, caughtBy) => {
    server = await startContractServer(testCredentials, testRegion);
    const run = await job(["--target", server.url.href, "--spec", spec(name), "--runs", "20", "--seed", "5"]);
    expect(run.exitCode).toBe(1);
    for (const check of caughtBy) expect(run.failedChecks, run.stderr).toContain(check);
    // The replay line repeats the document.
    expect(run.stderr).toContain(`--spec ${spec(name)}`);
  });

  it("reads REV:path with git, and the reports name the document and its sha256", async () => {
    const repo = join(dir, "repo");
    await git("git", ["init", "-q", repo]);
    const text = await readFile(spec("new-enum.yaml"), "utf8");
    await writeFile(join(repo, "openapi.yaml"), text);
    const env = {
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    };
    await git("git", ["add", "openapi.yaml"], { cwd: repo });
    await git("git", ["commit", "-q", "-m", "new enum"], { cwd: repo, env: { ...process.env, ...env } });
    // The working copy goes back to the old contract: only the commit has the new value.
    await writeFile(join(repo, "openapi.yaml"), await readFile(bundledSpecPath, "utf8"));
    server = await startContractServer(testCredentials, testRegion);
    const run = await job(
      ["--target", server.url.href, "--spec", "HEAD:openapi.yaml", "--runs", "10", "--seed", "5"],
      repo,
    );
    expect(run.failedChecks, run.stderr).toContain("positive_data_accepted");
    const sha256 = createHash("sha256").update(text).digest("hex");
    const results = JSON.parse(await readFile(join(run.reportDir, "results.json"), "utf8")) as {
      spec?: { source: string; sha256: string };
    };
    expect(results.spec).toEqual({ source: "HEAD:openapi.yaml", sha256 });
    const summary = await readFile(join(run.reportDir, "summary.md"), "utf8");
    expect(summary).toContain(`Spec \`HEAD:openapi.yaml\`, sha256 \`${sha256}\``);
    expect(run.stdout).toContain(`spec: HEAD:openapi.yaml, sha256 ${sha256}`);
  });

  it("names the bundled spec and its sha256 without --spec", async () => {
    server = await startContractServer(testCredentials, testRegion);
    const run = await job([
      "--target",
      server.url.href,
      "--runs",
      "1",
      "--seed",
      "5",
      "--checks",
      "auth_enforced",
    ]);
    const sha256 = createHash("sha256")
      .update(await readFile(bundledSpecPath, "utf8"))
      .digest("hex");
    expect(run.stdout).toContain(`spec: restore-jobs/openapi/restore-jobs.yaml (bundled), sha256 ${sha256}`);
  });

  it.each([
    [
      "no-operation.yaml",
      /SPEC_INCOMPLETE: --spec .*no-operation\.yaml: has no PUT \/restore-jobs operation/,
    ],
    [
      "no-sigv4.yaml",
      /SPEC_INCOMPLETE: --spec .*no-sigv4\.yaml: PUT \/restore-jobs is not secured by a SigV4 scheme/,
    ],
  ])("%s: exit 2 naming what is missing, no request sent", async (name, message) => {
    recording = await startRecordingServer();
    const run = await job(["--target", recording.url.href, "--spec", spec(name)]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(recording.connections).toBe(0);
  });
});
