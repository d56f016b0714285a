import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { parse } from "yaml";
import { isObject, isObjectOrArray } from "./json.js";

/**
 * The spec the client package ships (`restore-jobs/openapi/restore-jobs.yaml`, one of its
 * exports), found the way Node finds the package: the installed client, or the workspace's.
 */
export const bundledSpecPath = createRequire(import.meta.url).resolve(
  "restore-jobs/openapi/restore-jobs.yaml",
);

export type JsonSchema = { [key: string]: unknown };
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema> };
  [key: string]: unknown;
}

/** Reads an OpenAPI document, YAML or JSON (JSON is YAML). */
export async function loadSpec(path: string = bundledSpecPath): Promise<OpenApiDocument> {
  const doc = parse(await readFile(path, "utf8")) as unknown;
  if (!isObjectOrArray(doc) || typeof (doc as OpenApiDocument).openapi !== "string") {
    throw new Error(`${path}: not an OpenAPI document (no "openapi" version field)`);
  }
  return doc as OpenApiDocument;
}

const componentRef = /^#\/components\/schemas\//;

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      key === "$ref" && typeof item === "string" ? item.replace(componentRef, "#/$defs/") : rewriteRefs(item);
  }
  return out;
}

/**
 * A schema of the document made self-contained for a JSON Schema 2020-12 tool (ajv, the case
 * generators): `#/components/schemas/X` becomes `#/$defs/X`, with every component schema in `$defs`.
 */
export function standaloneSchema(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...(rewriteRefs(schema) as JsonSchema),
    $defs: rewriteRefs(doc.components?.schemas ?? {}) as JsonSchema,
  };
}

/** Looks up `paths[path][method]`, or throws naming what is missing. */
export function operationOf(doc: OpenApiDocument, method: string, path: string): Record<string, unknown> {
  const operation = doc.paths?.[path]?.[method.toLowerCase()];
  if (!isObjectOrArray(operation)) {
    throw new Error(`the document has no operation ${method.toUpperCase()} ${path}`);
  }
  return operation as Record<string, unknown>;
}

/** The JSON request body schema of an operation, self-contained. */
export function requestSchemaOf(doc: OpenApiDocument, method = "put", path = "/restore-jobs"): JsonSchema {
  const body = operationOf(doc, method, path).requestBody as
    | { content?: Record<string, { schema?: JsonSchema }> }
    | undefined;
  const schema = body?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} has no application/json request schema`);
  return standaloneSchema(doc, schema);
}

/** The JSON response schema of one status of an operation, self-contained, or undefined. */
export function responseSchemaOf(
  doc: OpenApiDocument,
  status: string,
  method = "put",
  path = "/restore-jobs",
): JsonSchema | undefined {
  const responses = operationOf(doc, method, path).responses as
    | Record<string, { content?: Record<string, { schema?: JsonSchema }> }>
    | undefined;
  const schema = responses?.[status]?.content?.["application/json"]?.schema;
  return schema ? standaloneSchema(doc, schema) : undefined;
}
