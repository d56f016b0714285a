/**
 * Bench part 1: the bundle of a small program that starts one restore job (bench/programs/*.mjs, the
 * same program for both, each importing its client by package name as users do), bundled by
 * esbuild with the same options for both (Node, ESM, minified, the same banner) and gzipped at
 * level 9; the AWS SDK also without `module` main fields (`mainFields [main]`), a second figure. Each
 * bundle is run once against the loopback server (which refuses any other request than the
 * bench's), so a size is only reported for a bundle that works: one that does not fails the part.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { repoRoot } from "./build.js";
import { run } from "./children.js";

/**
 * An ESM bundle of CommonJS code (aws4, parts of the SDK) calls `require` for Node's built-ins;
 * esbuild's ESM output has none, so every bundle gets the same two-statement banner.
 */
const banner = "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

export interface BundleSize {
  label: string;
  minified: number;
  gzip: number;
  /** The bundle ran and got the answer (a bundle that does not throws instead). */
  runs: true;
  /** The largest inputs by bytes in the minified output. */
  largest: { path: string; bytes: number }[];
}

export interface BundleResult {
  ours: BundleSize;
  sdk: BundleSize;
  sdkMainOnly: BundleSize;
}

async function bundle(
  label: string,
  entry: string,
  mainFields: string[],
  endpoint: string,
  dir: string,
): Promise<BundleSize> {
  const result = await build({
    absWorkingDir: repoRoot,
    // As in a user's project: the repository's tsconfig.json maps `restore-jobs` to the client's
    // source for development; the bundle is of the package as published (its dist/).
    tsconfigRaw: "{}",
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    mainFields,
    banner: { js: banner },
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced nothing for ${entry}`);
  const file = join(dir, `${label.replace(/\W+/g, "-")}.mjs`);
  await writeFile(file, code);
  const ran = await run(process.execPath, [file, endpoint], { timeoutMs: 30_000, detached: false });
  if (ran.code !== 0 || ran.stdout.trim() !== "x")
    throw new Error(`the ${label} bundle does not run: exit ${ran.code}: ${ran.stderr.trim().slice(-300)}`);
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  return {
    label,
    minified: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    runs: true,
    largest: Object.entries(inputs)
      .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 6),
  };
}

export async function measureBundles(endpoint: string): Promise<BundleResult> {
  const dir = await mkdtemp(join(tmpdir(), "restore-jobs-bench-bundle-"));
  try {
    return {
      ours: await bundle("ours", "bench/programs/ours.mjs", ["module", "main"], endpoint, dir),
      sdk: await bundle("AWS SDK", "bench/programs/sdk.mjs", ["module", "main"], endpoint, dir),
      sdkMainOnly: await bundle(
        "AWS SDK, mainFields [main]",
        "bench/programs/sdk.mjs",
        ["main"],
        endpoint,
        dir,
      ),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
