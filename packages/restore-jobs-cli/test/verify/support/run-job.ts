import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../../src/commands/verify.js";

export const testCredentials = {
  accessKeyId: "AKIDCONTRACTTEST0001",
  secretAccessKey: "contract-test-secret-key-0123456789abcdef",
  sessionToken: "contract-test-session-token-FwoGZXIvYXdzEJr",
};
export const testRegion = "eu-west-3";

export interface JobRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  reportDir: string;
  /** The checks that failed, from results.json. */
  failedChecks: string[];
  results: {
    results: {
      check: string;
      result: string;
      cases: number;
      finding?: { seed: number; path: string; counterexample: string };
    }[];
  };
  cleanup(): Promise<void>;
}

/**
 * Runs `restore-jobs verify` in this process with test credentials and a report directory;
 * `cwd` is where `--spec` is read from.
 */
export async function runJob(
  argv: string[],
  env: NodeJS.ProcessEnv = credentialEnv(),
  cwd?: string,
): Promise<JobRun> {
  const reportDir = await mkdtemp(join(tmpdir(), "verify-report-"));
  const out: string[] = [];
  const err: string[] = [];
  const exitCode = await run([...argv, "--report", reportDir], {
    env,
    ...(cwd && { cwd }),
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  });
  const text = await readFile(join(reportDir, "results.json"), "utf8").catch(() => '{"results":[]}');
  const results = JSON.parse(text) as JobRun["results"];
  return {
    exitCode,
    stdout: out.join("\n"),
    stderr: err.join("\n"),
    reportDir,
    failedChecks: results.results.filter((r) => r.result === "fail").map((r) => r.check),
    results,
    cleanup: () => rm(reportDir, { recursive: true, force: true }),
  };
}

export function credentialEnv(): NodeJS.ProcessEnv {
  return {
    AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
    AWS_SESSION_TOKEN: testCredentials.sessionToken,
    AWS_REGION: testRegion,
  };
}
