import type { Exchange, SentRequest } from "./types.js";

/**
 * Sends one request with `fetch` and never throws: a timeout or a reset connection is an
 * exchange with a `failure`, which `not_a_server_error` judges.
 */
export async function exchange(request: SentRequest, timeoutMs: number): Promise<Exchange> {
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
    const bodyText = await response.text();
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return {
      request,
      response: {
        status: response.status,
        contentType: response.headers.get("content-type") ?? "",
        headers: responseHeaders,
        bodyText,
        durationMs: elapsed(),
      },
    };
  } catch (error) {
    if (controller.signal.aborted) {
      return {
        request,
        failure: { kind: "timeout", message: `no answer within ${timeoutMs} ms`, durationMs: elapsed() },
      };
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const message = [error instanceof Error ? error.message : String(error), cause?.code ?? cause?.message]
      .filter(Boolean)
      .join(": ");
    return { request, failure: { kind: "connection", message, durationMs: elapsed() } };
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the target answers at all (any HTTP status), for the "target unreachable" exit 2. */
export async function probe(url: string, timeoutMs: number): Promise<string | undefined> {
  const result = await exchange({ method: "GET", url, headers: {}, body: "" }, timeoutMs).catch(
    () => undefined,
  );
  return result?.failure?.message;
}
