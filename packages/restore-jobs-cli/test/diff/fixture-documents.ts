/**
 * The two documents of a case under test/diff/fixtures: a side is either its whole file
 * (`old.yaml`, `new.yaml`) or a unified diff (`old.patch`, `new.patch`) against a shared document
 * of fixtures/_bases, which the patch's `---` line names; the `diff` package applies it. The diff
 * reads documents by path, so a rebuilt side is written into a folder the caller owns and removes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { applyPatch, parsePatch } from "diff";

export const fixturesDir = fileURLToPath(new URL("./fixtures/", import.meta.url));

export type Side = "old" | "new";

/** The case folders (fixtures/_bases and other `_` folders are not cases). */
export const fixtureCases = (): string[] =>
  readdirSync(fixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
    .map((entry) => entry.name)
    .sort();

/** The text of one side of a case: its file, or its patch applied to the base the patch names. */
export function fixtureText(name: string, side: Side, dir = fixturesDir): string {
  const whole = join(dir, name, `${side}.yaml`);
  if (existsSync(whole)) return readFileSync(whole, "utf8");
  const file = join(dir, name, `${side}.patch`);
  if (!existsSync(file)) throw new Error(`fixture ${name} has neither ${side}.yaml nor ${side}.patch`);
  const patches = parsePatch(readFileSync(file, "utf8"));
  const base = patches[0]?.oldFileName;
  if (patches.length !== 1 || !base?.startsWith("_bases/"))
    throw new Error(`${name}/${side}.patch must be one unified diff whose --- line names a file of _bases/`);
  const text = applyPatch(readFileSync(join(dir, base), "utf8"), patches[0]!);
  if (text === false) throw new Error(`${name}/${side}.patch does not apply to ${base}`);
  return text;
}

/**
 * The paths of a case's two documents: a whole file where the case keeps one (its relative
 * `$ref`s resolve beside it), else the side rebuilt into `into/<name>/<side>.yaml`.
 */
export function fixturePaths(name: string, into: string): Record<Side, string> {
  const path = (side: Side) => {
    const whole = join(fixturesDir, name, `${side}.yaml`);
    if (existsSync(whole)) return whole;
    const rebuilt = join(into, name, `${side}.yaml`);
    mkdirSync(join(into, name), { recursive: true });
    writeFileSync(rebuilt, fixtureText(name, side));
    return rebuilt;
  };
  return { old: path("old"), new: path("new") };
}
