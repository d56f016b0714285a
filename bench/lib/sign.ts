/** Bench part 4: runs bench/sign/worker.mjs in a fresh process; ops/s per signer, one sample per round. */
import { fileURLToPath } from "node:url";
import { repoRoot } from "./build.js";
import { lastJsonLine, run } from "./children.js";

export type SignResult = Record<string, number[]>;

export async function measureSigning(opsPerRound: number, rounds: number): Promise<SignResult> {
  const worker = fileURLToPath(new URL("../sign/worker.mjs", import.meta.url));
  const ran = await run(process.execPath, [worker, String(opsPerRound), String(rounds)], {
    cwd: repoRoot,
    timeoutMs: 300_000,
  });
  return lastJsonLine<SignResult>(ran, "signing worker");
}
