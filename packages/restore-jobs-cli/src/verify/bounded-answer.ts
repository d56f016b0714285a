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
 * (`--max-http-header-size`), which fetch reports as a headers overflow.
 */
export const maxHeaderFields = 100;

/** How many bytes of an answer over the bound are kept for the finding. */
const firstBytesKept = 1024;

const units: Record<string, number> = { "": 1, b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** `--max-response-bytes`: a whole number of bytes, or with `KiB`, `MiB` or `GiB`; undefined when not one. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
  const unit = units[(match?.[2] ?? "").toLowerCase()];
  if (!match || unit === undefined) return undefined;
  return Number(match[1]) * unit;
}

export type BoundedBody =
  | { tooLarge: false; bytes: Uint8Array }
  | {
      tooLarge: true;
      /** The first bytes of the answer (at most 1 KiB). */
      firstBytes: Uint8Array;
      /** Why it is over the bound, for the finding. */
      reason: string;
    };

const empty = new Uint8Array(0);

/**
 * Reads a fetch answer's body up to `limit` bytes. A Content-Length within the bound is read as
 * fetch reads it (the fast path every conforming answer takes); a larger one, or a body without a
 * length that grows past the bound, is read no further than its first bytes (or the bound) and
 * the stream is cancelled, which closes the connection.
 */
export async function readBounded(response: Response, limit: number): Promise<BoundedBody> {
  if (!response.body) return { tooLarge: false, bytes: empty };
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  // fetch reads no more than a Content-Length declares.
  if (declared <= limit) return { tooLarge: false, bytes: new Uint8Array(await response.arrayBuffer()) };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const overLimit = (reason: string): BoundedBody => {
    reader.cancel().catch(() => undefined);
    const firstBytes = concat(chunks, Math.min(size, firstBytesKept));
    return { tooLarge: true, firstBytes, reason };
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { tooLarge: false, bytes: concat(chunks, size) };
    chunks.push(value);
    size += value.byteLength;
    if (declared > limit && size >= firstBytesKept)
      return overLimit(`a body of ${declared} bytes (Content-Length), over --max-response-bytes ${limit}`);
    if (size > limit)
      return overLimit(`a body longer than --max-response-bytes ${limit} (read ${size} bytes, then stopped)`);
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    if (at >= length) break;
    const part = chunk.subarray(0, length - at);
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** Header fields of a fetch answer, counted as sent (each Set-Cookie apart). */
export function headerFieldCount(headers: Headers): number {
  let count = 0;
  headers.forEach((_, name) => {
    if (name !== "set-cookie") count++;
  });
  return count + headers.getSetCookie().length;
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
