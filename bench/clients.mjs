/**
 * The clients the throughput benchmark drives, each as `{ send(): Promise<void>, close() }` over
 * the same PUT /restore-jobs: ours (the built package, by its own name), the AWS SDK, and the
 * unsigned floors, raw `fetch` and raw `node:http` with a keep-alive Agent. `http-signed` is the
 * floor plus our signing per request: the load generator for the mock's capacity (part 5).
 * Every contender reads and parses the whole answer and fails unless it carries a RestoreJobId:
 * the SDK parses it into its output, ours into `{ id }`, the floors with JSON.parse.
 */
import http from "node:http";
import { credentials, input, json, region } from "./payload.mjs";

const path = "/restore-jobs";

/**
 * The answer's restore job id, or a failure: a contender that gets no id has not done the work.
 * The AWS wire's `RestoreJobId` (the loopback server), or the documented envelope's `data.id`
 * (what the embedded Prism mock answers, for the mock's capacity).
 */
function restoreJobId(status, text) {
  if (status !== 200) throw new Error(`status ${status}: ${text.slice(0, 200)}`);
  const body = JSON.parse(text);
  const id = body.RestoreJobId ?? (body.success === true ? body.data?.id : undefined);
  if (typeof id !== "string" || id === "") throw new Error(`no RestoreJobId in ${text.slice(0, 200)}`);
  return id;
}

function rawHttp(endpoint, headersFor) {
  const url = new URL(path, endpoint);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const body = Buffer.from(json);
  const send = () =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { agent, method: "PUT", hostname: url.hostname, port: url.port, path, headers: headersFor(url) },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => {
            text += chunk;
          });
          res.on("end", () => {
            try {
              resolve(restoreJobId(res.statusCode, text));
            } catch (error) {
              reject(error);
            }
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}

const fixedHeaders = {
  "content-type": "application/json",
  "content-length": String(Buffer.byteLength(json)),
};

export const clients = {
  async ours(endpoint) {
    const { createRestoreJobsClient } = await import("restore-jobs");
    const client = createRestoreJobsClient({ region, endpoint, credentials });
    return {
      async send() {
        const { id } = await client.startRestoreJob(input);
        if (typeof id !== "string" || id === "") throw new Error("no id");
      },
      close() {},
    };
  },
  async sdk(endpoint) {
    const { BackupClient, StartRestoreJobCommand } = await import("@aws-sdk/client-backup");
    const sdk = new BackupClient({ region, endpoint, credentials });
    return {
      async send() {
        const { RestoreJobId } = await sdk.send(new StartRestoreJobCommand(input));
        if (typeof RestoreJobId !== "string" || RestoreJobId === "") throw new Error("no RestoreJobId");
      },
      close: () => sdk.destroy(),
    };
  },
  async fetch(endpoint) {
    const url = new URL(path, endpoint).href;
    return {
      async send() {
        const res = await fetch(url, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: json,
        });
        restoreJobId(res.status, await res.text());
      },
      close() {},
    };
  },
  async http(endpoint) {
    return rawHttp(endpoint, () => fixedHeaders);
  },
  async "http-signed"(endpoint) {
    const { signRequest } = await import("restore-jobs");
    return rawHttp(endpoint, (url) =>
      signRequest({ method: "PUT", url, headers: fixedHeaders, body: json }, { credentials, region }),
    );
  },
};
