import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { fc, test } from "@fast-check/vitest";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../src/verify/prism-process.js";
import { shardRange } from "../../src/verify/shard.js";
import { type ContractServer, startContractServer } from "./support/contract-server.js";
import { credentialEnv, type JobRun, runJob, testCredentials, testRegion } from "./support/run-job.js";

const execFileAsync = promisify(execFile);

let server: ContractServer | undefined;
const jobs: JobRun[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const job of jobs.splice(0)) await job.cleanup();
});

async function job(argv: string[], env?: NodeJS.ProcessEnv): Promise<JobRun> {
  const result = await runJob(argv, env);
  jobs.push(result);
  return result;
}

describe("restore-jobs verify, the command", () => {
  it("--help states the options and the exit statuses, and exits 0 (as a real process)", async () => {
    const { stdout } = await execFileAsync(process.execPath, [
      "--import",
      "tsx",
      "packages/restore-jobs-cli/src/bin.ts",
      "verify",
      "--help",
    ]);
    for (const flag of ["--target", "--runs", "--seed", "--report", "--checks", "--proxy", "--shard"])
      expect(stdout).toContain(flag);
    expect(stdout).toMatch(/0 the target keeps the contract; 1 it breaks it/);
    expect(stdout).toMatch(/2\s+the job could not run/);
  });

  it.each([
    [["--runs", "zero"], /--runs must be a positive integer/],
    [["--checks", "nope"], /unknown check\(s\) nope/],
    [["--target", "ftp://x"], /--target must be an http\(s\) URL/],
    [["--target", "http://user:hunter2@127.0.0.1:1"], /--target must not carry credentials/],
    [
      ["--proxy", "http://user:hunter2@[bad"],
      /--proxy must be an http\(s\) URL, got "http:\/\/<redacted>@\[bad"/,
    ],
    [["--shard", "3/2"], /--shard must be i\/n/],
    [["--workers", "0"], /--workers must be a whole number from 1 to 64, got "0"/],
    [["--workers", "65"], /--workers must be a whole number from 1 to 64, got "65"/],
    [["--workers", "two"], /--workers must be a whole number from 1 to 64/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["--path", "1:2"], /needs its --seed/],
    [["--path", "1:2", "--seed", "3"], /--path replays a finding of one check: name it with --checks/],
    [
      ["--path", "1:2", "--seed", "3", "--checks", "idempotency,auth_enforced"],
      /--path replays a finding of one check/,
    ],
  ])("exits 2 on bad arguments %j", async (argv, message) => {
    const { exitCode, stderr } = await job(argv);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain("hunter2");
  });

  it("exits 2 when the target is unreachable, and says so", async () => {
    const port = await freePort(); // free, so nothing answers there
    const { exitCode, stderr } = await job(["--target", `http://127.0.0.1:${port}`]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/TARGET_UNREACHABLE: cannot reach http:\/\/127\.0\.0\.1:\d+\//);
  });

  it("exits 2 without credentials against a target of its own", async () => {
    server = await startContractServer(testCredentials, testRegion);
    const { exitCode, stderr } = await job(["--target", server.url.href], {});
    expect(exitCode).toBe(2);
    expect(stderr).toContain("NO_CREDENTIALS");
  });

  it("writes junit.xml, summary.md and results.json, none holding the secret key, token or a signature", async () => {
    server = await startContractServer(testCredentials, testRegion, "ignores_signature");
    const run = await job(["--target", server.url.href, "--runs", "40", "--seed", "7"]);
    expect(run.exitCode).toBe(1);
    expect((await readdir(run.reportDir)).sort()).toEqual(["junit.xml", "results.json", "summary.md"]);
    const texts = await Promise.all(
      ["junit.xml", "summary.md", "results.json"].map((f) => readFile(join(run.reportDir, f), "utf8")),
    );
    for (const text of [...texts, run.stdout, run.stderr]) {
      expect(text).not.toContain(testCredentials.secretAccessKey);
      expect(text).not.toContain(testCredentials.sessionToken);
      expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
    }
    const [junit, summary] = texts;
    expect(junit).toMatch(/<testcase classname="restore-jobs.verify" name="auth_enforced"[^>]*>\s*<failure/);
    expect(summary).toContain("### ❌ `auth_enforced`");
    expect(summary).toContain("curl -i -X PUT");
    expect(summary).toContain("Signature=<redacted>");
  });

  it("redacts a target's echo of the token and signature, keeping junit.xml well-formed and no prefix of the token", async () => {
    server = await startContractServer(testCredentials, testRegion, "echoes_request_headers");
    const token = "TOKENMARKER-FwoGZXIvYXdzEJr-0123456789abcdef";
    const run = await job(["--target", server.url.href, "--runs", "5", "--seed", "7"], {
      ...credentialEnv(),
      AWS_SESSION_TOKEN: token,
    });
    expect(run.exitCode).toBe(1);
    const [junit, summary, results] = await Promise.all(
      ["junit.xml", "summary.md", "results.json"].map((f) => readFile(join(run.reportDir, f), "utf8")),
    );
    expect(summary).toContain("<redacted>"); // the echo reached the report, redacted
    for (const text of [junit, summary, results, run.stdout, run.stderr]) {
      expect(text).not.toContain(token.slice(0, 5));
      expect(text).not.toMatch(/Signature=[0-9a-f]/);
    }
    // Every `<` of junit.xml opens markup of its own: none comes from a redacted text.
    expect(
      junit?.match(/<[^?/a-z]|<(?!\?xml|\/?(testsuites?|testcase|properties|property|failure|skipped)\b)/g),
    ).toBeNull();
  });

  it("replays a finding from its --seed and --path", async () => {
    server = await startContractServer(testCredentials, testRegion, "accepts_missing_metadata");
    const first = await job([
      "--target",
      server.url.href,
      "--runs",
      "100",
      "--seed",
      "11",
      "--checks",
      "negative_data_rejected",
    ]);
    const finding = first.results.results[0]?.finding;
    expect(finding).toBeDefined();
    const replay = await job([
      "--target",
      server.url.href,
      "--seed",
      "11",
      "--path",
      finding?.path ?? "",
      "--checks",
      "negative_data_rejected",
    ]);
    expect(replay.exitCode).toBe(1);
    expect(replay.results.results[0]?.finding?.counterexample).toBe(finding?.counterexample);
    expect(finding?.counterexample).toContain('"missing_required"');
  });

  it("--shard i/n splits the runs into slices that cover the unsharded run once, as vitest does", async () => {
    expect([1, 2, 3].map((index) => shardRange(10, { index, count: 3 }))).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    server = await startContractServer(testCredentials, testRegion);
    const argv = [
      "--target",
      server.url.href,
      "--runs",
      "30",
      "--seed",
      "5",
      "--checks",
      "positive_data_accepted",
    ];
    await job(argv);
    const unsharded = server.received.splice(0).sort();
    const slices = await Promise.all(["1/3", "2/3", "3/3"].map((shard) => job([...argv, "--shard", shard])));
    expect(slices.map((s) => s.exitCode)).toEqual([0, 0, 0]);
    // The fixed cases every run sends first (the coverage examples) and the 30 random ones, in
    // three slices as shardRange cuts them.
    const fixed =
      (slices[0]?.results.results[0] as { deterministic?: number } | undefined)?.deterministic ?? 0;
    expect(fixed).toBeGreaterThan(0);
    const expected = [1, 2, 3].map((i) => {
      const [start, end] = shardRange(30 + fixed, { index: i, count: 3 });
      return end - start;
    });
    expect(slices.map((s) => s.results.results[0]?.cases)).toEqual(expected);
    // The same cases, each sent once: not just as many.
    expect(server.received.sort()).toEqual(unsharded);
    expect(new Set(unsharded).size).toBeGreaterThan(20);
  });

  it("a finding in one shard is the finding of the unsharded run", async () => {
    server = await startContractServer(testCredentials, testRegion, "rejects_valid_resource_type");
    const argv = [
      "--target",
      server.url.href,
      "--runs",
      "40",
      "--seed",
      "3",
      "--checks",
      "positive_data_accepted",
    ];
    const whole = await job(argv);
    const shards = await Promise.all(["1/2", "2/2"].map((s) => job([...argv, "--shard", s])));
    const found = shards.map((s) => s.results.results[0]?.finding).find(Boolean);
    expect(whole.exitCode).toBe(1);
    expect(found?.counterexample).toBe(whole.results.results[0]?.finding?.counterexample);
  });

  // Concurrency changes how fast, not what: the same cases, the same finding, the same replay.
  test.prop([fc.integer({ min: 1, max: 2 ** 31 - 1 })], { numRuns: 3 })(
    "--workers 4 sends the same set of cases as --workers 1 for the same seed",
    async (seed) => {
      server = await startContractServer(testCredentials, testRegion);
      const argv = ["--target", server.url.href, "--runs", "15", "--seed", String(seed)];
      const requestsOf = (run: Awaited<ReturnType<typeof job>>) =>
        run.results.results.reduce((sum, r) => sum + ((r as { requests?: number }).requests ?? 0), 0);
      const one = await job([...argv, "--workers", "1"]);
      const sequential = server.received.splice(0).sort();
      const four = await job([...argv, "--workers", "4"]);
      const concurrent = server.received.splice(0).sort();
      await server.close();
      server = undefined;
      expect(concurrent).toEqual(sequential);
      // results.json counts every request the server received, whatever the workers.
      expect(requestsOf(one)).toBe(sequential.length);
      expect(requestsOf(four)).toBe(concurrent.length);
    },
  );

  it("a case judged by its one answer is sent once: the four checks that judge the answer cost the target what one of them costs", async () => {
    server = await startContractServer(testCredentials, testRegion);
    const argv = ["--target", server.url.href, "--runs", "30", "--seed", "5", "--workers", "4"];
    const alone = await job([...argv, "--checks", "status_code_conformance"]);
    const aloneSent = server.received.splice(0).length;
    const answerChecks = [
      "status_code_conformance",
      "content_type_conformance",
      "response_schema_conformance",
      "not_a_server_error",
    ];
    const four = await job([...argv, "--checks", answerChecks.join(",")]);
    const fourSent = server.received.splice(0).length;
    expect([alone.exitCode, four.exitCode]).toEqual([0, 0]);
    expect(fourSent).toBe(aloneSent);
    // Each check still judges every case: its covering examples and its 30 random ones.
    const judged = alone.results.results[0]?.cases ?? 0;
    expect(judged).toBeGreaterThan(30);
    expect(four.results.results.map((r) => [r.check, r.cases])).toEqual(answerChecks.map((c) => [c, judged]));
    // The closing table and summary.md say so: cases judged, requests sent.
    expect(four.stdout).toMatch(/^check\s+cases\s+requests\s+result$/m);
    expect(four.stdout).toMatch(new RegExp(`^content_type_conformance\\s+${judged}\\s+0\\s+pass$`, "m"));
    const summary = await readFile(join(four.reportDir, "summary.md"), "utf8");
    expect(summary).toContain(`| \`status_code_conformance\` | ${judged} | ${aloneSent} | ✅ pass |`);
  });

  it("a finding with --workers 4 is the finding with --workers 1: check, seed, path, counterexample", async () => {
    server = await startContractServer(testCredentials, testRegion, "rejects_valid_resource_type");
    const argv = [
      "--target",
      server.url.href,
      "--runs",
      "40",
      "--seed",
      "3",
      "--checks",
      "positive_data_accepted",
    ];
    const [one, four] = [await job([...argv, "--workers", "1"]), await job([...argv, "--workers", "4"])];
    const finding = (run: JobRun) => {
      const result = run.results.results[0];
      const { seed, path, counterexample } = result?.finding ?? {};
      return { check: result?.check, seed, path, counterexample };
    };
    expect(one.exitCode).toBe(1);
    expect(four.exitCode).toBe(1);
    expect(finding(four)).toEqual(finding(one));
    expect(finding(one).path).toMatch(/^\d+(:\d+)*$/);
  });
});
