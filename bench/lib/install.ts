/**
 * Bench part 6: install size. What a user's `node_modules` holds after installing each package into an
 * empty project, measured with `du -sk node_modules` (disk blocks): the
 * client (restore-jobs, packed from this checkout), the tools (restore-jobs-cli, with the client
 * tarball beside it, as the registry would serve it) and the AWS SDK's @aws-sdk/client-backup at
 * the version this repository pins. The same npm and cache for all three (`--prefer-offline`).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./build.js";
import { run } from "./children.js";

export interface InstallSize {
  label: string;
  /** `du -sk node_modules`, in bytes. */
  bytes: number;
  /** Packages installed (directories holding a package.json right under a node_modules). */
  packages: number;
}

export interface InstallResult {
  client: InstallSize;
  tools: InstallSize;
  sdk: InstallSize;
}

async function ok(step: string, command: string, args: string[], cwd: string): Promise<string> {
  const ran = await run(command, args, { cwd, timeoutMs: 600_000, detached: false });
  if (ran.code !== 0) throw new Error(`${step} exited with ${ran.code}: ${ran.stderr.trim().slice(-400)}`);
  return ran.stdout;
}

async function countPackages(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = String(entry).split(/[\\/]/);
    if (path.at(-1) !== "package.json") continue;
    const parents = path.slice(0, -1);
    const under = parents.lastIndexOf("node_modules");
    const rest = parents.slice(under + 1);
    if (rest.length === (rest[0]?.startsWith("@") ? 2 : 1)) count++;
  }
  return count;
}

async function installInto(dir: string, label: string, specs: string[]): Promise<InstallSize> {
  await mkdir(dir);
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({ name: "empty", private: true, type: "module" }),
  );
  await ok(
    `npm install ${label}`,
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", ...specs],
    dir,
  );
  const du = await ok("du", "du", ["-sk", "node_modules"], dir);
  const kib = Number.parseInt(du.trim().split(/\s+/)[0] ?? "", 10);
  if (!Number.isFinite(kib)) throw new Error(`du printed no size: ${du.trim()}`);
  // node_modules itself is not a package: count what is under it.
  return { label, bytes: kib * 1024, packages: await countPackages(join(dir, "node_modules")) };
}

export async function measureInstallSizes(): Promise<InstallResult> {
  const dir = await mkdtemp(join(tmpdir(), "restore-jobs-bench-install-"));
  try {
    const packDir = join(dir, "pack");
    await mkdir(packDir);
    // The client was built by ensureBuilt; the tools' dist by `npm run build` (its prepack).
    await ok(
      "npm run build -w restore-jobs-cli",
      "npm",
      ["run", "--silent", "build", "-w", "restore-jobs-cli"],
      repoRoot,
    );
    await ok(
      "npm pack",
      "npm",
      [
        "pack",
        "--ignore-scripts",
        "-w",
        "restore-jobs",
        "-w",
        "restore-jobs-cli",
        "--pack-destination",
        packDir,
      ],
      repoRoot,
    );
    const packed = await readdir(packDir);
    const tarball = (pattern: RegExp) => {
      const name = packed.find((file) => pattern.test(file));
      if (!name) throw new Error(`npm pack made no tarball matching ${pattern}: ${packed.join(", ")}`);
      return join(packDir, name);
    };
    const client = tarball(/^restore-jobs-\d/);
    const tools = tarball(/^restore-jobs-cli-\d/);
    const sdkVersion = (
      JSON.parse(
        await readFile(join(repoRoot, "node_modules/@aws-sdk/client-backup/package.json"), "utf8"),
      ) as { version: string }
    ).version;
    return {
      client: await installInto(join(dir, "client"), "restore-jobs", [client]),
      tools: await installInto(join(dir, "tools"), "restore-jobs-cli", [tools, client]),
      sdk: await installInto(join(dir, "sdk"), "@aws-sdk/client-backup", [
        `@aws-sdk/client-backup@${sdkVersion}`,
      ]),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
