/**
 * The command line that replays a finding, printed with it and written in the reports: what a
 * user pastes to see the same case fail again.
 */
import { defaultMaxResponseBytes } from "../verify/bounded-answer.js";
import { shownHeaders } from "../verify/extra-headers.js";
import { redacted } from "../verify/redaction.js";
import type { Finding } from "../verify/types.js";
import type { VerifyOptions } from "../verify/verify-job.js";

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
    // A finding on another check's answer replays that check's case, judged by both.
    `--checks ${finding.sentBy ? `${finding.sentBy},${finding.check}` : finding.check} --seed ${finding.seed} --path ${finding.path}`,
  ]
    .filter(Boolean)
    .join(" ");
}
