/**
 * `npm run bench` runs end to end on its tiny setting and writes a table with all five parts.
 * No timing is ever asserted here: the figures are for `npm run bench` to report, not for tests.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const tsx = join(repoRoot, "node_modules/.bin/tsx");
/** The quick setting takes ~25 s on an idle 2-core machine; much longer when tests share it. */
const slow = 240_000;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function bench(args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      ["scripts/bench.ts", ...args],
      { cwd: repoRoot, timeout: slow, maxBuffer: 16 * 2 ** 20 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe("npm run bench", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "restore-jobs-bench-test-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("--help prints the usage and exits 0; a bad flag exits 2", async () => {
    const help = await bench(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--quick");
    const bad = await bench(["--only", "nonsense"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown part");
  });

  it(
    "--quick runs all five parts and writes the table",
    async () => {
      const out = join(dir, "results.md");
      const ran = await bench(["--quick", "--out", out]);
      expect(ran.code, ran.stderr.slice(-3000)).toBe(0);
      const table = await readFile(out, "utf8");
      expect(ran.stdout).toContain(table.trim().split("\n")[0]);
      for (const part of ["1 bundle", "2 cold start", "3 throughput", "4 signing", "5 contract job"]) {
        expect(table).toMatch(new RegExp(`^\\| ${part}`, "m"));
      }
      for (const floor of ["AWS SDK", "raw fetch (floor)", "raw node:http (floor)", "@smithy/signature-v4"]) {
        expect(table).toContain(floor);
      }
      expect(table).toMatch(/Node v\d+.*cores/);
      expect(table).toContain("Reproduce: `npm run bench");
      expect(table).not.toContain("bench-dummy-secret");
    },
    slow,
  );
});
