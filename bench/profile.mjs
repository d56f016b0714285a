/**
 * Where a client's time goes at 16 in flight: `node bench/profile.mjs [client] [seconds]` starts
 * the loopback server, runs the throughput worker for that client under `node --cpu-prof`, and
 * prints the functions with the most self time, and the same by package. The profile stays in a
 * temporary directory for Chrome DevTools or speedscope (its path is printed).
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const client = process.argv[2] ?? "ours";
const seconds = Number(process.argv[3] ?? 5);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const server = spawn(process.execPath, [here("./server.mjs")], { stdio: ["pipe", "pipe", "inherit"] });
const { port } = await new Promise((resolve) =>
  server.stdout.once("data", (d) => resolve(JSON.parse(String(d)))),
);
const dir = mkdtempSync(join(tmpdir(), "restore-jobs-profile-"));
try {
  const out = execFileSync(
    process.execPath,
    [
      "--cpu-prof",
      "--cpu-prof-dir",
      dir,
      here("./throughput/worker.mjs"),
      client,
      `http://127.0.0.1:${port}`,
      "1000",
      String(seconds * 1000),
      "16",
    ],
    { cwd: here("../"), encoding: "utf8" },
  );
  console.log(
    `${client}, 16 in flight, ${seconds} s: ${Math.round(JSON.parse(out.trim().split("\n").at(-1)).rps["16"])} req/s (under the profiler)`,
  );
} finally {
  server.kill("SIGTERM");
}

const file = join(
  dir,
  readdirSync(dir).find((f) => f.endsWith(".cpuprofile")),
);
const profile = JSON.parse(readFileSync(file, "utf8"));
const selfUs = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  selfUs.set(node, (selfUs.get(node) ?? 0) + (dt[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const where = ({ url, lineNumber }) => {
  const path = url.replace(/^file:\/\/.*?\/(node_modules\/|dist\/|bench\/)/, "$1");
  return path ? `${path}:${lineNumber + 1}` : "(native)";
};
const byFunction = new Map();
const byPackage = new Map();
for (const [node, us] of selfUs) {
  const f = node.callFrame;
  const key = `${f.functionName || "(anonymous)"} ${where(f)}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const pkg = f.url.startsWith("node:")
    ? "node internals"
    : (f.url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ??
      (f.url.includes("/dist/") ? "restore-jobs (dist)" : f.url ? "bench" : f.functionName || "(native)"));
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}
const show = (map, n) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
    .join("\n");
console.log(
  `\ntop self time by function (of ${(total / 1e6).toFixed(1)} s sampled):\n${show(byFunction, 25)}`,
);
console.log(`\nself time by package:\n${show(byPackage, 12)}`);
console.log(`\nprofile: ${file}`);
