/**
 * Resolves every `$ref` of a loaded document with @apidevtools/json-schema-ref-parser, so the rules
 * see documents whole: a schema inlined and the same schema referenced are the same object. External
 * references are read from where the document came from: the file system, or the same git revision.
 */
import $RefParser, { type FileInfo, type ParserOptions } from "@apidevtools/json-schema-ref-parser";
import { isObject } from "../json.js";
import { isDocumentationKey } from "./canonical.js";
import { DocumentLoadError, type DocumentSource, gitShow, type LoadedDocument } from "./load-document.js";

export interface ResolvedDocument extends LoadedDocument {
  /** $refs replaced by their targets (shared and possibly cyclic objects). */
  resolved: Record<string, unknown>;
}

const gitScheme = "git-rev:";

function baseUrl(source: DocumentSource): string {
  if (source.kind === "file") return source.path;
  return `${gitScheme}///${source.path.split("/").map(encodeURIComponent).join("/")}`;
}

function options(source: DocumentSource): ParserOptions {
  const resolve: Record<string, unknown> = { http: false };
  if (source.kind === "git") {
    resolve.file = false;
    resolve.git = {
      order: 1,
      canRead: (file: FileInfo) => file.url.startsWith(gitScheme),
      read: (file: FileInfo) =>
        gitShow(
          source.revision,
          decodeURIComponent(new URL(file.url).pathname.replace(/^\//, "")).replace(/#.*$/, ""),
          source.cwd,
        ),
    };
  }
  return {
    resolve,
    // OpenAPI 3.1 lets a Reference Object carry its own `summary` and `description`.
    dereference: { circular: true, preservedProperties: ["description", "summary"] },
  } as ParserOptions;
}

/**
 * In OpenAPI 3.1 a schema's `$ref` may sit beside other keywords, which then apply too
 * (`{$ref: X, maxLength: 5}`); a dereferencer would drop them, so write such a schema as
 * `{maxLength: 5, allOf: [{$ref: X}]}` first. Only documentation beside a `$ref` is left to the
 * dereferencer's `preservedProperties`.
 */
export function hoistRefSiblings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hoistRefSiblings);
  if (!isObject(value)) return value;
  const entries = Object.entries(value).map(([key, item]) => [key, hoistRefSiblings(item)] as const);
  const node = Object.fromEntries(entries) as Record<string, unknown>;
  if (typeof node.$ref !== "string") return node;
  const siblings = Object.keys(node).filter((key) => key !== "$ref" && !isDocumentationKey(key));
  if (siblings.length === 0) return node;
  const { $ref, ...rest } = node;
  const allOf = Array.isArray(rest.allOf) ? rest.allOf : [];
  return { ...rest, allOf: [{ $ref }, ...allOf] };
}

export async function resolveDocument(loaded: LoadedDocument): Promise<ResolvedDocument> {
  try {
    const resolved = (await new $RefParser().dereference(
      baseUrl(loaded.source),
      hoistRefSiblings(loaded.raw) as Record<string, unknown>,
      options(loaded.source),
    )) as Record<string, unknown>;
    return { ...loaded, resolved };
  } catch (error) {
    throw new DocumentLoadError(`${loaded.label}: cannot resolve $refs: ${(error as Error).message}`);
  }
}

/** The document with external `$ref`s pulled in and internal ones kept: what openapi-typescript reads. */
export async function bundleDocument(loaded: LoadedDocument): Promise<Record<string, unknown>> {
  return (await new $RefParser().bundle(
    baseUrl(loaded.source),
    structuredClone(loaded.raw),
    options(loaded.source),
  )) as Record<string, unknown>;
}
