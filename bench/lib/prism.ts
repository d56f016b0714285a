/** Starts the embedded Prism mock of the spec on a free loopback port, for the mock's capacity. */
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { repoRoot } from "./build.js";
import { start, stop } from "./children.js";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export interface RunningPrism {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startPrism(timeoutMs = 60_000): Promise<RunningPrism> {
  const port = await freePort();
  const prism = join(repoRoot, "node_modules/.bin/prism");
  const child = start(
    prism,
    ["mock", "-h", "127.0.0.1", "-p", String(port), "packages/restore-jobs/openapi/restore-jobs.yaml"],
    {
      cwd: repoRoot,
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (!(await accepts(port))) {
      if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}: ${stderr.trim()}`);
      if (Date.now() > deadline) throw new Error(`Prism did not listen within ${timeoutMs} ms`);
      await sleep(100);
    }
  } catch (error) {
    await stop(child);
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => stop(child) };
}
