/**
 * The one place that bends openapi-fetch, and why.
 *
 * startRestoreJob goes through openapi-fetch's typed `PUT /restore-jobs`, but it signs the exact
 * bytes it sends before any Request exists, and it reads each answer once, whole and within
 * `maxResponseBytes`, before openapi-fetch sees it. openapi-fetch takes the pieces this needs as
 * options (`Request`, a per-call `fetch`); its types ask for the real Fetch classes, so the two
 * casts below are the bend:
 * - over the own node:http transport, `Request` is PreparedRequest, which keeps what openapi-fetch
 *   does with a request (its URL and method): no undici Request and body stream is built for bytes
 *   the transport already holds;
 * - the per-call `fetch` hands openapi-fetch a stand-in with what it reads of a Response (`status`,
 *   `ok`, `headers.get`, `text()`) over the answer already read, so the answer is read once.
 */
import createClient from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import type { StartRestoreJobInput } from "./input.js";
import type { HeaderLookup } from "./response.js";
import type { FetchLike } from "./transport/bounded-fetch.js";
import type { NodeHttpTransport } from "./transport/node-http.js";

/** An answer read once, whole: what the interpretation needs of it. */
export interface ReadAnswer {
  status: number;
  headers: HeaderLookup;
  text: string;
}

/** One signed attempt's request: the signed headers and the exact bytes that were signed. */
export interface SignedPut {
  headers: Record<string, string>;
  body: StartRestoreJobInput;
  json: string;
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

/**
 * `PUT /restore-jobs` through openapi-fetch: over the own transport when there is one, else over
 * `fetch` (the caller's, bounded); `url` is `baseUrl` + `/restore-jobs`, parsed once. Resolves to the answer read once; rejects with what the
 * transport threw (the attempt translates it).
 */
export function restoreJobsPut(
  baseUrl: string,
  url: URL,
  transport: NodeHttpTransport | undefined,
  fetch: FetchLike,
): (put: SignedPut) => Promise<ReadAnswer> {
  const core = createClient<paths>({
    baseUrl,
    fetch,
    ...(transport && { Request: PreparedRequest as unknown as typeof Request }),
  });
  return async ({ headers, body, json, callSignal, attemptSignal, timeoutMs }) => {
    let answer: ReadAnswer | undefined;
    const read = async (got: { status: number; headers: HeaderLookup; text(): Promise<string> }) => {
      answer = { status: got.status, headers: got.headers, text: await got.text() };
      return standIn(answer);
    };
    const send: FetchLike = transport
      ? async () =>
          read(
            await transport.send({ method: "PUT", url, headers, body: json, signal: callSignal, timeoutMs }),
          )
      : async (request, init) => read(await fetch(request, init));
    await core.PUT("/restore-jobs", {
      body,
      bodySerializer: () => json,
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
