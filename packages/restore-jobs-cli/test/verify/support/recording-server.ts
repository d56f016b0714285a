/**
 * A loopback server that answers every request with the documented success envelope and records
 * what reached it: each request's method, path, headers and arrival time, and every connection
 * opened (a request refused before it was sent opens none).
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** performance.now() when the request's head arrived. */
  at: number;
}

export interface RecordingServer {
  url: URL;
  requests: RecordedRequest[];
  connections: number;
  close(): Promise<void>;
}

/** @param echo a request header whose value every answer echoes in an error envelope (400), as some gateways do. */
export async function startRecordingServer(echo?: string): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    requests.push({
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
      at: performance.now(),
    });
    req.resume();
    req.on("end", () => {
      if (echo !== undefined) {
        const message = `rejected: ${echo}=${String(req.headers[echo])}`;
        res.writeHead(400, { "content-type": "application/json", "x-echo": String(req.headers[echo]) });
        return void res.end(JSON.stringify({ success: false, error: { code: "VALIDATION_ERROR", message } }));
      }
      const body = JSON.stringify({
        success: true,
        data: { id: "job-1", created_at: "2026-01-01T00:00:00Z" },
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    });
  });
  server.on("connection", () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    requests,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
