/** A WHATWG fetch; the client uses its own node:http transport unless given one. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** What an answer's headers are read through: a Fetch `Headers` or the transport's lookup. */
export interface HeaderLookup {
  get(name: string): string | null;
}

/**
 * Thrown (inside the client) when an answer is larger than `maxResponseBytes`; it keeps the
 * answer's status and headers, so a 503 too large to read is still a 503 (and retried).
 */
export class ResponseTooLarge extends Error {
  override name = "ResponseTooLarge";
  constructor(
    readonly status: number,
    readonly headers: HeaderLookup,
    readonly limit: number,
    readonly declared?: number,
  ) {
    super(
      declared === undefined
        ? `the answer is larger than ${limit} bytes`
        : `the answer declares ${declared} bytes (Content-Length), more than ${limit}`,
    );
  }
}

/**
 * Wraps a fetch so that no answer body larger than `limit` bytes is read: a Content-Length above
 * it fails at once (a 2 GB Content-Length that never arrives does not hold the call until the
 * timeout), and a body that grows past it fails when it does. openapi-fetch reads error bodies
 * with `response.text()`, unbounded, so the bound has to sit below it, in the fetch it calls.
 */
export function boundedFetch(fetchImpl: FetchLike, limit: number): FetchLike {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (!response.body) return response;
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declared > limit) {
      await response.body.cancel().catch(() => {});
      throw new ResponseTooLarge(response.status, response.headers, limit, declared);
    }
    let seen = 0;
    const bounded = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > limit) controller.error(new ResponseTooLarge(response.status, response.headers, limit));
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(bounded, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
