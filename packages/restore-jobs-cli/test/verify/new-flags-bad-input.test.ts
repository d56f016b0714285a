import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";
import { runJob } from "./support/run-job.js";

let server: RecordingServer;
let dir: string;
beforeAll(async () => {
  server = await startRecordingServer();
  dir = await mkdtemp(join(tmpdir(), "verify-bad-spec-"));
  await writeFile(join(dir, "broken.yaml"), "openapi: 3.1.0\npaths: [unclosed\n");
  await writeFile(join(dir, "swagger.yaml"), "swagger: '2.0'\npaths: {}\n");
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("bad input for --spec, --header, --rate-limit and --max-response-bytes", () => {
  const secret = "s3cr3t-VALUE-9876";
  const cases: [string[], RegExp][] = [
    [["--spec", "no/such/spec.yaml"], /SPEC_UNREADABLE: --spec: cannot read .*no\/such\/spec\.yaml/],
    [
      ["--spec", "HEAD:no/such/spec.yaml"],
      /SPEC_UNREADABLE: --spec: cannot read HEAD:no\/such\/spec\.yaml from git/,
    ],
    [["--spec", "BROKEN"], /SPEC_UNREADABLE: --spec: .*broken\.yaml: not valid YAML or JSON/],
    [["--spec", "SWAGGER"], /SPEC_UNREADABLE: --spec: .*swagger\.yaml: not an OpenAPI 3\.0\/3\.1 document/],
    [["--spec", ""], /--spec needs a file or REV:path/],
    [["--header", `x-api-key=${secret}`], /the 1st --header has no colon: give it as "Name: value"/],
    [
      ["-H", "x-tenant: a", "-H", `bad name: ${secret}`],
      /the 2nd --header has a name that is not an HTTP token/,
    ],
    [["-H", `: ${secret}`], /the 1st --header has a name that is not an HTTP token/],
    [["-H", `x-api-key: a\r\nx: ${secret}`], /the 1st --header \(x-api-key\) has a value with a line break/],
    [
      ["-H", `Authorization: ${secret}`],
      /the 1st --header \(Authorization\) names a header SigV4 signing sets/,
    ],
    [["-H", `x-amz-date: ${secret}`], /\(x-amz-date\) names a header SigV4 signing sets/],
    [["-H", `X-Amz-Security-Token: ${secret}`], /\(X-Amz-Security-Token\) names a header SigV4 signing sets/],
    [["-H", `x-amz-content-sha256: ${secret}`], /\(x-amz-content-sha256\) names a header SigV4 signing sets/],
    [["-H", `host: ${secret}`], /\(host\) names a header SigV4 signing sets/],
    [["-H", `content-type: ${secret}`], /\(content-type\) names a header the job sets/],
    [["-H", "x-a: 1", "-H", `X-A: ${secret}`], /the 2nd --header \(X-A\) repeats a header already given/],
    [
      ["--rate-limit", "10"],
      /--rate-limit must be a positive number of requests per second or minute \(N\/s, N\/m\), got "10"/,
    ],
    [["--rate-limit", "0/s"], /--rate-limit must be a positive number/],
    [["--rate-limit=-5/m"], /--rate-limit must be a positive number/],
    [["--rate-limit", "5/h"], /--rate-limit must be a positive number/],
    [["--rate-limit", "fast"], /--rate-limit must be a positive number/],
    [
      ["--max-response-bytes", "1023"],
      /--max-response-bytes must be from 1024 \(1 KiB\) to 1073741824 \(1 GiB\) bytes, got "1023"/,
    ],
    [["--max-response-bytes", "2GiB"], /--max-response-bytes must be from 1024/],
    [["--max-response-bytes", "lots"], /--max-response-bytes must be from 1024/],
    [["--max-response-bytes", "1.5MiB"], /--max-response-bytes must be from 1024/],
  ];
  it.each(cases)("%j: exit 2, one line naming the flag, no request sent", async (argv, message) => {
    const args = argv.map((a) =>
      a === "BROKEN" ? join(dir, "broken.yaml") : a === "SWAGGER" ? join(dir, "swagger.yaml") : a,
    );
    const job = await runJob(["--target", server.url.href, ...args]);
    try {
      expect(job.exitCode).toBe(2);
      const lines = job.stderr
        .split("\n")
        .filter((l) => l.startsWith("restore-jobs verify: ") && !/seed \d+/.test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(job.stderr).not.toContain(secret);
      expect(job.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(server.connections).toBe(0);
      expect(server.requests).toHaveLength(0);
    } finally {
      await job.cleanup();
    }
  });

  it("--help names the new flags", async () => {
    const { helpText } = await import("../../src/commands/verify-options.js");
    for (const flag of [
      "--spec FILE|REV:path",
      "-H, --header",
      "--rate-limit N/s|N/m",
      "--max-response-bytes N",
    ])
      expect(helpText).toContain(flag);
  });

  it("accepts the good forms", async () => {
    const { parseOptions } = await import("../../src/commands/verify-options.js");
    const parsed = parseOptions([
      "-H",
      "X-Tenant:  blue ",
      "--header",
      "x-trace: a:b",
      "--rate-limit",
      "90/m",
      "--max-response-bytes",
      "64KiB",
    ]);
    expect(parsed.help).toBe(false);
    if (parsed.help) return;
    expect(parsed.verify.headers).toEqual({ "x-tenant": "blue", "x-trace": "a:b" });
    expect(parsed.verify.rateLimit).toEqual({ label: "90/m", intervalMs: 60_000 / 90 });
    expect(parsed.verify.maxResponseBytes).toBe(65536);
    const defaults = parseOptions([]);
    expect(!defaults.help && defaults.verify.maxResponseBytes).toBe(1024 * 1024);
  });
});
