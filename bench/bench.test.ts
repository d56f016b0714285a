/**
 * `npm run bench` runs end to end on its tiny setting and writes a table with all five parts, and
 * the checks that make its figures comparable (the server refuses any other request than the
 * bench's, a run with failed, retried or foreign requests gets no figure) do catch what they are
 * for. No timing is ever asserted here: the figures are for `npm run bench` to report.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoopbackServer, startLoopbackServer } from "./lib/server.js";
import { checkWork, type WorkerOutput } from "./lib/throughput.js";
// @ts-expect-error: a plain .mjs module of the bench, without types
import { json } from "./payload.mjs";

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
    "--quick runs all seven parts and writes the table",
    async () => {
      const out = join(dir, "results.md");
      const ran = await bench(["--quick", "--out", out]);
      expect(ran.code, ran.stderr.slice(-3000)).toBe(0);
      const table = await readFile(out, "utf8");
      expect(ran.stdout).toContain(table.trim().split("\n")[0]);
      for (const part of [
        "1 bundle",
        "2 cold start",
        "3 throughput",
        "4 signing",
        "5 contract job",
        "6 install size",
        "7 diff",
      ]) {
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

describe("the bench's checks of the work", () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const put = (body: string, headers: Record<string, string> = {}) =>
    fetch(new URL("/restore-jobs", server.endpoint), {
      method: "PUT",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
  const stats = async () =>
    (await (await fetch(new URL("/__bench/stats", server.endpoint))).json()) as Record<string, number>;

  it("the loopback server answers the bench's request and refuses any other, counting both", async () => {
    const before = await stats();
    const ok = await put(json as string, { authorization: "AWS4-HMAC-SHA256 Credential=x" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ RestoreJobId: "x" });
    // Another idempotency token of the same length is the same request.
    const token = (json as string).replace(
      /"IdempotencyToken":"[^"]+"/,
      `"IdempotencyToken":"${crypto.randomUUID()}"`,
    );
    expect((await put(token)).status).toBe(200);
    // The same members in another order: the same size, not the same bytes.
    const parsed = JSON.parse(json as string) as Record<string, unknown>;
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(parsed).reverse()));
    expect(reordered.length).toBe((json as string).length);
    expect((await put(reordered)).status).toBe(400);
    expect((await put("{}")).status).toBe(400);
    const after = await stats();
    expect(after.requests! - before.requests!).toBe(4);
    expect(after.wrong! - before.wrong!).toBe(2);
    expect(after.signed! - before.signed!).toBe(1);
  });

  it("a run with failed, uncounted, foreign or unsigned requests, or without keep-alive, gets no figure", () => {
    const server = (over: Record<string, unknown> = {}) => ({
      "1": { requests: 10, wrong: 0, signed: 10, connections: 1, firstWrong: "", busy: 0.1, ...over },
    });
    const run = (over: Partial<WorkerOutput> = {}, seen = server()): WorkerOutput => ({
      rps: { "1": 100 },
      errors: { "1": 0 },
      firstError: { "1": "" },
      clientCpuUs: { "1": 50 },
      sent: { "1": 10 },
      server: seen,
      ...over,
    });
    expect(() => checkWork("ours", run())).not.toThrow();
    expect(() => checkWork("ours", run({ errors: { "1": 3 }, firstError: { "1": "ECONNRESET" } }))).toThrow(
      /3 of 10 requests failed.*ECONNRESET/,
    );
    expect(() => checkWork("ours", run({}, server({ requests: 13, signed: 13 })))).toThrow(/server saw 13/);
    expect(() => checkWork("ours", run({}, server({ wrong: 1, firstWrong: "GET /" })))).toThrow(
      /not the bench's/,
    );
    expect(() => checkWork("sdk", run({}, server({ signed: 0 })))).toThrow(/0 of 10 requests signed/);
    expect(() => checkWork("http", run())).toThrow(/10 of 10 requests signed, expected 0/);
    expect(() => checkWork("ours", run({}, server({ connections: 10 })))).toThrow(/keep-alive/);
    expect(() => checkWork("ours", run({ rps: { "1": 0 } }))).toThrow(/no answer/);
  });
});
