/**
 * Bench part 7: `restore-jobs diff` of two generated specs of 5,000+ lines each
 * (packages/restore-jobs-cli/test/diff/large-specs.ts, the same two texts every run) without the
 * compiler check. Timed two ways, median of `runs` each: the built command in a fresh node process
 * (`node dist/bin.js diff OLD NEW --no-compiler`, spawn → exit: what a user waits for) and the diff
 * alone in this process (read, parse, resolve, rules: `diffSources`, after one untimed warm-up).
 * The tools package is rebuilt first when its src/ is newer than its dist/.
 *
 * A second row times a small document of heavily shared components
 * (packages/restore-jobs-cli/test/diff/shared-specs.ts: a fan-out of 4, 12 levels deep, 16 million
 * paths to one changed leaf), the command spawn → exit: each shared schema is compared once, so it
 * costs what a small document costs.
 */
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffSources } from "../../packages/restore-jobs-cli/src/diff/run-diff.js";
import { largeSpecs, plannedChanges } from "../../packages/restore-jobs-cli/test/diff/large-specs.js";
import { type SharedShape, sharedSpecs } from "../../packages/restore-jobs-cli/test/diff/shared-specs.js";
import { repoRoot } from "./build.js";
import { run } from "./children.js";

const toolsRoot = join(repoRoot, "packages/restore-jobs-cli");

export interface DiffResult {
  lines: { old: number; new: number };
  /** Changes found (the same in every run, checked). */
  changes: number;
  /** The command in a fresh process, spawn → exit (ms). */
  process: number[];
  /** The diff alone, in this process (ms). */
  inProcess: number[];
  /** The document of shared components: its shape, its size, the command spawn → exit (ms). */
  shared: { shape: SharedShape; bytes: number; changes: number; process: number[] };
  note: string;
}

/** The shared document's shape, and the changes its diff must report (one per direction and operation set). */
export const sharedShape: SharedShape = { fanOut: 4, depth: 12, width: 1 };
const sharedChanges = 2;

async function newest(dir: string): Promise<number> {
  let at = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) at = Math.max(at, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  return at;
}

async function ensureToolsBuilt(): Promise<string> {
  const built = await stat(join(toolsRoot, "dist/bin.js")).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (built > (await newest(join(toolsRoot, "src")))) return "restore-jobs-cli dist/ was up to date";
  const ran = await run("npm", ["run", "--silent", "build", "-w", "restore-jobs-cli"], {
    cwd: repoRoot,
    timeoutMs: 300_000,
  });
  if (ran.code !== 0)
    throw new Error(`npm run build -w restore-jobs-cli failed: ${ran.stdout.slice(0, 400)}`);
  return "restore-jobs-cli dist/ rebuilt (npm run build -w restore-jobs-cli)";
}

/** The built command on two files, spawn → exit (ms); it must exit 1 with `expected` changes. */
async function timeCommand(oldFile: string, newFile: string, expected: number): Promise<number> {
  const bin = join(toolsRoot, "dist/bin.js");
  const ran = await run(
    process.execPath,
    [bin, "diff", oldFile, newFile, "--no-compiler", "--format", "json"],
    {
      cwd: repoRoot,
      detached: false,
      timeoutMs: 60_000,
    },
  );
  const changes = ran.code === 1 ? (JSON.parse(ran.stdout) as { changes: unknown[] }).changes.length : -1;
  if (changes !== expected)
    throw new Error(`restore-jobs diff exited ${ran.code} with ${changes} changes, not 1 with ${expected}`);
  return ran.ms;
}

export async function measureDiff(runs: number): Promise<DiffResult> {
  const note = await ensureToolsBuilt();
  const specs = largeSpecs();
  const dir = await mkdtemp(join(tmpdir(), "restore-jobs-bench-diff-"));
  try {
    const [oldFile, newFile] = [join(dir, "old.yaml"), join(dir, "new.yaml")];
    await writeFile(oldFile, specs.old);
    await writeFile(newFile, specs.new);
    const shared = sharedSpecs(sharedShape);
    const [oldShared, newShared] = [join(dir, "old-shared.yaml"), join(dir, "new-shared.yaml")];
    await writeFile(oldShared, shared.old);
    await writeFile(newShared, shared.new);
    // Untimed once: warms this process, and every planted kind of change must be found, or the
    // figure would time a diff that misses them.
    const first = await diffSources(oldFile, newFile, { compiler: false });
    const expected = first.changes.length;
    const found = new Set(first.changes.map((c) => c.id));
    const missed = plannedChanges.filter((id) => !found.has(id));
    if (missed.length > 0) throw new Error(`the diff of the large specs misses ${missed.join(", ")}`);
    const result: DiffResult = {
      lines: { old: specs.old.split("\n").length - 1, new: specs.new.split("\n").length - 1 },
      changes: expected,
      process: [],
      inProcess: [],
      shared: { shape: sharedShape, bytes: shared.old.length, changes: sharedChanges, process: [] },
      note,
    };
    for (let i = 0; i < runs; i++) {
      result.process.push(await timeCommand(oldFile, newFile, expected));
      result.shared.process.push(await timeCommand(oldShared, newShared, sharedChanges));
      const started = performance.now();
      await diffSources(oldFile, newFile, { compiler: false });
      result.inProcess.push(performance.now() - started);
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
