/**
 * Loopback servers that answer every request (the reachability probe included) in a way no
 * client should have to bear: an endless body (with or without a Content-Length of 2 GiB), a body dripped a byte a second, 2,000 (or 150)
 * header fields, invalid UTF-8 in a JSON body, a redirect, a connection reset mid-body. Each
 * counts the body bytes it managed to hand to the job's connection, per answer.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const hostilities = [
  "endless_body",
  "declares_huge_body",
  "dripped_body",
  "many_headers",
  "too_many_header_fields",
  "invalid_utf8",
  "redirect",
  "reset_mid_body",
] as const;
export type Hostility = (typeof hostilities)[number];

export interface HostileServer {
  url: URL;
  /** Requests received, by method and path (`GET /restore-jobs`). */
  requests: Map<string, number>;
  /** Body bytes written to each answer, in order. */
  bytesPerAnswer: number[];
  close(): Promise<void>;
}

const success = JSON.stringify({
  success: true,
  data: { id: "job-1", created_at: "2026-01-01T00:00:00Z" },
});

export async function startHostileServer(hostility: Hostility): Promise<HostileServer> {
  const requests = new Map<string, number>();
  const bytesPerAnswer: number[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const answer = (res: ServerResponse, at: number) => {
    const count = (n: number) => {
      bytesPerAnswer[at] = (bytesPerAnswer[at] ?? 0) + n;
    };
    switch (hostility) {
      case "endless_body":
      case "declares_huge_body": {
        // As fast as the connection takes it, for as long as it stays open.
        const length = hostility === "declares_huge_body" ? { "content-length": String(2 ** 31) } : {};
        res.writeHead(200, { "content-type": "application/json", ...length });
        const chunk = Buffer.alloc(64 * 1024, " ");
        const prefix = '{"success":true,"padding":"';
        count(prefix.length);
        res.write(prefix);
        const pump = () => {
          while (!res.destroyed && !res.writableEnded) {
            count(chunk.length);
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
        };
        res.on("close", () => res.removeAllListeners("drain"));
        return pump();
      }
      case "dripped_body": {
        res.writeHead(200, { "content-type": "application/json" });
        res.flushHeaders();
        const body = Buffer.from(success);
        let sent = 0;
        const timer = setInterval(() => {
          if (res.destroyed || sent >= body.length) return clearInterval(timer);
          count(1);
          res.write(body.subarray(sent, ++sent));
        }, 1000);
        timers.add(timer);
        res.on("close", () => clearInterval(timer));
        return;
      }
      case "many_headers":
      case "too_many_header_fields": {
        const fields = hostility === "many_headers" ? 2000 : 150;
        const headers: Record<string, string> = { "content-type": "application/json" };
        for (let i = 0; i < fields; i++) headers[`x-filler-${i}`] = "1";
        res.writeHead(200, headers);
        count(success.length);
        return void res.end(success);
      }
      case "invalid_utf8": {
        // A conforming envelope but for two bytes that are not UTF-8 inside the id.
        const [head, tail] = success.split("job-1");
        const body = Buffer.concat([
          Buffer.from(`${head}job-`),
          Buffer.from([0xff, 0xfe]),
          Buffer.from(tail ?? ""),
        ]);
        res.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
        count(body.length);
        return void res.end(body);
      }
      case "redirect":
        res.writeHead(302, { location: "/elsewhere", "content-type": "application/json" });
        count(2);
        return void res.end("{}");
      case "reset_mid_body": {
        res.writeHead(200, { "content-type": "application/json", "content-length": "4096" });
        count(100);
        res.write(" ".repeat(100), () => res.socket?.destroy());
        return;
      }
    }
  };

  const server = createServer((req, res) => {
    const key = `${req.method} ${req.url ?? ""}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    const at = bytesPerAnswer.push(0) - 1;
    req.resume();
    req.on("end", () => answer(res, at));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    requests,
    bytesPerAnswer,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
