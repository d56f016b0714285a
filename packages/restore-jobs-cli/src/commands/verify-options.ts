/**
 * `restore-jobs verify`'s flags: the help text, the parsing (once, into the one options object
 * the engine takes) and the command line that replays a finding.
 */
import { parseArgs } from "node:util";
import {
  defaultMaxResponseBytes,
  leastMaxResponseBytes,
  mostMaxResponseBytes,
  parseByteSize,
} from "../verify/bounded-answer.js";
import { VerifyCannotRun } from "../verify/errors.js";
import { parseExtraHeaders, shownHeaders } from "../verify/extra-headers.js";
import { parseRateLimit } from "../verify/rate-limiter.js";
import { redacted } from "../verify/redaction.js";
import { parseShard } from "../verify/shard.js";
import { type CheckName, checkNames, type Finding } from "../verify/types.js";
import type { VerifyOptions } from "../verify/verify-job.js";

/** What the engine is given by the process rather than by a flag. */
type FromProcess = "env" | "onProgress" | "onInfo";

/** The command line, parsed: the help, or the job to run and where to write its reports. */
export type CommandOptions =
  | { help: true }
  | { help: false; report: string | undefined; verify: Omit<VerifyOptions, FromProcess> };

export const defaultRuns = 100;
export const defaultTimeoutMs = 10_000;

export const helpText = `Usage: restore-jobs verify [options]
       npm run verify -- [options]

Verifies that a server keeps the StartRestoreJob contract of openapi/restore-jobs.yaml (or of
--spec), with property-based cases generated from the spec. Without --target, against the
embedded Prism mock of that spec.

Options:
  --spec FILE|REV:path
                      verify against this version of the document (a file, or a git revision of
                      one as restore-jobs diff reads it: origin/main:openapi/restore-jobs.yaml);
                      the checks, the cases and the embedded mock come from it (default: the
                      spec shipped with the client); the reports name it and its sha256
  --target URL        the server to verify (default: start the embedded Prism mock of the spec)
  --proxy UPSTREAM    verify UPSTREAM through Prism's validation proxy; its sl-violations are findings
  --runs N            random cases per check (default ${defaultRuns}), after the fixed ones every
                      run sends (valid coverage; every rule and near miss of the schema)
  --seed S            fast-check seed (default: random, printed); replays a run
  --path P            fast-check path of a finding, with --seed and --checks (its one check): replays that case
  --checks a,b,...    only these checks (default: all): ${checkNames.join(", ")}
  --shard i/n         run the i-th of n slices of the cases (as vitest --shard), for CI machines
  --report DIR        write DIR/junit.xml, DIR/summary.md and DIR/results.json
  --workers N         cases in flight at once, 1 to 64 (default 1; 8 against the embedded mock);
                      a finding, its shrinking and --path replay are the same as with 1
  --timeout MS        an answer later than this is a finding of not_a_server_error (default ${defaultTimeoutMs})
  -H, --header "Name: value"
                      send this header with every request, signed with the rest (repeatable); the
                      values of secret-looking names (authorization, x-api-key, cookie, *token*,
                      *secret*, *key*, *password*) are redacted in every report, log and curl line
  --rate-limit N/s|N/m
                      send at most N requests a second (or a minute): all workers, the probe,
                      replays and shrinking together
  --max-response-bytes N
                      read no answer's body past N bytes (1024 to 1073741824, or 64KiB, 1MiB,
                      1GiB; default 1 MiB): a longer one, like one with more than 100 header
                      fields, is a finding of not_a_server_error; redirects are never followed
  -h, --help          this help

Requests are signed with SigV4 from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
and AWS_REGION (default us-east-1); against the embedded mock, dummy credentials when none are set.

Exit status: 0 the target keeps the contract; 1 it breaks it (at least one finding);
2 the job could not run (bad arguments, an unreadable or incomplete spec, no credentials, target
unreachable).
See docs/verify.md.`;

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

/** What the replay line repeats of the job's options. */
export type ReplayedOptions = Pick<
  VerifyOptions,
  "target" | "proxy" | "spec" | "headers" | "rateLimit" | "maxResponseBytes"
>;

/** A word as a POSIX shell reads it back. */
const shellWord = (text: string) =>
  /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The command line that replays a finding: the same target, document, headers (secret-looking
 * values redacted: put them back), bounds and rate, its check, seed and path.
 */
export function replayLine(options: ReplayedOptions, finding: Finding): string {
  const headers = Object.entries(shownHeaders(options.headers ?? {}, redacted));
  return [
    "npm run verify --",
    options.target ? `--target ${options.target.href}` : "",
    options.proxy ? `--proxy ${options.proxy.href}` : "",
    options.spec === undefined ? "" : `--spec ${shellWord(options.spec)}`,
    ...headers.map(([name, value]) => `-H ${shellWord(`${name}: ${value}`)}`),
    options.rateLimit ? `--rate-limit ${options.rateLimit.label}` : "",
    options.maxResponseBytes !== undefined && options.maxResponseBytes !== defaultMaxResponseBytes
      ? `--max-response-bytes ${options.maxResponseBytes}`
      : "",
    `--checks ${finding.check} --seed ${finding.seed} --path ${finding.path}`,
  ]
    .filter(Boolean)
    .join(" ");
}
