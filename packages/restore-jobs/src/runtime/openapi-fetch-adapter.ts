/**
 * The one place that bends openapi-fetch, and why.
 *
 * Every operation goes through openapi-fetch's one `request(method, path)` (its `coreFetch`), but
 * the runtime signs the exact URL and bytes it sends before any Request exists, and it reads each
 * answer once, whole and within `maxResponseBytes`, before openapi-fetch sees it. openapi-fetch
 * takes the pieces this needs as options; its types ask for the real Fetch classes and typed
 * paths, so the casts below are the bend:
 * - the URL is the one that was signed: `pathSerializer` hands back the prepared URL (labels
 *   encoded once, the query in place) instead of encoding the path a second time;
 * - over the own node:http transport, `Request` is PreparedRequest, which keeps what openapi-fetch
 *   does with a request (its URL and method): no undici Request and body stream is built for bytes
 *   the transport already holds;
 * - the per-call `fetch` hands openapi-fetch a stand-in with what it reads of a Response (`status`,
 *   `ok`, `headers.get`, `text()`) over the answer already read, so the answer is read once.
 */
import createClient from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import type { FetchLike } from "../transport/bounded-fetch.js";
import type { NodeHttpTransport } from "../transport/node-http.js";
import type { HeaderLookup } from "./response.js";

/** An answer read once, whole: what the interpretation needs of it. */
export interface ReadAnswer {
  status: number;
  headers: HeaderLookup;
  text: string;
}

/** One signed attempt's request: the signed URL and headers and the exact bytes that were signed. */
export interface SignedRequest {
  method: string;
  /** The operation's path template, as the spec writes it (openapi-fetch's schema path). */
  path: string;
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

/** The request openapi-fetch builds over the own transport: its URL and method, nothing else. */
class PreparedRequest {
  readonly method: string;
  constructor(
    readonly url: string,
    init: RequestInit = {},
  ) {
    this.method = init.method ?? "GET";
  }
}

/** What openapi-fetch reads of a Response, over an answer already read. */
function standIn(answer: ReadAnswer): Response {
  const stand = {
    status: answer.status,
    ok: answer.status >= 200 && answer.status < 300,
    headers: answer.headers,
    text: async () => answer.text,
  };
  return stand as unknown as Response;
}

/** openapi-fetch's `request`, loosened: the path and method come from an operation descriptor. */
type LooseRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<unknown>;

/**
 * Sends a signed request through openapi-fetch: over the own transport when there is one, else
 * over `fetch` (the caller's, bounded). Resolves to the answer read once; rejects with what the
 * transport threw (the attempt translates it).
 */
export function openapiFetchSender(
  baseUrl: string,
  transport: NodeHttpTransport | undefined,
  fetch: FetchLike | undefined,
): (request: SignedRequest) => Promise<ReadAnswer> {
  // Each request is sent by the per-call `fetch` below: over the transport, or the caller's fetch.
  const core = createClient<paths>({
    baseUrl,
    ...(transport && { Request: PreparedRequest as unknown as typeof Request }),
  });
  const request = core.request as unknown as LooseRequest;
  return async ({ method, path, url, headers, json, callSignal, attemptSignal, timeoutMs }) => {
    let answer: ReadAnswer | undefined;
    const read = async (got: { status: number; headers: HeaderLookup; text(): Promise<string> }) => {
      answer = { status: got.status, headers: got.headers, text: await got.text() };
      return standIn(answer);
    };
    const send: FetchLike = transport
      ? async () =>
          read(await transport.send({ method, url, headers, body: json, signal: callSignal, timeoutMs }))
      : async (built, init) => read(await (fetch as FetchLike)(built, init));
    await request(method, path, {
      params: { path: {} },
      pathSerializer: () => url.href,
      querySerializer: () => "",
      ...(json !== undefined && { body: json, bodySerializer: (body: string) => body }),
      headers,
      parseAs: "text",
      ...(attemptSignal && { signal: attemptSignal }),
      redirect: "manual",
      fetch: send,
    });
    // Set: `core` has no middleware that could answer without calling fetch.
    return answer as ReadAnswer;
  };
}
