import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { type HostileServer, type Hostility, startHostileServer } from "./support/hostile-server.js";
import { type JobRun, runJob } from "./support/run-job.js";

/**
 * What may sit between the job and a server beyond what the job read: the kernel's socket
 * buffers on both sides of a loopback connection (the most Linux lets them grow to), and the
 * chunks node:http has taken in before the job drops the connection.
 */
function transitSlack(): number {
  const most = (file: string, fallback: number) => {
    try {
      return Number(readFileSync(file, "utf8").trim().split(/\s+/)[2]) || fallback;
    } catch {
      return fallback;
    }
  };
  return (
    most("/proc/sys/net/ipv4/tcp_rmem", 8 << 20) + most("/proc/sys/net/ipv4/tcp_wmem", 8 << 20) + (1 << 20)
  );
}

const bound = 64 * 1024;

let server: HostileServer | undefined;
let job: JobRun | undefined;
afterEach(async () => {
  await server?.close();
  await job?.cleanup();
  server = undefined;
  job = undefined;
});

async function against(hostility: Hostility, extra: string[]): Promise<JobRun> {
  server = await startHostileServer(hostility);
  const argv = [
    "--target",
    server.url.href,
    "--seed",
    "1",
    "--runs",
    "1",
    "--max-response-bytes",
    String(bound),
  ];
  job = await runJob([...argv, ...extra]);
  return job;
}

describe("hostile targets: a finding, never a hang, a crash or an answer read whole", () => {
  // Each answer names the one check that says what is wrong with it; the job goes on and ends.
  const cases: [Hostility, string[], string[], RegExp][] = [
    [
      "endless_body",
      ["--timeout", "2000"],
      ["not_a_server_error"],
      /a valid request got status 200 with a body longer than --max-response-bytes 65536/,
    ],
    [
      "declares_huge_body",
      ["--timeout", "2000", "--checks", "not_a_server_error,positive_data_accepted"],
      ["not_a_server_error"],
      /status 200 with a body of 2147483648 bytes \(Content-Length\), over --max-response-bytes 65536/,
    ],
    [
      "dripped_body",
      ["--timeout", "1500", "--checks", "not_a_server_error"],
      ["not_a_server_error"],
      /no answer within 1500 ms/,
    ],
    [
      "many_headers",
      ["--checks", "not_a_server_error,positive_data_accepted"],
      ["not_a_server_error"],
      /a valid request got an answer with a header section larger than 16 KiB, more than HTTP clients accept/,
    ],
    [
      "too_many_header_fields",
      ["--checks", "not_a_server_error,positive_data_accepted"],
      ["not_a_server_error"],
      /a valid request got status 200 with 1\d\d header fields, more than the 100 HTTP clients accept/,
    ],
    [
      "invalid_utf8",
      ["--checks", "response_schema_conformance,positive_data_accepted"],
      ["response_schema_conformance"],
      /the 200 response body is not JSON: it is not valid UTF-8/,
    ],
    [
      "redirect",
      ["--checks", "positive_data_accepted,status_code_conformance"],
      ["positive_data_accepted", "status_code_conformance"],
      /status 302 is not declared/,
    ],
    [
      "reset_mid_body",
      ["--checks", "not_a_server_error,positive_data_accepted"],
      ["not_a_server_error"],
      /a valid request got no response \(the answer was cut off after \d+ bytes/,
    ],
  ];
  it.each(cases)(
    "%s: exits 1 with the finding, reading at most the bound",
    async (hostility, extra, failed, message) => {
      const run = await against(hostility, extra);
      expect(run.failedChecks, run.stderr).toEqual(failed);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(message);
      // The probe asks at the contract's own path, as the cases do.
      expect(server?.requests.get("GET /restore-jobs"), "the probe asked too").toBe(1);
      expect(Math.max(...(server?.bytesPerAnswer ?? []))).toBeLessThanOrEqual(bound + transitSlack());
    },
  );

  it("an answer over the bound is recorded with its status and first bytes", async () => {
    const run = await against("endless_body", ["--checks", "not_a_server_error"]);
    expect(run.stderr).toMatch(
      /200 application\/json, read no further: a body longer than --max-response-bytes/,
    );
    expect(run.stderr).toContain('first bytes: {"success":true,"padding":"   ');
  });

  it("never follows a redirect, the probe's included", async () => {
    await against("redirect", ["--checks", "positive_data_accepted"]);
    expect([...(server?.requests.keys() ?? [])].filter((key) => key.endsWith(" /elsewhere"))).toEqual([]);
    expect(server?.requests.get("PUT /restore-jobs")).toBeGreaterThan(0);
  });
});
