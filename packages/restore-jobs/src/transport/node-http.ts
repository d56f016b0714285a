import type { Agent, IncomingMessage, RequestOptions } from "node:http";
import * as http from "node:http";
import { type FetchLike, type HeaderLookup, ResponseTooLarge } from "./bounded-fetch.js";

/** One request as the transport sends it: the exact bytes that were signed. */
export interface OutgoingRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  /** The caller's signal (abort, deadline): destroys the request when it fires. */
  signal: AbortSignal | undefined;
  /** Destroys the request after this long; the promise then rejects with `AttemptTimedOut`. */
  timeoutMs?: number | undefined;
}

/** An attempt ran past its `timeoutMs`. */
export class AttemptTimedOut extends Error {
  override name = "AttemptTimedOut";
  constructor(readonly timeoutMs: number) {
    super(`the attempt took longer than ${timeoutMs} ms`);
  }
}

interface Target {
  request: typeof http.request;
  base: RequestOptions;
}

/**
 * An answer read whole (within the bound): its status, headers and text, without building
 * undici's Response and its body stream for each call (`transportFetch` makes the real thing where
 * a caller gets to see it, `client.raw`).
 */
export class Answer {
  readonly headers: HeaderLookup;
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly message: IncomingMessage,
    readonly bytes: Buffer,
  ) {
    this.headers = headerLookup(message);
  }
  /** UTF-8 decoded as Response.text() decodes it: a leading byte order mark is dropped. */
  async text(): Promise<string> {
    const text = this.bytes.toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}

export interface NodeHttpTransport {
  /** Sends bytes already in hand (an operation's signed body): no Request body to read back. */
  send(request: OutgoingRequest): Promise<Answer>;
}

/**
 * A fetch-shaped transport on `node:http`/`node:https` with keep-alive agents. Why not the global
 * fetch: on Node 20 the first `fetch` compiles undici's WASM HTTP parser (about 100 ms of a cold
 * start, where node:http has a native parser), and undici's per-request machinery costs more than
 * node:http's. No well-kept library gives a fetch over node:http without a parser of its own
 * (node-fetch 3 is ESM over node:http but re-implements the body and header classes), so this is
 * the small transport the runtime sends over (and, as a fetch, `client.raw`'s). Answers over `maxResponseBytes` are
 * not read: a larger Content-Length fails at once, a body that grows past it fails when it does.
 */
export function nodeHttpTransport(maxResponseBytes: number): NodeHttpTransport {
  const agents = new Map<string, Agent>();
  let https: typeof import("node:https") | undefined;
  const targets = new Map<string, Target>();

  async function targetFor(url: URL): Promise<Target> {
    if (url.protocol === "https:") https ??= await import("node:https"); // TLS loads only when used
    const module = url.protocol === "https:" && https ? https : http;
    let agent = agents.get(url.protocol);
    if (!agent) {
      agent = new module.Agent({ keepAlive: true, scheduling: "lifo" });
      agents.set(url.protocol, agent);
    }
    // Split once per URL: node:http would convert a URL object on every request.
    const { protocol, hostname, port, pathname, search } = url;
    const base = {
      protocol,
      hostname: hostname.replace(/^\[|\]$/g, ""),
      path: `${pathname}${search}`,
      agent,
    };
    const target = { request: module.request as typeof http.request, base: port ? { ...base, port } : base };
    if (targets.size < 64) targets.set(url.href, target);
    return target;
  }

  async function send({ method, url, headers, body, signal, timeoutMs }: OutgoingRequest): Promise<Answer> {
    const { request, base } = targets.get(url.href) ?? (await targetFor(url));
    const options: RequestOptions = { ...base, method, headers };
    if (body !== undefined)
      options.headers = { ...headers, "content-length": String(Buffer.byteLength(body)) };
    if (signal?.aborted) throw signal.reason;
    return new Promise<Answer>((resolve, reject) => {
      // A timer and one listener rather than http.request's `signal` option or a fresh
      // AbortController per attempt: that machinery costs more than the rest of the bookkeeping.
      let failure: unknown;
      const stop = (reason: unknown) => {
        failure ??= reason;
        req.destroy();
      };
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => stop(new AttemptTimedOut(timeoutMs)), timeoutMs);
      const onAbort = () => stop(signal?.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      const settle = (error: unknown, answer?: Answer) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        if (answer && failure === undefined) resolve(answer);
        else reject(failure ?? error);
      };
      const req = request(options, (res) =>
        readAnswer(res, maxResponseBytes).then(
          (answer) => settle(undefined, answer),
          (error: unknown) => settle(error),
        ),
      );
      req.on("error", settle);
      req.end(body);
    });
  }

  return { send };
}

/**
 * The transport as a fetch, for openapi-fetch's `client.raw`: reads the Request's body. Apart, so
 * a program without `raw` (the lean core) does not bundle it.
 */
export function transportFetch({ send }: NodeHttpTransport): FetchLike {
  return async (input) => {
    const body = input.body ? new Uint8Array(await input.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    input.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const answer = await send({
      method: input.method,
      url: new URL(input.url),
      headers,
      body,
      signal: input.signal,
    });
    const { status, message } = answer;
    const nullBody = status === 204 || status === 205 || status === 304 || status < 200;
    const raw: [string, string][] = [];
    for (let i = 0; i < message.rawHeaders.length; i += 2)
      raw.push([message.rawHeaders[i] ?? "", message.rawHeaders[i + 1] ?? ""]);
    return new Response(nullBody ? null : answer.bytes, {
      status,
      statusText: answer.statusText,
      headers: raw,
    });
  };
}

function headerLookup(message: IncomingMessage): HeaderLookup {
  const received = message.headers;
  return {
    get(name) {
      const value = received[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * A body compressed though the request asked for `identity` (a server or proxy that compresses
 * regardless), decoded within the same bound; a body that does not decode is kept as it came (the
 * interpretation then says it is not JSON). zlib loads only when an answer needs it.
 */
async function decoded(res: IncomingMessage, bytes: Buffer, limit: number): Promise<Buffer> {
  const encoding = res.headers["content-encoding"]?.trim().toLowerCase();
  if (!encoding || encoding === "identity") return bytes;
  const zlib = await import("node:zlib");
  const options = { maxOutputLength: limit };
  try {
    if (encoding === "gzip" || encoding === "x-gzip") return zlib.gunzipSync(bytes, options);
    if (encoding === "deflate") return zlib.inflateSync(bytes, options);
    if (encoding === "br") return zlib.brotliDecompressSync(bytes, options);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE")
      throw new ResponseTooLarge(res.statusCode ?? 0, headerLookup(res), limit);
  }
  return bytes;
}

function readAnswer(res: IncomingMessage, limit: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const status = res.statusCode ?? 0;
    const declared = Number(res.headers["content-length"] ?? Number.NaN);
    if (declared > limit) {
      res.destroy();
      return reject(new ResponseTooLarge(status, headerLookup(res), limit, declared));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    res.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        res.destroy();
        reject(new ResponseTooLarge(status, headerLookup(res), limit));
      } else chunks.push(chunk);
    });
    res.on("error", reject);
    res.on("end", () => {
      decoded(res, Buffer.concat(chunks, size), limit).then(
        (bytes) => resolve(new Answer(status, res.statusMessage ?? "", res, bytes)),
        reject,
      );
    });
    // A connection closed before the end of the body ("aborted") rejects instead of hanging.
    res.on("close", () => {
      if (!res.complete)
        reject(
          new Error("the connection closed before the answer was complete", {
            cause: { code: "ECONNRESET" },
          }),
        );
    });
  });
}
