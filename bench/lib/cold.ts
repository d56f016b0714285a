/**
 * Part 2: cold start. `node bench/cold/<name>.mjs <endpoint>` imports its client, sends one
 * request to the loopback server and exits; timed from spawn to exit, the programs interleaved
 * (A B C D A B C D ...) so that a slow moment of the machine hits them all alike. One untimed
 * round first warms the file-system cache.
 */
import { fileURLToPath } from "node:url";
import { repoRoot } from "./build.js";
import { run } from "./children.js";

export const coldPrograms = ["ours", "sdk", "fetch", "http"] as const;
export type ColdProgram = (typeof coldPrograms)[number];
export type ColdResult = Record<ColdProgram, number[]>;

async function once(name: ColdProgram, endpoint: string): Promise<number> {
  const file = fileURLToPath(new URL(`../cold/${name}.mjs`, import.meta.url));
  // Not detached: a cold program starts no children, and setsid would add to what is timed.
  const ran = await run(process.execPath, [file, endpoint], {
    cwd: repoRoot,
    detached: false,
    timeoutMs: 30_000,
  });
  if (ran.code !== 0 || ran.stdout.trim() !== "x") {
    throw new Error(`bench/cold/${name}.mjs exited with ${ran.code}: ${ran.stderr.trim().slice(-400)}`);
  }
  return ran.ms;
}

export async function measureColdStart(endpoint: string, runs: number): Promise<ColdResult> {
  for (const name of coldPrograms) await once(name, endpoint);
  const result: ColdResult = { ours: [], sdk: [], fetch: [], http: [] };
  for (let i = 0; i < runs; i++) {
    for (const name of coldPrograms) result[name].push(await once(name, endpoint));
  }
  return result;
}
