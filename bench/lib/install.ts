/**
 * Bench part 6: install size. What a user's `node_modules` holds after installing each package into an
 * empty project, measured with `du -sk node_modules` (disk blocks): the
 * client (restore-jobs, packed from this checkout), the tools (restore-jobs-cli, with the client
 * tarball beside it, as the registry would serve it) and the AWS SDK's @aws-sdk/client-backup at
 * the version this repository pins. The same npm and cache for all three (`--prefer-offline`).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installedPackages, packBoth } from "../../test-support/packing.js";
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
  return { label, bytes: kib * 1024, packages: (await installedPackages(dir)).length };
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
    const { client, tools } = await packBoth(packDir);
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
