/**
 * `-H, --header "Name: value"`: headers a gateway in front of the target wants (an API key, a
 * tenant id, a tracing header), sent with every request of the job and signed with the rest.
 * Parsed once, before any request: a bad one is a usage error that never quotes a value (a
 * secret pasted into the flag must not reach a log).
 */
import { VerifyCannotRun } from "./errors.js";

/** RFC 9110 field name: a token. */
const tokenPattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** RFC 9110 field value: visible characters, spaces and tabs (no CR, LF or NUL). */
const valuePattern = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Names SigV4 computes or signs over: a value of the user's would break every signature. */
const sigv4Owned = ["authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "host"];
/** Names the job or the connection sets: the cases' media type and framing are the job's to choose. */
const jobOwned = [
  "content-type",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
  "expect",
  "proxy-connection",
];

/**
 * Whether a header's value is redacted in every report, log and curl line: names that look like
 * they carry a credential (`authorization`, `x-api-key`, `cookie`, and any name holding `token`,
 * `secret`, `key`, `password`, `auth`, `session` or `credential`).
 */
export function looksSecret(name: string): boolean {
  return /auth|cookie|token|secret|key|passw|credential|session|signature/i.test(name);
}

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;

/** The `--header` arguments as headers (names in lower case), or a usage error naming the flag. */
export function parseExtraHeaders(args: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  args.forEach((arg, i) => {
    const which = `the ${ordinal(i + 1)} --header`;
    const bad = (what: string): never => {
      throw new VerifyCannotRun("BAD_ARGUMENTS", `${which} ${what}`);
    };
    const colon = arg.indexOf(":");
    if (colon < 0) bad(`has no colon: give it as "Name: value"`);
    const rawName = arg.slice(0, colon).trim();
    const name = rawName.toLowerCase();
    // The name is safe to show only once it is a token: a value pasted without its name is not.
    if (!tokenPattern.test(rawName))
      bad(`has a name that is not an HTTP token (letters, digits, !#$%&'*+.^_\`|~-)`);
    const value = arg.slice(colon + 1).trim();
    if (!valuePattern.test(value)) bad(`(${rawName}) has a value with a line break or control character`);
    if (sigv4Owned.includes(name)) bad(`(${rawName}) names a header SigV4 signing sets; it cannot be given`);
    if (jobOwned.includes(name)) bad(`(${rawName}) names a header the job sets; it cannot be given`);
    if (Object.hasOwn(headers, name)) bad(`(${rawName}) repeats a header already given`);
    headers[name] = value;
  });
  return headers;
}

/** The headers as they may be shown: the values of secret-looking names redacted. */
export function shownHeaders(headers: Record<string, string>, redacted: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, looksSecret(name) ? redacted : value]),
  );
}
