/**
 * The cold-start and throughput programs import the built package (`restore-jobs` resolves to
 * packages/restore-jobs/dist/restore-jobs.js, as it does for users). Rebuilds the client with
 * `npm run build -w restore-jobs` when anything under its src/ or generated/ is newer than the build.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "./children.js";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
/** The client package, whose build the bench measures. */
export const clientRoot = join(repoRoot, "packages/restore-jobs");

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Returns a note for the results ("dist/ was up to date" or what the build said). */
export async function ensureBuilt(): Promise<string> {
  const built = await stat(join(clientRoot, "dist/restore-jobs.js")).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = Math.max(
    await newestMtime(join(clientRoot, "src")),
    await newestMtime(join(clientRoot, "generated")),
  );
  if (built > sources) return "dist/ was up to date with src/";
  // What users get: `npm run build` (tsc, then the esbuild bundle the package's main export is).
  const ran = await run("npm", ["run", "--silent", "build", "-w", "restore-jobs"], {
    cwd: repoRoot,
    timeoutMs: 300_000,
  });
  const rebuilt = await stat(join(clientRoot, "dist/restore-jobs.js")).then(
    (s) => s.mtimeMs > built,
    () => false,
  );
  // `tsc && esbuild`: when tsc fails (someone's work in progress), the bundle is not rebuilt and
  // measuring the old one would publish figures of code that is no longer the source.
  if (ran.code !== 0 || !rebuilt) {
    const why = `${ran.stdout.trim().split("\n").slice(0, 5).join(" | ")} ${ran.stderr.trim().slice(0, 500)}`;
    throw new Error(`npm run build failed (exit ${ran.code}), dist/ is older than src/: ${why}`);
  }
  return "dist/ rebuilt from src/ (npm run build)";
}
