/**
 * Part 3: throughput against the loopback server. Each round starts one fresh process per
 * client (bench/throughput/worker.mjs: warm-up, then a fixed window one at a time, then the same
 * 16 at a time); the clients take turns within a round, in a rotated order; the figure is the
 * median of the rounds.
 */
import { fileURLToPath } from "node:url";
import { repoRoot } from "./build.js";
import { lastJsonLine, run } from "./children.js";

export const throughputClients = ["ours", "sdk", "fetch", "http"] as const;
export type ThroughputClient = (typeof throughputClients)[number] | "http-signed";
export const concurrencies = [1, 16] as const;
/** Requests per second by concurrency, one sample per round. */
export type ClientSamples = Record<(typeof concurrencies)[number], number[]>;

export interface Window {
  warmupMs: number;
  windowMs: number;
}

const worker = fileURLToPath(new URL("../throughput/worker.mjs", import.meta.url));

/** One fresh process measuring one client at each concurrency; requests per second. */
export async function measureOnce(
  client: ThroughputClient,
  endpoint: string,
  { warmupMs, windowMs }: Window,
  nodeFlags: string[] = [],
): Promise<Record<string, number>> {
  const args = [
    ...nodeFlags,
    worker,
    client,
    endpoint,
    String(warmupMs),
    String(windowMs),
    concurrencies.join(","),
  ];
  const timeoutMs = 60_000 + 4 * (warmupMs + windowMs);
  const ran = await run(process.execPath, args, { cwd: repoRoot, timeoutMs });
  return lastJsonLine<Record<string, number>>(ran, `throughput worker (${client})`);
}

export async function measureThroughput(
  endpoint: string,
  rounds: number,
  window: Window,
): Promise<Record<(typeof throughputClients)[number], ClientSamples>> {
  const result = Object.fromEntries(
    throughputClients.map((c) => [c, { 1: [], 16: [] }]),
  ) as unknown as Record<(typeof throughputClients)[number], ClientSamples>;
  for (let round = 0; round < rounds; round++) {
    const order = throughputClients.map((_, i) => throughputClients[(i + round) % throughputClients.length]!);
    for (const client of order) {
      const rps = await measureOnce(client, endpoint, window);
      for (const c of concurrencies) result[client][c].push(rps[c] ?? Number.NaN);
    }
  }
  return result;
}
