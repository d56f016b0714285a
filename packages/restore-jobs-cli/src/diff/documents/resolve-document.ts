/**
 * Resolves every `$ref` of a loaded document with @apidevtools/json-schema-ref-parser, so the rules
 * see documents whole: a schema inlined and the same schema referenced are the same object. External
 * references are read from where the document came from: the file system, or the same git revision.
 * A `$ref` by `$anchor` and a `$ref`-looking value in data are settled first (ref-positions.ts).
 */
import $RefParser, { type FileInfo, type ParserOptions } from "@apidevtools/json-schema-ref-parser";
import { isObject } from "../../json.js";
import { isDocumentationKey } from "../schema/canonical.js";
import { copyJson } from "./copy-json.js";
import { staticDynamicRefs } from "./dynamic-refs.js";
import { DocumentLoadError, type DocumentSource, gitShow, type LoadedDocument } from "./load-document.js";
import { prepareRefs, restoreDataRefs } from "./ref-positions.js";

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
    dereference: { circular: true, preservedProperties: ["description", "summary"], maxDepth: 100000 },
  } as ParserOptions;
}

/**
 * In OpenAPI 3.1 a schema's `$ref` may sit beside other keywords, which then apply too
 * (`{$ref: X, maxLength: 5}`); a dereferencer would drop them, so write such a schema as
 * `{maxLength: 5, allOf: [{$ref: X}]}` first. Only documentation beside a `$ref` is left to the
 * dereferencer's `preservedProperties`. In OpenAPI 3.0 a Reference Object's other keys "SHALL be
 * ignored": there (`ignore`) they are dropped instead. Works on a copy, with a loop rather than
 * recursion, so a document nested thousands of levels deep does not overflow the stack.
 */
export function hoistRefSiblings(value: unknown, ignore = false): unknown {
  const root = copyJson(value);
  const seen = new Set<unknown>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    for (const item of Object.values(node)) pending.push(item);
    if (!isObject(node) || typeof node.$ref !== "string") continue;
    const siblings = Object.keys(node).filter((key) => key !== "$ref" && !isDocumentationKey(key));
    if (siblings.length === 0) continue;
    if (ignore) {
      for (const key of siblings) delete node[key];
      continue;
    }
    const { $ref } = node;
    const allOf = Array.isArray(node.allOf) ? node.allOf : [];
    delete node.$ref;
    delete node.allOf;
    node.allOf = [{ $ref }, ...allOf];
  }
  return root;
}

export async function resolveDocument(loaded: LoadedDocument): Promise<ResolvedDocument> {
  try {
    const resolved = (await new $RefParser().dereference(
      baseUrl(loaded.source),
      hoistRefSiblings(
        prepareRefs(copyJson(staticDynamicRefs(loaded.raw))),
        String(loaded.raw.openapi).startsWith("3.0"),
      ) as Record<string, unknown>,
      options(loaded.source),
    )) as Record<string, unknown>;
    restoreDataRefs(resolved);
    return { ...loaded, resolved };
  } catch (error) {
    throw new DocumentLoadError(`${loaded.label}: cannot resolve $refs: ${(error as Error).message}`);
  }
}

/** The document with external `$ref`s pulled in and internal ones kept: what openapi-typescript reads. */
export async function bundleDocument(loaded: LoadedDocument): Promise<Record<string, unknown>> {
  // Data `$ref`s stay hidden: openapi-typescript would follow them too, and they are no type.
  return (await new $RefParser().bundle(
    baseUrl(loaded.source),
    prepareRefs(copyJson(staticDynamicRefs(loaded.raw))),
    options(loaded.source),
  )) as Record<string, unknown>;
}
