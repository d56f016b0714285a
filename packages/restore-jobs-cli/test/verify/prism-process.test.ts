import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { bundledSpecPath } from "../../src/openapi-document.js";
import { startPrism } from "../../src/verify/prism-process.js";

let holder: ChildProcess | undefined;
let prismPid: number | undefined;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterEach(() => {
  // Only the processes this test started, by their pids, and only if still there.
  if (holder?.pid !== undefined && isRunning(holder.pid)) holder.kill("SIGKILL");
  if (prismPid !== undefined && isRunning(prismPid)) process.kill(prismPid, "SIGKILL");
  holder = undefined;
  prismPid = undefined;
});

describe("the embedded Prism", () => {
  it("does not outlive the job when the job is killed with SIGKILL (no handler runs)", async () => {
    holder = spawn(
      process.execPath,
      ["--import", "tsx", "packages/restore-jobs-cli/test/verify/support/hold-prism.ts"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const [line] = (await once(holder.stdout!, "data")) as [Buffer];
    prismPid = Number(line.toString().trim());
    expect(isRunning(prismPid)).toBe(true);
    holder.kill("SIGKILL");
    for (let waited = 0; waited < 5000 && isRunning(prismPid); waited += 100) await sleep(100);
    expect(isRunning(prismPid)).toBe(false);
  });

  it("is ready when its port answers, although it logs only what is fatal", async () => {
    const prism = await startPrism(bundledSpecPath);
    try {
      const answer = await fetch(new URL("restore-jobs", prism.url), { method: "PUT", body: "{}" });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      await answer.arrayBuffer();
    } finally {
      await prism.stop();
    }
  });

  it("that cannot load the spec fails to start with Prism's own words", async () => {
    const dir = await mkdtemp(join(tmpdir(), "restore-jobs-prism-"));
    try {
      const spec = join(dir, "broken.yaml");
      const paths = 'paths: {/a: {get: {responses: {"200": {$ref: "#/nowhere"}}}}}';
      await writeFile(spec, `openapi: 3.1.0\ninfo: {title: broken, version: "1"}\n${paths}\n`);
      const started = startPrism(spec, undefined, 20_000);
      await expect(started).rejects.toMatchObject({ code: "PRISM_START_FAILED" });
      await expect(started).rejects.toThrow(/nowhere/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
