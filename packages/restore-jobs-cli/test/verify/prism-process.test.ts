import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";

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
});
