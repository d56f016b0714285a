/** Starts the loopback server (bench/server.mjs) in its own process and gives its endpoint. */
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { start, stop } from "./children.js";

const program = fileURLToPath(new URL("../server.mjs", import.meta.url));

export interface LoopbackServer {
  endpoint: string;
  stop(): Promise<void>;
}

export function startLoopbackServer(timeoutMs = 15_000): Promise<LoopbackServer> {
  // stdin stays an open pipe: the server exits when it closes, so it cannot outlive the bench.
  const child: ChildProcess = start(process.execPath, [program], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      void stop(child);
      reject(new Error("the loopback server did not start"));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the loopback server exited with ${code}`));
    });
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const line = out.split("\n")[0];
      if (!out.includes("\n") || line === undefined) return;
      clearTimeout(timer);
      const { port } = JSON.parse(line) as { port: number };
      resolve({ endpoint: `http://127.0.0.1:${port}`, stop: () => stop(child) });
    });
  });
}
