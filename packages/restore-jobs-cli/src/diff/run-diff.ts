/** Loads, resolves and diffs two documents, with the compiler's verdict unless turned off. */

import { relative } from "node:path";
import type { CompilerVerdict } from "./compiler/compiler-check.js";
import { type DiffResult, diffDocuments } from "./diff-documents.js";
import { loadDocument } from "./documents/load-document.js";
import { bundleDocument, resolveDocument } from "./documents/resolve-document.js";
import { lineFinder } from "./documents/source-lines.js";
import { applyIgnoreList, counted, loadIgnoreList } from "./rules/ignore-list.js";
import { sortChanges } from "./types.js";

export interface DiffReport extends DiffResult {
  old: string;
  new: string;
  /** The new document's file, relative to the working directory (or to the repository, for `REV:path`). */
  newFile?: string;
  /** The line of the new document's text where a location sits (source-lines.ts). */
  lineOf?: (location: string) => number;
  compiler?: CompilerVerdict;
}

export interface DiffOptions {
  /** Run the compiler check (default true). */
  compiler?: boolean;
  /** An `--ignore` file: accepted changes (ignore-list.ts). */
  ignore?: string;
  cwd?: string;
}

/** Throws DocumentLoadError when a document cannot be read, parsed or resolved. */
export async function diffSources(
  oldArg: string,
  newArg: string,
  options: DiffOptions = {},
): Promise<DiffReport> {
  const cwd = options.cwd ?? process.cwd();
  // Read first: a malformed file stops the diff before anything is judged.
  const ignored = options.ignore === undefined ? undefined : await loadIgnoreList(options.ignore, cwd);
  const [oldLoaded, newLoaded] = await Promise.all([loadDocument(oldArg, cwd), loadDocument(newArg, cwd)]);
  const [oldDoc, newDoc] = await Promise.all([resolveDocument(oldLoaded), resolveDocument(newLoaded)]);
  const found = diffDocuments(oldDoc.resolved, newDoc.resolved);
  const changes = ignored
    ? sortChanges(applyIgnoreList(found.changes, ignored, options.ignore!))
    : found.changes;
  const result = { changes, breaking: counted(changes).some((c) => c.level === "breaking") };
  const newFile =
    newLoaded.source.kind === "git" ? newLoaded.source.path : relative(cwd, newLoaded.source.path);
  const report: DiffReport = {
    old: oldArg,
    new: newArg,
    ...result,
    newFile,
    lineOf: lineFinder(newLoaded.text),
  };
  if (options.compiler !== false) {
    // Loaded on demand: TypeScript is most of the start-up time, and --no-compiler should not pay it.
    // `ms` counts loading it too, so it is what the check costs.
    const started = performance.now();
    const { compilerCheck } = await import("./compiler/compiler-check.js");
    const bundled = await Promise.all([bundleDocument(oldLoaded), bundleDocument(newLoaded)]).catch(
      (error: Error) => error,
    );
    if (bundled instanceof Error) {
      const reason = `cannot bundle the documents for openapi-typescript: ${bundled.message.split("\n")[0]}`;
      report.compiler = { ran: false, ms: Math.round(performance.now() - started), reason };
      return report;
    }
    const [oldBundled, newBundled] = bundled;
    const verdict = await compilerCheck(
      oldBundled,
      newBundled,
      oldDoc.resolved,
      newDoc.resolved,
      result.changes,
    );
    report.compiler = { ...verdict, ms: Math.round(performance.now() - started) };
  }
  return report;
}
