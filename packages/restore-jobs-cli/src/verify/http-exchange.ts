import {
  decodeBody,
  defaultMaxResponseBytes,
  headerFieldCount,
  maxHeaderFields,
  readBounded,
} from "./bounded-answer.js";
import type { Exchange, ReceivedResponse, SentRequest } from "./types.js";

/**
 * Sends one request with `fetch` and never throws: a timeout, a reset connection or an answer
 * beyond the bounds (bounded-answer.ts) is an exchange with a `failure`, which
 * `not_a_server_error` judges. Redirects are never followed: a 3xx is the answer.
 */
export async function exchange(
  request: SentRequest,
  timeoutMs: number,
  maxResponseBytes = defaultMaxResponseBytes,
): Promise<Exchange> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const { host: _host, ...headers } = request.headers; // fetch sets Host from the URL.
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      ...(request.method === "GET" || request.method === "HEAD" ? {} : { body: request.body }),
      signal: controller.signal,
      redirect: "manual",
    });
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    const received = (bytes: Uint8Array): ReceivedResponse => {
      const { text, validUtf8 } = decodeBody(bytes);
      return {
        status: response.status,
        contentType: response.headers.get("content-type") ?? "",
        headers: responseHeaders,
        bodyText: text,
        durationMs: elapsed(),
        ...(!validUtf8 && { invalidUtf8: true }),
      };
    };
    const fields = headerFieldCount(response.headers);
    if (fields > maxHeaderFields) {
      response.body?.cancel().catch(() => undefined);
      const message = `${fields} header fields, more than the ${maxHeaderFields} HTTP clients accept`;
      return tooLarge(request, received(new Uint8Array(0)), message, elapsed());
    }
    const body = await readBounded(response, maxResponseBytes);
    if (body.tooLarge) {
      return tooLarge(request, received(body.firstBytes), body.reason, elapsed());
    }
    return { request, response: received(body.bytes) };
  } catch (error) {
    if (controller.signal.aborted) {
      return {
        request,
        failure: { kind: "timeout", message: `no answer within ${timeoutMs} ms`, durationMs: elapsed() },
      };
    }
    // A header section over Node's bound is an answer beyond the bounds, not a lost connection.
    const kind = causeCode(error) === "UND_ERR_HEADERS_OVERFLOW" ? "too_large" : "connection";
    return { request, failure: { kind, message: transportMessage(error), durationMs: elapsed() } };
  } finally {
    clearTimeout(timer);
  }
}

/** An answer beyond a bound: its status, headers and first bytes, and why it was not read further. */
function tooLarge(
  request: SentRequest,
  response: ReceivedResponse,
  message: string,
  durationMs: number,
): Exchange {
  return { request, response, failure: { kind: "too_large", message, durationMs } };
}

const causeCode = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code ?? "";

/** fetch's error, with its cause's code, in words where fetch has none of its own. */
function transportMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === "UND_ERR_HEADERS_OVERFLOW")
    return "a header section larger than 16 KiB, more than HTTP clients accept";
  return [error instanceof Error ? error.message : String(error), cause?.code ?? cause?.message]
    .filter(Boolean)
    .join(": ");
}

/**
 * Whether the target answers at all (any HTTP status), for the "target unreachable" exit 2. It
 * reads the status and headers only, never the body: an endless answer costs it nothing.
 */
export async function probe(
  url: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<string | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      method: "GET",
      headers,
      signal: controller.signal,
      redirect: "manual",
    });
    response.body?.cancel().catch(() => undefined);
    return undefined;
  } catch (error) {
    if (controller.signal.aborted) return `no answer within ${timeoutMs} ms`;
    const code = causeCode(error);
    // A header section too large or not HTTP/1.1 is an answer: something listens there, and each
    // case's exchange says what is wrong with it.
    if (code === "UND_ERR_HEADERS_OVERFLOW" || code.startsWith("HPE_")) return undefined;
    return transportMessage(error);
  } finally {
    clearTimeout(timer);
  }
}
