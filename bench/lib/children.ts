/**
 * Every process the bench starts goes through here, so that all of them are stopped on success,
 * failure and SIGINT: each is the leader of its own process group (tsx starts children of its
 * own), and stopping one signals its whole group, SIGTERM then SIGKILL. The Prism mock is started
 * by restore-jobs-cli's startPrism, which keeps its own list: stopAll stops those too, and that
 * module kills any left when the process exits.
 */
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { stopAllPrisms } from "../../packages/restore-jobs-cli/src/verify/prism-process.js";

const live = new Set<ChildProcess>();

export function start(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { detached: true, ...options });
  live.add(child);
  child.once("exit", () => live.delete(child));
  child.once("error", () => live.delete(child));
  return child;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Stops one child and its group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child, "SIGKILL"); // grandchildren it may have left behind
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  signalGroup(child, "SIGKILL");
}

export async function stopAll(): Promise<void> {
  await Promise.all([...[...live].map((child) => stop(child)), stopAllPrisms()]);
}

/** Last resort when the process exits: synchronous SIGKILL of whatever is left. */
export function killAllNow(): void {
  for (const child of live) signalGroup(child, "SIGKILL");
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From spawn to exit. */
  ms: number;
}

/** Runs a command to its end (SIGKILLed after `timeoutMs`), timing it from spawn to exit. */
export function run(
  command: string,
  args: string[],
  { timeoutMs = 120_000, ...options }: SpawnOptions & { timeoutMs?: number } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = start(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), timeoutMs);
    let ms = 0;
    child.once("exit", () => {
      ms = performance.now() - started;
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms });
    });
  });
}

/** The last non-empty stdout line of a helper, parsed as JSON; throws with its stderr when it failed. */
export function lastJsonLine<T>(ran: Ran, what: string): T {
  const line = ran.stdout.trim().split("\n").at(-1) ?? "";
  if (ran.code !== 0 || !line.startsWith("{")) {
    throw new Error(
      `${what} exited with ${ran.code}: ${ran.stderr.trim().split("\n").slice(-5).join(" | ")}`,
    );
  }
  return JSON.parse(line) as T;
}
