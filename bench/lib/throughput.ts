/**
 * Bench part 3: throughput against the loopback server. Each round starts one fresh process per
 * client (bench/throughput/worker.mjs: warm-up, then a fixed window one at a time, then the same
 * 16 at a time); the clients take turns within a round, in a rotated order; the figure is the
 * median of the rounds. Every run is checked against the server's own counters (see
 * `checkWork`): a client that failed, retried, sent another request or did not keep its
 * connections alive gets no figure, the part fails instead.
 */
import { fileURLToPath } from "node:url";
import { repoRoot } from "./build.js";
import { lastJsonLine, run } from "./children.js";

export const throughputClients = ["ours", "sdk", "fetch", "http"] as const;
export type ThroughputClient = (typeof throughputClients)[number] | "http-signed";
export const concurrencies = [1, 16] as const;
export type Concurrency = (typeof concurrencies)[number];
/** One sample per round, by concurrency. */
export type ClientSamples = Record<Concurrency, number[]>;

export interface ClientFigures {
  /** Requests per second (successful answers only). */
  rps: ClientSamples;
  /** The client process's CPU time per request, in µs: less sensitive to other load than req/s. */
  cpuUs: ClientSamples;
  /** The loopback server's CPU time over wall time during the window (1 = one core). */
  serverBusy: ClientSamples;
  /** New connections the server saw per run, and requests it checked, summed over the rounds. */
  connections: Record<Concurrency, number>;
  requests: number;
}

export interface ServerCheck {
  /** The raw node:http floor alone, 16 in flight, and two of it at once (summed), req/s. */
  alone: number;
  together: number;
  /** The server's CPU time over wall time while the two ran. */
  busyTogether: number;
}

export interface ThroughputResult {
  clients: Record<(typeof throughputClients)[number], ClientFigures>;
  server: ServerCheck;
}

export interface Window {
  warmupMs: number;
  windowMs: number;
}

interface ServerCounters {
  requests: number;
  wrong: number;
  signed: number;
  connections: number;
  firstWrong: string;
  busy: number;
}

/** What the worker prints, by concurrency. */
export interface WorkerOutput {
  rps: Record<string, number>;
  errors: Record<string, number>;
  firstError: Record<string, string>;
  clientCpuUs: Record<string, number>;
  sent: Record<string, number>;
  server?: Record<string, ServerCounters>;
}

const worker = fileURLToPath(new URL("../throughput/worker.mjs", import.meta.url));
const signedClients: ReadonlySet<ThroughputClient> = new Set(["ours", "sdk", "http-signed"]);

/**
 * The run did the same work as every other: no request failed; with the server's counters, the
 * server saw exactly the requests the client sent (no hidden retries), none of them other than
 * the bench's PUT, each signed (ours, the SDK) or not (the floors), over at most a few
 * connections per request in flight (keep-alive). Throws what is wrong.
 */
export function checkWork(client: ThroughputClient, out: WorkerOutput, shared = false): void {
  const problems: string[] = [];
  for (const c of Object.keys(out.rps)) {
    const errors = out.errors[c] ?? 0;
    const sent = out.sent[c] ?? 0;
    if (errors) problems.push(`${errors} of ${sent} requests failed ${c} at a time (${out.firstError[c]})`);
    if (!((out.rps[c] ?? 0) > 0)) problems.push(`no answer ${c} at a time`);
    const seen = out.server?.[c];
    if (!seen) continue;
    if (seen.wrong)
      problems.push(`${c} at a time: ${seen.wrong} requests were not the bench's: ${seen.firstWrong}`);
    // With two clients on the server at once, its counters hold both: only "wrong" is theirs alone.
    if (shared) continue;
    if (seen.requests !== sent)
      problems.push(`${c} at a time: the client sent ${sent} requests, the server saw ${seen.requests}`);
    const signed = signedClients.has(client) ? seen.requests : 0;
    if (seen.signed !== signed)
      problems.push(`${c} at a time: ${seen.signed} of ${seen.requests} requests signed, expected ${signed}`);
    if (seen.connections > 2 * Number(c) + 2)
      problems.push(
        `${c} at a time: ${seen.connections} new connections for ${c} in flight (no keep-alive?)`,
      );
  }
  if (problems.length) throw new Error(`throughput ${client}: ${problems.join("; ")}`);
}

/** One fresh process measuring one client at each concurrency, checked with `checkWork`. */
export async function measureOnce(
  client: ThroughputClient,
  endpoint: string,
  { warmupMs, windowMs }: Window,
  {
    serverStats = true,
    shared = false,
    levels = concurrencies as readonly number[],
    nodeFlags = [] as string[],
  } = {},
): Promise<WorkerOutput> {
  const args = [
    ...nodeFlags,
    worker,
    client,
    endpoint,
    String(warmupMs),
    String(windowMs),
    levels.join(","),
    ...(serverStats ? ["stats"] : []),
  ];
  const timeoutMs = 60_000 + 4 * (warmupMs + windowMs);
  const ran = await run(process.execPath, args, { cwd: repoRoot, timeoutMs });
  const out = lastJsonLine<WorkerOutput>(ran, `throughput worker (${client})`);
  checkWork(client, out, shared);
  return out;
}

const samples = (): ClientSamples => ({ 1: [], 16: [] });

export async function measureThroughput(
  endpoint: string,
  rounds: number,
  window: Window,
): Promise<ThroughputResult> {
  const clients = Object.fromEntries(
    throughputClients.map((c) => [
      c,
      {
        rps: samples(),
        cpuUs: samples(),
        serverBusy: samples(),
        connections: { 1: 0, 16: 0 },
        requests: 0,
      } satisfies ClientFigures,
    ]),
  ) as Record<(typeof throughputClients)[number], ClientFigures>;
  for (let round = 0; round < rounds; round++) {
    const order = throughputClients.map((_, i) => throughputClients[(i + round) % throughputClients.length]!);
    for (const client of order) {
      const out = await measureOnce(client, endpoint, window);
      const figures = clients[client];
      for (const c of concurrencies) {
        figures.rps[c].push(out.rps[c] ?? Number.NaN);
        figures.cpuUs[c].push(out.clientCpuUs[c] ?? Number.NaN);
        figures.serverBusy[c].push(out.server?.[c]?.busy ?? Number.NaN);
        figures.connections[c] += out.server?.[c]?.connections ?? 0;
        figures.requests += out.server?.[c]?.requests ?? 0;
      }
    }
  }
  return { clients, server: await measureServer(endpoint, window) };
}

/**
 * Is the server the bottleneck of the raw node:http floor at 16 in flight? The floor alone, then
 * two of it at once: if two clients together get no more than one, the server (or the machine's
 * two cores, shared by the clients and the server) is the limit, and the floor says so much
 * about the server as about node:http. Reported beside the table, not part of any goal.
 */
async function measureServer(endpoint: string, window: Window): Promise<ServerCheck> {
  const levels = [16];
  const alone = await measureOnce("http", endpoint, window, { levels });
  const pair = await Promise.all([
    measureOnce("http", endpoint, window, { levels, shared: true }),
    measureOnce("http", endpoint, window, { levels, shared: true }),
  ]);
  return {
    alone: alone.rps[16] ?? Number.NaN,
    together: pair.reduce((sum, out) => sum + (out.rps[16] ?? Number.NaN), 0),
    busyTogether: Math.max(...pair.map((out) => out.server?.[16]?.busy ?? Number.NaN)),
  };
}
