/**
 * One request, one answer, over node:http (node:https for an https target) on kept-alive
 * connections. Not fetch: measured on the job's own cases, fetch (undici, its web streams and an
 * AbortSignal per request) was over a quarter of the job's time per case, and against the
 * embedded mock the job, not Prism, then set the pace. node:http also hands over the raw header
 * fields (counted as sent) and a body as Buffers that can be dropped at the bound.
 */
import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { decodeBody, defaultMaxResponseBytes, firstBytesKept, maxHeaderFields } from "./bounded-answer.js";
import type { Exchange, ReceivedResponse, SentRequest } from "./types.js";

// Kept-alive connections, as fetch keeps them; an idle one does not hold the process open.
const agents = {
  "http:": new HttpAgent({ keepAlive: true }),
  "https:": new HttpsAgent({ keepAlive: true }),
};

/**
 * Opens the request to `url`, its Host from the URL (as fetch sets it), on a kept-alive
 * connection, or on one of its own (`agent: false`: a new connection, closed after the answer).
 */
function open(url: URL, method: string, headers: Record<string, string>, connection?: "new"): ClientRequest {
  const { host: _host, ...rest } = headers;
  const https = url.protocol === "https:";
  return (https ? httpsRequest : httpRequest)(url, {
    method,
    headers: rest,
    agent: connection === "new" ? false : https ? agents["https:"] : agents["http:"],
  });
}

/** The header fields of an answer, each name once (repeated fields joined with ", ", as fetch does). */
function headersOf(response: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

const overflow = "a header section larger than 16 KiB, more than HTTP clients accept";

/** The transport error in words: its message and code. */
function transportMessage(error: NodeJS.ErrnoException): string {
  if (error.code === "HPE_HEADER_OVERFLOW") return overflow;
  return [error.message, error.code && !error.message.includes(error.code) ? error.code : undefined]
    .filter(Boolean)
    .join(": ");
}

/**
 * Sends one request and never throws: a timeout (the whole answer, body included), a reset
 * connection or an answer beyond the bounds (bounded-answer.ts) is an exchange with a `failure`,
 * which `not_a_server_error` judges. Redirects are never followed: a 3xx is the answer.
 */
export function exchange(
  request: SentRequest,
  timeoutMs: number,
  maxResponseBytes = defaultMaxResponseBytes,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let settled = false;
    const finish = (outcome: Omit<Exchange, "request">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ request, ...outcome });
    };
    const failure = (kind: "timeout" | "connection" | "too_large", message: string) => ({
      kind,
      message,
      durationMs: elapsed(),
    });
    const req = open(new URL(request.url), request.method, request.headers, request.connection);
    const timer = setTimeout(() => {
      finish({ failure: failure("timeout", `no answer within ${timeoutMs} ms`) });
      req.destroy();
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => {
      // A header section over Node's bound is an answer beyond the bounds, not a lost connection.
      const kind = error.code === "HPE_HEADER_OVERFLOW" ? "too_large" : "connection";
      finish({ failure: failure(kind, transportMessage(error)) });
    });
    req.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const received = (bytes: Uint8Array): ReceivedResponse => {
        const { text, validUtf8 } = decodeBody(bytes);
        return {
          status: response.statusCode ?? 0,
          contentType: response.headers["content-type"] ?? "",
          headers: headersOf(response),
          bodyText: text,
          durationMs: elapsed(),
          ...(!validUtf8 && { invalidUtf8: true }),
        };
      };
      // Read no further: the connection is closed, not returned to the pool half read.
      const overBound = (message: string) => {
        finish({
          response: received(Buffer.concat(chunks, size).subarray(0, firstBytesKept)),
          failure: failure("too_large", message),
        });
        response.destroy();
        req.destroy();
      };
      const fields = response.rawHeaders.length / 2;
      if (fields > maxHeaderFields)
        return overBound(`${fields} header fields, more than the ${maxHeaderFields} HTTP clients accept`);
      const declared = Number(response.headers["content-length"] ?? Number.NaN);
      response.on("data", (chunk: Buffer) => {
        if (settled) return;
        chunks.push(chunk);
        size += chunk.byteLength;
        if (declared > maxResponseBytes && size >= firstBytesKept)
          overBound(
            `a body of ${declared} bytes (Content-Length), over --max-response-bytes ${maxResponseBytes}`,
          );
        else if (size > maxResponseBytes)
          overBound(
            `a body longer than --max-response-bytes ${maxResponseBytes} (read ${size} bytes, then stopped)`,
          );
      });
      response.on("end", () => finish({ response: received(Buffer.concat(chunks, size)) }));
      response.on("error", (error: NodeJS.ErrnoException) =>
        finish({
          failure: failure(
            "connection",
            `the answer was cut off after ${size} bytes: ${transportMessage(error)}`,
          ),
        }),
      );
    });
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : request.body;
    req.end(body);
  });
}

/**
 * Whether the target answers at all (any HTTP status), for the "target unreachable" exit 2. It
 * reads the status and headers only, never the body: an endless answer costs it nothing.
 */
export function probe(
  url: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<string | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (problem: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(problem);
    };
    const req = open(new URL(url), "GET", headers);
    const timer = setTimeout(() => finish(`no answer within ${timeoutMs} ms`), timeoutMs);
    req.on("response", () => finish(undefined));
    req.on("error", (error: NodeJS.ErrnoException) =>
      // A header section too large or not HTTP/1.1 is an answer: something listens there, and each
      // case's exchange says what is wrong with it.
      finish(error.code?.startsWith("HPE_") ? undefined : transportMessage(error)),
    );
    req.end();
  });
}
