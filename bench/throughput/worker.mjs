/**
 * One client's throughput in a fresh process: `node bench/throughput/worker.mjs <client> <endpoint>
 * <warmupMs> <windowMs> <concurrency,...>`. For each concurrency: a warm-up, then one timed window
 * of `concurrency` loops each sending the next request when its answer is read. Prints
 * `{"<concurrency>": requestsPerSecond, ...}` as its last stdout line.
 */
import { clients } from "../clients.mjs";

const [name, endpoint, warmupMs, windowMs, concurrencies] = process.argv.slice(2);
const make = clients[name ?? ""];
if (!make || !endpoint) {
  console.error("usage: worker.mjs <client> <endpoint> <warmupMs> <windowMs> <concurrency,...>");
  process.exit(2);
}

async function window(client, concurrency, ms) {
  let done = 0;
  const start = performance.now();
  const end = start + ms;
  const loop = async () => {
    while (performance.now() < end) {
      await client.send();
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return done / ((performance.now() - start) / 1000);
}

const client = await make(endpoint);
const result = {};
try {
  for (const concurrency of (concurrencies ?? "1,16").split(",").map(Number)) {
    await window(client, concurrency, Number(warmupMs));
    result[concurrency] = await window(client, concurrency, Number(windowMs));
  }
} finally {
  client.close();
}
console.log(JSON.stringify(result));
