/**
 * Where a signed request leaves the client: over the own node:http transport, or through the
 * caller's fetch. The runtime signs the exact URL and bytes before any Request exists and reads
 * each answer once, whole and within `maxResponseBytes`.
 *
 * Why not through openapi-fetch (which `client.raw` is): every step it would take here is one the
 * runtime must override. The URL is the signed one (labels percent-encoded once, as AWS encodes
 * them, where openapi-fetch would encode again and leave `!'()*`); the body is the signed bytes;
 * over the own transport no Request is built at all; the answer is read once, bounded, before
 * anything parses it. Sending through it meant a stand-in Request and Response and its whole
 * client (6.6 kB minified) in every program's bundle, for no work of its own: the bundle of a
 * one-call program must not grow as operations are added (issue 21), and this is where it could
 * shrink. The types still come from the spec through openapi-typescript.
 */
import { type FetchLike, type HeaderLookup, ResponseTooLarge } from "../transport/bounded-fetch.js";
import type { NodeHttpTransport } from "../transport/node-http.js";
import { untilAborted } from "./retry.js";

/** An answer read once, whole: what the interpretation needs of it. */
export interface ReadAnswer {
  status: number;
  headers: HeaderLookup;
  text: string;
}

/** One signed attempt's request: the signed URL and headers and the exact bytes that were signed. */
export interface SignedRequest {
  method: string;
  /** The URL that was signed: the endpoint, the path with its labels, the query. */
  url: URL;
  headers: Record<string, string>;
  json: string | undefined;
  /** The call's signal (the caller's abort, the deadline). */
  callSignal: AbortSignal | undefined;
  /** With a caller's fetch: the attempt's signal, which also fires at its timeout. */
  attemptSignal: AbortSignal | undefined;
  /** With the own transport: the attempt's timeout, a timer in the transport. */
  timeoutMs: number;
}

/**
 * A caller's fetch's answer body as text (UTF-8, a leading BOM dropped, as `Response.text()`),
 * within `limit` bytes (a larger Content-Length fails at once, a body that grows past it when it
 * does) and until the signal fires. On either, the body is cancelled, so an endless one stops
 * being pulled.
 */
async function textOf(response: Response, signal: AbortSignal | undefined, limit: number): Promise<string> {
  const tooLarge = (declared?: number) =>
    new ResponseTooLarge(response.status, response.headers, limit, declared);
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  const reader = response.body?.getReader();
  const cancel = () => reader?.cancel().catch(() => {});
  signal?.addEventListener("abort", cancel, { once: true });
  try {
    if (declared > limit) throw tooLarge(declared);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const read = reader && (await untilAborted(reader.read(), signal));
      if (!read || read.done) break;
      size += read.value.byteLength;
      if (size > limit) throw tooLarge();
      chunks.push(read.value);
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  } catch (error) {
    cancel();
    throw error;
  } finally {
    signal?.removeEventListener("abort", cancel);
  }
}

/**
 * Sends a signed request: over the own transport when there is one, else through the caller's
 * `fetch`, its answer and body read here within `maxResponseBytes` and the attempt's signal (a
 * caller's fetch may ignore the signal: a tracer that rebuilds the request, a mock with an endless
 * body). Resolves to the answer read once; rejects with what the transport threw (the attempt
 * translates it).
 */
export function signedSender(
  transport: NodeHttpTransport | undefined,
  fetch: FetchLike | undefined,
  maxResponseBytes: number,
): (request: SignedRequest) => Promise<ReadAnswer> {
  return async ({ method, url, headers, json, callSignal, attemptSignal, timeoutMs }) => {
    if (transport) {
      const answer = await transport.send({
        method,
        url,
        headers,
        body: json,
        signal: callSignal,
        timeoutMs,
      });
      return { status: answer.status, headers: answer.headers, text: await answer.text() };
    }
    const request = new Request(url, {
      method,
      headers,
      ...(json !== undefined && { body: json }),
      ...(attemptSignal && { signal: attemptSignal }),
      // A signed request is never followed elsewhere (see signing/middleware.ts).
      redirect: "manual",
    });
    const response = await untilAborted((fetch as FetchLike)(request), attemptSignal);
    return {
      status: response.status,
      headers: response.headers,
      text: await textOf(response, attemptSignal, maxResponseBytes),
    };
  };
}
