/**
 * A StartRestoreJob server (node:http, 127.0.0.1) that keeps jobs by IdempotencyToken, as AWS
 * does, and injects faults at random from a seeded generator: 503s, throttles, connection resets
 * before and after it creates the job, and stalls past the client's timeout. It records which
 * call (Metadata.call) each job belongs to, so a test can count jobs created twice.
 */
import { randomUUID } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mulberry32 } from "./seeded-random.js";

export type Fault = "ok" | "503" | "throttle" | "reset-before" | "reset-after" | "stall-after" | "500-after";

export interface FaultServer {
  url: string;
  /** IdempotencyToken → { id, call } */
  jobs: Map<string, { id: string; call: string }>;
  faults: Record<Fault, number>;
  close(): Promise<void>;
}

export async function startFaultServer(options: {
  seed: number;
  faultRate: number;
  stallMs: number;
}): Promise<FaultServer> {
  const random = mulberry32(options.seed);
  const kinds: Fault[] = ["503", "throttle", "reset-before", "reset-after", "stall-after", "500-after"];
  const jobs = new Map<string, { id: string; call: string }>();
  const faults = Object.fromEntries(["ok", ...kinds].map((k) => [k, 0])) as Record<Fault, number>;
  const timers = new Set<NodeJS.Timeout>();
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      "content-type": "application/json",
      "x-amzn-requestid": randomUUID(),
      ...headers,
    });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const fault: Fault =
        random() < options.faultRate ? (kinds[Math.floor(random() * kinds.length)] as Fault) : "ok";
      faults[fault]++;
      if (fault === "503")
        return json(res, 503, { __type: "ServiceUnavailableException", message: "try later" });
      if (fault === "throttle")
        return json(res, 400, { message: "Rate exceeded" }, { "x-amzn-errortype": "ThrottlingException" });
      if (fault === "reset-before") return req.socket.destroy();
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const token: string = body.IdempotencyToken;
      let job = jobs.get(token);
      if (!job) {
        job = { id: randomUUID(), call: body.Metadata.call };
        jobs.set(token, job);
      }
      if (fault === "reset-after") return req.socket.destroy();
      if (fault === "500-after") return json(res, 500, { __type: "InternalFailure", message: "lost" });
      if (fault === "stall-after") {
        const timer = setTimeout(() => req.socket.destroy(), options.stallMs);
        timers.add(timer);
        return;
      }
      json(res, 200, { RestoreJobId: job.id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    jobs,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
