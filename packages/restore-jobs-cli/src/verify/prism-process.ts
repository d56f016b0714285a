import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { connect, createServer } from "node:net";
import { dirname, join } from "node:path";
import { VerifyCannotRun } from "./errors.js";

/** A running Prism (mock or validation proxy) and how to stop it. */
export interface PrismProcess {
  url: URL;
  pid: number | undefined;
  /** Why Prism is no longer running, with the end of its output; undefined while it runs. */
  exitedBecause(): string | undefined;
  stop(): Promise<void>;
}

/** A free TCP port of 127.0.0.1: listen on port 0, read the port, close. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Prism's command-line script, resolved from this package's own dependency (not a global
 * install), so it works from the repository and from the installed tarball alike.
 */
function prismBin(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve("@stoplight/prism-cli/package.json");
  const bin = (require(packageJson) as { bin: string | Record<string, string> }).bin;
  return join(dirname(packageJson), typeof bin === "string" ? bin : (bin.prism ?? "dist/index.js"));
}

/**
 * Loaded into Prism before its own code: Prism's stdin is a pipe from this process, which the
 * system closes when this process ends, however it ends. A SIGKILL (a CI runner's timeout) runs
 * no handler here, and Prism, detached in its own process group, would otherwise live on.
 */
const exitWhenParentGoes = `data:text/javascript,${encodeURIComponent(
  'process.stdin.on("end", () => process.exit(0)).on("error", () => process.exit(0)).resume();',
)}`;

const live = new Set<ChildProcess>();
let killingOnExit = false;

/**
 * Last resort: a Prism still running when this process exits is killed with it. Registered when
 * the first Prism starts, once: importing this module changes nothing in the process.
 */
function killLiveOnExit(): void {
  if (killingOnExit) return;
  killingOnExit = true;
  process.once("exit", () => {
    for (const child of live) killGroup(child, "SIGKILL");
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Prism runs in its own process group (detached), so this reaches anything it spawned too.
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Whether something accepts a TCP connection on 127.0.0.1:`port`. */
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

/**
 * Prism's log level. Prism formats every request's log lines (pino JSON, repaired and re-parsed,
 * coloured by signale), which costs it about as much CPU as answering: measured on the job's own
 * cases, half of Prism's time per request. The job reads none of it, so Prism logs only what is
 * fatal (a spec it cannot load), unless RESTORE_JOBS_VERIFY_PRISM_LOG asks for its whole log.
 */
const logLevel = () => (process.env.RESTORE_JOBS_VERIFY_PRISM_LOG ? "info" : "fatal");

/**
 * Starts `prism mock <spec>` (static examples: the same request gets the same answer) or
 * `prism proxy <spec> <upstream>` on a free port of 127.0.0.1 and waits until it listens.
 */
export async function startPrism(
  specPath: string,
  upstream?: URL,
  startTimeoutMs = 30_000,
): Promise<PrismProcess> {
  killLiveOnExit();
  const port = await freePort();
  const mode = upstream ? ["proxy", specPath, upstream.href] : ["mock", specPath];
  const child = spawn(
    process.execPath,
    [
      "--import",
      exitWhenParentGoes,
      prismBin(),
      ...mode,
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "-v",
      logLevel(),
    ],
    {
      detached: process.platform !== "win32",
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    },
  );
  live.add(child);
  let output = "";
  // Prism's fatal log line (`[CLI] ✖  fatal  <why>`), kept apart: its usage text, printed after it
  // on the other stream, can push it out of the output's kept end.
  let fatal: string | undefined;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return void live.delete(child);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 2000);
    await exited;
    clearTimeout(timer);
    live.delete(child);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Prism did not start within ${startTimeoutMs} ms`)),
        startTimeoutMs,
      );
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        error ? reject(error) : resolve();
      };
      const onData = (chunk: Buffer) => {
        const text = output + chunk.toString("utf8");
        // Whole lines only: a chunk can end inside one.
        fatal ??= text
          .split("\n")
          .slice(0, -1)
          .find((line) => /✖\s+fatal\b/.test(line));
        output = text.slice(-4000);
        if (output.includes("Prism is listening on")) settle();
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.once("error", (error) => settle(error));
      // On "close", not "exit": its output is then read to the end, the fatal line included.
      child.once("close", (code) => settle(new Error(`Prism exited with status ${code} before listening`)));
      // Below the info level Prism does not say it listens: the port answering says it.
      const poll = async () => {
        while (!settled) {
          if (await accepts(port)) return settle();
          await new Promise((wait) => setTimeout(wait, 50));
        }
      };
      void poll();
    });
  } catch (error) {
    await stop();
    throw new VerifyCannotRun(
      "PRISM_START_FAILED",
      `${(error as Error).message}\n${lastWords(output, fatal)}`,
    );
  }
  // Keep the end of its output (drained, so a full pipe never blocks it) to explain a crash.
  let exit: string | undefined;
  let stopping = false;
  child.once("exit", (code, signal) => {
    if (!stopping)
      exit = `Prism exited (${signal ?? `status ${code}`}) while the job ran:\n${output.trim().split("\n").slice(-15).join("\n")}`;
  });
  if (process.env.RESTORE_JOBS_VERIFY_PRISM_LOG) {
    const { createWriteStream } = await import("node:fs");
    const log = createWriteStream(process.env.RESTORE_JOBS_VERIFY_PRISM_LOG);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    pid: child.pid,
    exitedBecause: () => exit,
    stop: () => {
      stopping = true;
      return stop();
    },
  };
}

/**
 * What Prism said before it stopped: its fatal line (a spec it cannot load says why there), then
 * the end of its output (an error's dump ends there).
 */
function lastWords(output: string, fatal: string | undefined): string {
  const lines = output.trim().split("\n");
  return [...new Set([...(fatal ? [fatal] : []), ...lines.slice(-5)])].join("\n");
}

/** Stops every Prism this process started (Ctrl-C, SIGTERM). */
export async function stopAllPrisms(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          killGroup(child, "SIGTERM");
          setTimeout(() => {
            killGroup(child, "SIGKILL");
            resolve();
          }, 2000).unref();
        }),
    ),
  );
  live.clear();
}
