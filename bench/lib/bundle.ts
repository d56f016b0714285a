/**
 * Bench part 1: the bundle of a small program that starts one restore job (bench/programs/*.mjs, the
 * same program for both, each importing its client by package name as users do), bundled by
 * esbuild with the same options for both (Node, ESM, minified, the same banner) and gzipped at
 * level 9; the AWS SDK also without `module` main fields (`mainFields [main]`), a second figure. Each
 * bundle is run once against the loopback server (which refuses any other request than the
 * bench's), so a size is only reported for a bundle that works: one that does not fails the part.
 * Beside it, a program that calls all eight restore-job operations (ours-eight.mjs, sdk-eight.mjs),
 * run once against the fake AWS Backup (test-support/fake-backup/, every request's SigV4 verified).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { startFakeBackup } from "../../test-support/fake-backup/server.js";
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
  /** The program that calls all eight operations. */
  oursEight: BundleSize;
  sdkEight: BundleSize;
}

async function bundle(
  label: string,
  entry: string,
  mainFields: string[],
  endpoint: string,
  dir: string,
  /** What the program prints when every answer was right. */
  expected = "x",
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
  if (ran.code !== 0 || ran.stdout.trim() !== expected)
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

/** Runs `fn` with a fake AWS Backup that knows the recovery point the eight-call programs restore. */
async function withBenchFake<T>(fn: (endpoint: string) => Promise<T>): Promise<T> {
  const fake = await startFakeBackup({
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "bench-dummy-secret-not-a-key" },
  });
  fake.store.addRecoveryPoint({
    BackupVaultName: "bench-vault",
    RecoveryPointArn:
      "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45",
    SourceResourceArn: "arn:aws:ec2:us-east-1:123456789012:volume/vol-0123456789abcdef0",
    ResourceType: "EBS",
    RestoreMetadata: { availabilityZone: "us-east-1a", volumeType: "gp3", volumeSize: "100" },
  });
  try {
    return await fn(fake.url);
  } finally {
    await fake.close();
  }
}

export async function measureBundles(endpoint: string): Promise<BundleResult> {
  const dir = await mkdtemp(join(tmpdir(), "restore-jobs-bench-bundle-"));
  try {
    // Each eight-call program against a fresh fake: each finds exactly its own job.
    const eight = (label: string, entry: string) =>
      withBenchFake((fakeUrl) => bundle(label, entry, ["module", "main"], fakeUrl, dir, "ok"));
    return {
      oursEight: await eight("ours, eight operations", "bench/programs/ours-eight.mjs"),
      sdkEight: await eight("AWS SDK, eight operations", "bench/programs/sdk-eight.mjs"),
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
