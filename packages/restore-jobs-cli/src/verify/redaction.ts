import { isObject } from "../json.js";
import { looksSecret } from "./extra-headers.js";
import type { Exchange, SentRequest } from "./types.js";

/** What stands in every log, report and message for a secret that was removed. */
export const redacted = "<redacted>";

/**
 * Removes what must never reach a log or report: the Authorization header (it carries the
 * signature), the session token, the values of `--header`s whose names look secret (extra-headers.ts),
 * and, as a last line of defence over any text, every occurrence of the secret key, the session
 * token, such a header's value or a signature.
 */
export class Redactor {
  private readonly secrets: string[];

  /** @param extraHeaders `--header`s: the values of those whose names look secret are secrets too. */
  constructor(secrets: (string | undefined)[], extraHeaders: Record<string, string> = {}) {
    const fromHeaders = Object.entries(extraHeaders).flatMap(([name, value]) =>
      looksSecret(name) ? [value] : [],
    );
    this.secrets = [...secrets, ...fromHeaders]
      .filter((s): s is string => typeof s === "string" && s.length >= 4)
      // Longest first: a secret that contains another is removed whole.
      .sort((a, b) => b.length - a.length);
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() === "authorization")
        out[name] = value.replace(/Signature=[0-9a-f]+/i, `Signature=${redacted}`);
      else out[name] = looksSecret(name) ? redacted : value;
    }
    return out;
  }

  request(request: SentRequest): SentRequest {
    return { ...request, headers: this.headers(request.headers) };
  }

  /**
   * An exchange as it may be recorded: the request's secret headers redacted, and every text of
   * it (a response body or header that echoes the request) through `text`, before any excerpt
   * is cut from it (a cut through a secret would keep its first characters).
   */
  exchange(exchange: Exchange): Exchange {
    return this.value({ ...exchange, request: this.request(exchange.request) });
  }

  /** A copy of a JSON-like value with every string passed through `text`. */
  value<T>(value: T): T {
    if (typeof value === "string") return this.text(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.value(item)) as T;
    if (!isObject(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.value(item)])) as T;
  }

  text(text: string): string {
    let out = text.replace(/Signature=[0-9a-f]{16,}/gi, `Signature=${redacted}`);
    for (const secret of this.secrets) out = out.split(secret).join(redacted);
    return out;
  }
}

/** The request as a `curl` command, copy-pasteable in a POSIX shell; headers already redacted. */
export function toCurl(request: SentRequest): string {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  const parts = [`curl -i -X ${request.method} ${quote(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === "host") continue;
    parts.push(`-H ${quote(`${name}: ${value}`)}`);
  }
  if (request.body !== "") parts.push(`--data-binary ${quote(request.body)}`);
  return parts.join(" \\\n  ");
}
