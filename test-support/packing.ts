/**
 * The two packages as users get them, for the packages test and the bench's install-size part:
 * both tarballs packed from this checkout, and what an install put in a project's node_modules.
 */
import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export interface Tarballs {
  /** restore-jobs, the client. */
  client: string;
  /** restore-jobs-cli, the tools. */
  tools: string;
}

/**
 * `npm pack` of both workspaces into `dir`, from their dist/ as built (`--ignore-scripts`: packing
 * must not rebuild dist/ while other tests or bench programs import it).
 */
export async function packBoth(dir: string): Promise<Tarballs> {
  const args = [
    "pack",
    "--ignore-scripts",
    "-w",
    "restore-jobs",
    "-w",
    "restore-jobs-cli",
    "--pack-destination",
    dir,
  ];
  await promisify(execFile)("npm", args, { cwd: repoRoot, maxBuffer: 16 * 2 ** 20 });
  const packed = await readdir(dir);
  const find = (pattern: RegExp) => {
    const name = packed.find((file) => pattern.test(file));
    if (!name)
      throw new Error(`npm pack made no tarball matching ${pattern} in ${dir}: ${packed.join(", ")}`);
    return join(dir, name);
  };
  return { client: find(/^restore-jobs-\d/), tools: find(/^restore-jobs-cli-\d/) };
}

/**
 * Every package installed under `project`'s node_modules, at any depth (node_modules/<name> or
 * node_modules/@scope/<name> holding a package.json), as many times as it is installed, sorted.
 */
export async function installedPackages(project: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(join(project, "node_modules"), { recursive: true })) {
    const path = String(entry).split(/[\\/]/);
    if (path.at(-1) !== "package.json") continue;
    // What stands between the last node_modules and package.json is a package name, or a folder
    // inside a package (its own package.json files, test fixtures) when it is longer.
    const rest = path.slice(path.lastIndexOf("node_modules", -2) + 1, -1);
    if (rest.length === (rest[0]?.startsWith("@") ? 2 : 1)) names.push(rest.join("/"));
  }
  return names.sort();
}
