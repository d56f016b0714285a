/**
 * The loopback server of the benchmarks, run as its own process so it never shares the client's
 * event loop: node:http, keep-alive, answers at once with the AWS wire format both clients
 * understand. Prints `{"port":N}` when listening; exits on SIGTERM/SIGINT or when its parent
 * closes stdin (so it cannot outlive the bench).
 *
 * It also checks that every contender does the same work: every request must be PUT /restore-jobs
 * with the bench's body byte for byte, but for the 36 characters of the idempotency token (a
 * fresh UUID per request from ours and the SDK); anything else is answered 400 and counted as
 * wrong. Two memcmp's per request: the check costs the server next to nothing. `GET /__bench/stats` answers cumulative counters
 * (requests, wrong, signed, connections, the server's CPU time) for the throughput worker to
 * take differences of; it is not counted itself.
 */
import http from "node:http";
import { json } from "./payload.mjs";

const answer = Buffer.from('{"RestoreJobId":"x"}');
const headers = {
  "content-type": "application/json",
  "content-length": String(answer.length),
  "x-amzn-requestid": "bench",
};
const expected = Buffer.from(json);
const tokenStart = json.indexOf('"IdempotencyToken":"') + '"IdempotencyToken":"'.length;
const tokenEnd = tokenStart + 36;
const uuidByte = (b) => (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || b === 0x2d; // 0-9 a-f -

const stats = { requests: 0, wrong: 0, signed: 0, connections: 0, firstWrong: "" };
const counted = new WeakSet();

function judge(req, body) {
  if (req.method !== "PUT" || req.url !== "/restore-jobs") return `${req.method} ${req.url}`;
  if (body.length !== expected.length) return `a body of ${body.length} bytes, not ${expected.length}`;
  const same =
    body.compare(expected, 0, tokenStart, 0, tokenStart) === 0 &&
    body.compare(expected, tokenEnd, expected.length, tokenEnd, expected.length) === 0;
  if (!same) return "a body of the right length but other bytes";
  for (let i = tokenStart; i < tokenEnd; i++)
    if (!uuidByte(body[i])) return "an idempotency token that is no UUID";
  return "";
}

const server = http.createServer((req, res) => {
  if (req.url === "/__bench/stats") {
    req.resume();
    const cpu = process.cpuUsage();
    const body = JSON.stringify({ ...stats, cpuUs: cpu.user + cpu.system, atMs: performance.now() });
    res.writeHead(200, { "content-type": "application/json", connection: "close" }).end(body);
    return;
  }
  if (!counted.has(req.socket)) {
    counted.add(req.socket);
    stats.connections++;
  }
  stats.requests++;
  if (req.headers.authorization?.startsWith("AWS4-HMAC-SHA256 ")) stats.signed++;
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const wrong = judge(req, body);
    if (!wrong) return res.writeHead(200, headers).end(answer);
    stats.wrong++;
    stats.firstWrong ||= wrong;
    res.writeHead(400, { "content-type": "text/plain" }).end(`bench server: ${wrong}`);
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.requestTimeout = 0;

const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop).resume();

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
