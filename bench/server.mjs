/**
 * The loopback server of the benchmarks, run as its own process so it never shares the client's
 * event loop: node:http, keep-alive, drains the request body without parsing it and answers at
 * once with the AWS wire format both clients understand. Prints `{"port":N}` when listening;
 * exits on SIGTERM/SIGINT or when its parent closes stdin (so it cannot outlive the bench).
 */
import http from "node:http";

const answer = Buffer.from('{"RestoreJobId":"x"}');
const headers = {
  "content-type": "application/json",
  "content-length": String(answer.length),
  "x-amzn-requestid": "bench",
};

const server = http.createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => res.writeHead(200, headers).end(answer));
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
