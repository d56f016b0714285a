/**
 * Bench part 2: cold start. `node bench/cold/<name>.mjs <endpoint>` imports its client, sends one
 * request to the loopback server, checks the answer and exits (non-zero when it got none: a program
 * that fails is fast); timed from spawn to exit, the programs interleaved and their order rotated
 * each round (A B C D, B C D A, ...) so that a slow moment of the machine, or following a heavier
 * program, hits them all alike. One untimed round first warms the file-system cache. The server
 * answers 400 to a request that is not the bench's, so each program also proves it sent it.
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
    for (let j = 0; j < coldPrograms.length; j++) {
      const name = coldPrograms[(i + j) % coldPrograms.length]!;
      result[name].push(await once(name, endpoint));
    }
  }
  return result;
}
