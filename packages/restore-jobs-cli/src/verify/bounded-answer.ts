/**
 * Bounded answers: the job never reads an answer whole when it is longer than
 * `--max-response-bytes` (default 1 MiB, the client's bound), nor keeps more header fields than
 * HTTP clients accept. What is over a bound is read no further: the job keeps the status, the
 * headers and the first bytes, for the finding.
 */

export const defaultMaxResponseBytes = 1024 * 1024;
export const leastMaxResponseBytes = 1024;
export const mostMaxResponseBytes = 1024 * 1024 * 1024;

/**
 * Header fields an answer may have. Python's http.client, under botocore (the AWS SDK for
 * Python), refuses an answer with more than 100; Node refuses a header section over 16 KiB
 * (`--max-http-header-size`), which node:http reports as a header overflow.
 */
export const maxHeaderFields = 100;

/**
 * How many bytes of an answer over the bound are kept for the finding. A Content-Length over the
 * bound is read no further than these (http-exchange.ts).
 */
export const firstBytesKept = 1024;

const units: Record<string, number> = { "": 1, b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** `--max-response-bytes`: a whole number of bytes, or with `KiB`, `MiB` or `GiB`; undefined when not one. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
  const unit = units[(match?.[2] ?? "").toLowerCase()];
  if (!match || unit === undefined) return undefined;
  return Number(match[1]) * unit;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/** The text of a body, and whether it is valid UTF-8 (JSON must be: RFC 8259). */
export function decodeBody(bytes: Uint8Array): { text: string; validUtf8: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), validUtf8: true };
  } catch {
    return { text: lenientUtf8.decode(bytes), validUtf8: false };
  }
}
