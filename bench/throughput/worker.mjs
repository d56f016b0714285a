/**
 * One client's throughput in a fresh process: `node bench/throughput/worker.mjs <client> <endpoint>
 * <warmupMs> <windowMs> <concurrency,...> [stats]`. For each concurrency: a warm-up, then one timed
 * window of `concurrency` loops each sending the next request when its answer is read. A request
 * that fails is counted (not retried, not timed as a success) and the loop goes on; only answers
 * that succeeded count towards requests per second.
 *
 * With `stats` (the bench's own loopback server), the server's counters are read before and after
 * each window, so the caller can check that the server saw exactly the requests this client sent,
 * all of them the bench's request, signed or not as the client should, over kept-alive
 * connections, and how busy the server was.
 *
 * Prints one JSON line: `{ rps, errors, firstError, clientCpuUs, sent, server? }`, by concurrency.
 */
import http from "node:http";
import { clients } from "../clients.mjs";

const [name, endpoint, warmupMs, windowMs, concurrencies, withStats] = process.argv.slice(2);
const make = clients[name ?? ""];
if (!make || !endpoint) {
  console.error("usage: worker.mjs <client> <endpoint> <warmupMs> <windowMs> <concurrency,...> [stats]");
  process.exit(2);
}

/** The loopback server's cumulative counters, over a connection of its own (not kept alive). */
function serverStats() {
  return new Promise((resolve, reject) => {
    http
      .get(new URL("/__bench/stats", endpoint), { agent: false }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve(JSON.parse(text)));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

const counters = ["requests", "wrong", "signed", "connections", "cpuUs", "atMs"];
const minus = (after, before) =>
  Object.fromEntries(counters.map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]));

async function window(client, concurrency, ms) {
  let ok = 0;
  let errors = 0;
  let firstError = "";
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + ms;
  const loop = async () => {
    while (performance.now() < end) {
      try {
        await client.send();
        ok++;
      } catch (error) {
        errors++;
        firstError ||= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { rps: ok / seconds, ok, errors, firstError, cpuUs: used.user + used.system };
}

const client = await make(endpoint);
const out = {
  rps: {},
  errors: {},
  firstError: {},
  clientCpuUs: {},
  sent: {},
  server: withStats ? {} : undefined,
};
try {
  for (const concurrency of (concurrencies ?? "1,16").split(",").map(Number)) {
    const before = withStats ? await serverStats() : undefined;
    const warm = await window(client, concurrency, Number(warmupMs));
    const between = withStats ? await serverStats() : undefined;
    const timed = await window(client, concurrency, Number(windowMs));
    out.rps[concurrency] = timed.rps;
    out.errors[concurrency] = warm.errors + timed.errors;
    out.firstError[concurrency] = warm.firstError || timed.firstError;
    out.clientCpuUs[concurrency] = timed.ok ? timed.cpuUs / timed.ok : Number.NaN;
    out.sent[concurrency] = warm.ok + warm.errors + timed.ok + timed.errors;
    if (withStats) {
      const after = await serverStats();
      out.server[concurrency] = {
        ...minus(after, before),
        firstWrong: after.firstWrong,
        /** The timed window only: the server's CPU time over wall time (1 = one core busy). */
        busy: (after.cpuUs - between.cpuUs) / 1000 / (after.atMs - between.atMs),
      };
    }
  }
} finally {
  client.close();
}
console.log(JSON.stringify(out));
