/**
 * Reads one side of the diff: a file (YAML or JSON; JSON is YAML) or a git revision of a file
 * (`REV:path`, e.g. `origin/main:openapi/restore-jobs.yaml`, read with `git show`).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { posix, resolve } from "node:path";
import { promisify } from "node:util";
import { CORE_SCHEMA, load, mergeTag } from "js-yaml";
import { isObject, parseJson } from "../../json.js";
import { maxNesting, tooDeep } from "./document-depth.js";
import { bareRefCycle } from "./ref-cycles.js";

const run = promisify(execFile);

/** YAML 1.2's core schema, with merge keys (`<<: *base`) applied as YAML 1.1 documents (and most OpenAPI tools) read them. */
const yamlSchema = CORE_SCHEMA.withTags(mergeTag);

/** The document could not be read or is not an OpenAPI 3 document: the command exits 2. */
export class DocumentLoadError extends Error {
  override readonly name = "DocumentLoadError";
}

/** Where a document came from, so relative external `$ref`s are read from the same place. */
export type DocumentSource =
  | { kind: "file"; path: string }
  | { kind: "git"; revision: string; path: string; cwd: string };

export interface LoadedDocument {
  /** The argument as given, for messages. */
  label: string;
  source: DocumentSource;
  /** The parsed document, $refs still in place. */
  raw: Record<string, unknown>;
  /** The document's text as read (for its digest). */
  text: string;
}

/** `REV:path` unless the argument names an existing file (or a Windows drive, `C:\...`). */
export function parseSourceArgument(arg: string, cwd = process.cwd()): DocumentSource {
  const file = resolve(cwd, arg);
  if (existsSync(file)) return { kind: "file", path: file };
  const colon = arg.indexOf(":");
  if (colon > 0 && !/^[A-Za-z]:[\\/]/.test(arg)) {
    return { kind: "git", revision: arg.slice(0, colon), path: arg.slice(colon + 1), cwd };
  }
  return { kind: "file", path: file };
}

/** `git show REV:path`. A path starting with `./` is relative to cwd, as in git itself. */
export async function gitShow(revision: string, path: string, cwd: string): Promise<string> {
  try {
    const { stdout } = await run("git", ["show", `${revision}:${path}`], {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new DocumentLoadError(
      `cannot read ${revision}:${path} from git: ${stderr || (error as Error).message}`,
    );
  }
}

export async function readSourceText(source: DocumentSource): Promise<string> {
  if (source.kind === "git") return gitShow(source.revision, source.path, source.cwd);
  try {
    return await readFile(source.path, "utf8");
  } catch (error) {
    throw new DocumentLoadError(`cannot read ${source.path}: ${(error as Error).message}`);
  }
}

/** Parses YAML or JSON text and checks it is an OpenAPI 3 document with `paths`. */
export function parseDocument(text: string, label: string): Record<string, unknown> {
  // JSON is read by JSON.parse: it is not recursive, where a YAML parser overflows the stack on a
  // document nested a few thousand levels deep. YAML is read by js-yaml (YAML 1.2 core schema, a
  // duplicated key is an error): about ten times faster than the `yaml` package on a large spec,
  // whose parse was most of the diff's time. Merge keys are applied.
  let doc: unknown = /^\s*\{/.test(text) ? parseJson(text) : undefined;
  try {
    doc ??= load(text, { schema: yamlSchema, maxDepth: maxNesting });
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const message = (error as Error).message.split("\n")[0] ?? "";
    if (mark && /nesting exceeded maxDepth/.test(message)) {
      const where = `line ${mark.line + 1}, column ${mark.column + 1}`;
      throw new DocumentLoadError(
        `${label}: nested more than ${maxNesting} levels deep at ${where}; too deep to diff`,
      );
    }
    throw new DocumentLoadError(`${label}: not valid YAML or JSON: ${message}`);
  }
  if (!isObject(doc)) {
    throw new DocumentLoadError(`${label}: not an OpenAPI document (not an object)`);
  }
  const version = (doc as { openapi?: unknown }).openapi;
  if (typeof version !== "string" || !/^3\.[01]\./.test(version)) {
    throw new DocumentLoadError(
      `${label}: not an OpenAPI 3.0/3.1 document (the "openapi" field is ${JSON.stringify(version) ?? "missing"})`,
    );
  }
  const paths = (doc as { paths?: unknown }).paths;
  if (paths !== undefined && !isObject(paths)) {
    throw new DocumentLoadError(`${label}: "paths" must be an object`);
  }
  const deep = tooDeep(doc);
  if (deep !== undefined) {
    throw new DocumentLoadError(
      `${label}: nested more than ${maxNesting} levels deep ($refs followed) at ${deep}; too deep to diff`,
    );
  }
  const cycle = bareRefCycle(doc);
  if (cycle !== undefined) {
    throw new DocumentLoadError(`${label}: a $ref cycle that never reaches a schema: ${cycle}`);
  }
  return doc as Record<string, unknown>;
}

/**
 * `REV:./spec.yaml` is relative to cwd in git, but the `$ref`s it holds are read with `git show`
 * too: write its path from the repository root (`openapi/spec.yaml`), so `./schemas.yaml` beside
 * it resolves to `openapi/schemas.yaml` and not to `schemas.yaml` at the root.
 */
async function fromRepositoryRoot(path: string, cwd: string): Promise<string> {
  if (!/^\.\.?\//.test(path)) return path;
  const { stdout } = await run("git", ["rev-parse", "--show-prefix"], { cwd });
  return posix.normalize(posix.join(stdout.trim(), path));
}

export async function loadDocument(arg: string, cwd = process.cwd()): Promise<LoadedDocument> {
  const given = parseSourceArgument(arg, cwd);
  const text = await readSourceText(given);
  const source =
    given.kind === "git" ? { ...given, path: await fromRepositoryRoot(given.path, given.cwd) } : given;
  return { label: arg, source, raw: parseDocument(text, arg), text };
}
