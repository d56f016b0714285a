/**
 * The document the job verifies against: `--spec FILE` or `--spec REV:path` (read as
 * `restore-jobs diff` reads its documents, external `$ref`s from the same place), else the spec
 * the client package ships. The checks, the cases and the embedded Prism all come from it; the
 * reports name it with the sha256 of its text, so two runs can be compared.
 */
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { DocumentLoadError, loadDocument } from "../diff/documents/load-document.js";
import { bundleDocument } from "../diff/documents/resolve-document.js";
import { isObject } from "../json.js";
import { bundledSpecPath, type OpenApiDocument, requestSchemaOf } from "../openapi-document.js";
import { VerifyCannotRun } from "./errors.js";

/** How the reports name the document. */
export interface SpecIdentity {
  /** `--spec`'s argument as given, or the bundled spec's name. */
  source: string;
  /** Of the document's text as read (the root file: external `$ref`s are not in it). */
  sha256: string;
}

export interface JobSpec extends SpecIdentity {
  doc: OpenApiDocument;
  /** A file Prism can start on: the bundled spec, or a self-contained copy in a temporary directory. */
  prismPath(): Promise<string>;
  /** Removes the copy, if one was written. */
  cleanup(): Promise<void>;
}

const bundledName = "restore-jobs/openapi/restore-jobs.yaml (bundled)";
const liveCopies = new Set<string>();
let removingOnExit = false;

export async function loadJobSpec(spec: string | undefined, cwd: string): Promise<JobSpec> {
  if (spec === undefined) {
    const text = await readFile(bundledSpecPath, "utf8");
    const doc = parse(text) as OpenApiDocument;
    return {
      source: bundledName,
      sha256: sha256(text),
      doc,
      prismPath: async () => bundledSpecPath,
      cleanup: async () => {},
    };
  }
  let doc: OpenApiDocument;
  let text: string;
  try {
    const loaded = await loadDocument(spec, cwd);
    text = loaded.text;
    doc = (await bundleDocument(loaded)) as OpenApiDocument;
  } catch (error) {
    const message =
      error instanceof DocumentLoadError ? error.message : `${spec}: ${(error as Error).message}`;
    throw new VerifyCannotRun("SPEC_UNREADABLE", `--spec: ${message.split("\n")[0]}`);
  }
  assertVerifiable(doc, spec);
  let copyDir: string | undefined;
  return {
    source: spec,
    sha256: sha256(text),
    doc,
    prismPath: async () => {
      copyDir ??= await mkdtemp(join(tmpdir(), "restore-jobs-verify-spec-"));
      removeOnExit(copyDir);
      const path = join(copyDir, "openapi.json");
      await writeFile(path, JSON.stringify(doc));
      return path;
    },
    cleanup: async () => {
      if (copyDir === undefined) return;
      await rm(copyDir, { recursive: true, force: true });
      liveCopies.delete(copyDir);
    },
  };
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A copy still there when the process exits (Ctrl-C stops the job with process.exit) goes with it. */
function removeOnExit(dir: string): void {
  liveCopies.add(dir);
  if (removingOnExit) return;
  removingOnExit = true;
  process.once("exit", () => {
    for (const each of liveCopies) rmSync(each, { recursive: true, force: true });
  });
}

/** The document has what the job needs, or exit 2 naming what is missing. */
function assertVerifiable(doc: OpenApiDocument, spec: string): void {
  const missing = (what: string): never => {
    throw new VerifyCannotRun("SPEC_INCOMPLETE", `--spec ${spec}: ${what}`);
  };
  const operation = doc.paths?.["/restore-jobs"]?.put;
  if (!isObject(operation)) missing("has no PUT /restore-jobs operation");
  try {
    requestSchemaOf(doc);
  } catch {
    missing("PUT /restore-jobs has no application/json request body schema");
  }
  if (!sigv4SchemeOf(doc, operation as Record<string, unknown>))
    missing(
      "PUT /restore-jobs is not secured by a SigV4 scheme (components.securitySchemes: an apiKey in the Authorization header, or x-amazon-apigateway-authtype: awsSigv4)",
    );
}

/** The name of a SigV4 scheme the operation requires (its own `security`, else the document's). */
export function sigv4SchemeOf(doc: OpenApiDocument, operation: Record<string, unknown>): string | undefined {
  const requirements = (operation.security ?? doc.security) as unknown;
  const schemes = (doc.components as { securitySchemes?: Record<string, unknown> } | undefined)
    ?.securitySchemes;
  if (!Array.isArray(requirements) || !isObject(schemes)) return undefined;
  const names = requirements.flatMap((r) => (isObject(r) ? Object.keys(r) : []));
  return names.find((name) => {
    const scheme = schemes[name];
    if (!isObject(scheme)) return false;
    const authType = scheme["x-amazon-apigateway-authtype"];
    if (typeof authType === "string" && authType.toLowerCase() === "awssigv4") return true;
    return (
      scheme.type === "apiKey" &&
      scheme.in === "header" &&
      typeof scheme.name === "string" &&
      scheme.name.toLowerCase() === "authorization"
    );
  });
}
