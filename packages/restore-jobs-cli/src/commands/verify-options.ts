/**
 * `restore-jobs verify`'s flags, parsed once into the one options object the engine takes. The
 * help text is in verify-help.ts, the replay line in verify-replay-line.ts.
 */
import { parseArgs } from "node:util";
import {
  defaultMaxResponseBytes,
  leastMaxResponseBytes,
  mostMaxResponseBytes,
  parseByteSize,
} from "../verify/bounded-answer.js";
import { VerifyCannotRun } from "../verify/errors.js";
import { parseExtraHeaders } from "../verify/extra-headers.js";
import { parseRateLimit } from "../verify/rate-limiter.js";
import { redacted } from "../verify/redaction.js";
import { parseShard } from "../verify/shard.js";
import { type CheckName, checkNames } from "../verify/types.js";
import type { VerifyOptions } from "../verify/verify-job.js";
import { defaultRuns, defaultTimeoutMs } from "./verify-help.js";

/** What the engine is given by the process rather than by a flag. */
type FromProcess = "env" | "cwd" | "onProgress" | "onInfo";

/** The command line, parsed: the help, or the job to run and where to write its reports. */
export type CommandOptions =
  | { help: true }
  | { help: false; report: string | undefined; verify: Omit<VerifyOptions, FromProcess> };

export { helpText } from "./verify-help.js";

function bad(message: string): never {
  throw new VerifyCannotRun("BAD_ARGUMENTS", message);
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) bad(`--${name} must be a positive integer, got "${text}"`);
  return Number(text);
}

/** `--workers`: 1 to 64; undefined when not given (the job picks by target). */
function workersOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 64)
    bad(`--workers must be a whole number from 1 to 64, got "${text}"`);
  return Number(text);
}

/** The argument as it may be shown: a `user:password@` part is masked, never printed. */
const shown = (text: string) => text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${redacted}@`);

function httpUrl(name: string, text: string | undefined): URL | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    bad(`--${name} must be an http(s) URL, got "${shown(text)}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    bad(`--${name} must be an http(s) URL, got "${shown(text)}"`);
  // A URL's credentials would ride into the replay command and the reports; requests are signed
  // with SigV4 from the AWS_* variables instead.
  if (url.username || url.password) bad(`--${name} must not carry credentials (user:password@)`);
  return url;
}

export function parseOptions(argv: string[]): CommandOptions {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h" },
        target: { type: "string" },
        proxy: { type: "string" },
        runs: { type: "string" },
        seed: { type: "string" },
        path: { type: "string" },
        checks: { type: "string" },
        shard: { type: "string" },
        report: { type: "string" },
        timeout: { type: "string" },
        workers: { type: "string" },
        spec: { type: "string" },
        header: { type: "string", short: "H", multiple: true },
        "rate-limit": { type: "string" },
        "max-response-bytes": { type: "string" },
      },
    }));
  } catch (error) {
    bad((error as Error).message);
  }
  const str = (name: string) => values[name] as string | undefined;
  if (values.help) return { help: true };
  const target = httpUrl("target", str("target"));
  const proxy = httpUrl("proxy", str("proxy"));
  if (target && proxy)
    bad("--target and --proxy exclude each other: --proxy starts its own Prism in front of UPSTREAM");
  const seedText = str("seed");
  if (seedText !== undefined && !/^-?\d+$/.test(seedText))
    bad(`--seed must be an integer, got "${seedText}"`);
  let checks: CheckName[] | undefined;
  if (str("checks") !== undefined) {
    checks = (str("checks") ?? "")
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean) as CheckName[];
    const unknown = checks.filter((c) => !checkNames.includes(c));
    if (unknown.length > 0 || checks.length === 0)
      bad(
        `--checks: unknown check(s) ${unknown.join(", ") || "(none given)"}; known: ${checkNames.join(", ")}`,
      );
  }
  const shardText = str("shard");
  const shard =
    shardText === undefined
      ? undefined
      : (parseShard(shardText) ?? bad(`--shard must be i/n with 1 <= i <= n, got "${shardText}"`));
  if (str("path") !== undefined && seedText === undefined)
    bad("--path replays a finding and needs its --seed");
  // A path is a place in one check's stream of cases; in another check's it is another case.
  if (str("path") !== undefined && checks?.length !== 1)
    bad("--path replays a finding of one check: name it with --checks");
  const spec = str("spec");
  if (spec !== undefined && spec.trim() === "") bad("--spec needs a file or REV:path, got an empty value");
  const headers = parseExtraHeaders((values.header as string[] | undefined) ?? []);
  const rateText = str("rate-limit");
  const rateLimit =
    rateText === undefined
      ? undefined
      : (parseRateLimit(rateText) ??
        bad(
          `--rate-limit must be a positive number of requests per second or minute (N/s, N/m), got "${rateText}"`,
        ));
  const bytesText = str("max-response-bytes");
  const maxResponseBytes = bytesText === undefined ? defaultMaxResponseBytes : parseByteSize(bytesText);
  if (
    maxResponseBytes === undefined ||
    maxResponseBytes < leastMaxResponseBytes ||
    maxResponseBytes > mostMaxResponseBytes
  )
    bad(
      `--max-response-bytes must be from ${leastMaxResponseBytes} (1 KiB) to ${mostMaxResponseBytes} (1 GiB) bytes, got "${bytesText}"`,
    );
  return {
    help: false,
    report: str("report"),
    verify: {
      target,
      proxy,
      runs: positiveInteger("runs", str("runs"), defaultRuns),
      // fast-check seeds are 32-bit integers.
      seed: seedText === undefined ? (Math.random() * 2 ** 31) | 0 : Number(seedText) | 0,
      path: str("path"),
      checks,
      shard,
      timeoutMs: positiveInteger("timeout", str("timeout"), defaultTimeoutMs),
      workers: workersOf(str("workers")),
      spec,
      headers,
      rateLimit,
      maxResponseBytes,
    },
  };
}
