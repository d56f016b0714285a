/**
 * Documents that mean the same give no change: any document against itself with its keys (and its
 * order-free arrays: `required`, `enum`, `type`, `parameters`) shuffled, written as JSON instead of YAML, with
 * its body schemas moved into components behind a `$ref`, or with its schemas rewritten to accept the
 * same values (a `.*` pattern, `.+` for `minLength: 1`, keywords of other types).
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { stringify } from "yaml";
import { mulberry32 } from "../../../../test-support/seeded-random.js";
import { diffDocuments } from "../../src/diff/diff-documents.js";
import { parseDocument } from "../../src/diff/documents/load-document.js";
import { resolveDocument } from "../../src/diff/documents/resolve-document.js";
import { equivalentRewrite } from "./arbitraries/equivalent-rewrite.js";
import type { Schema } from "./arbitraries/json-schema.arbitrary.js";
import { openApiDocumentArbitrary } from "./arbitraries/openapi-document.arbitrary.js";

async function changesBetween(oldText: string, newText: string) {
  const load = async (text: string, label: string) =>
    (
      await resolveDocument({
        label,
        source: { kind: "file", path: `/virtual/${label}.yaml` },
        raw: parseDocument(text, label),
        text,
      })
    ).resolved;
  return diffDocuments(await load(oldText, "old"), await load(newText, "new")).changes;
}

/** A deterministic shuffle driven by fast-check's random numbers, so a failure replays from its seed. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function reorder(value: unknown, random: () => number, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => reorder(item, random));
    // Order-free: the sets of JSON Schema, and parameters (identified by in and name).
    return key === "required" || key === "enum" || key === "type" || key === "parameters"
      ? shuffled(items, random)
      : items;
  }
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    shuffled(Object.keys(value), random).map((k) => [k, reorder((value as Schema)[k], random, k)]),
  );
}

interface Media {
  schema: unknown;
}
interface Shape {
  paths: {
    "/restore-jobs": {
      put: {
        requestBody: { content: Record<string, Media> };
        responses: Record<string, { content: Record<string, Media> }>;
      };
    };
  };
  components: { schemas?: Record<string, unknown> };
}

/** The same document with its body schemas moved into components behind a `$ref`. */
function referenced(doc: Schema): Schema {
  const copy = structuredClone(doc) as unknown as Shape;
  const put = copy.paths["/restore-jobs"].put;
  const request = put.requestBody.content["application/json"]!;
  const response = put.responses["200"]!.content["application/json"]!;
  copy.components.schemas = { Input: request.schema, Output: response.schema };
  request.schema = { $ref: "#/components/schemas/Input" };
  response.schema = { $ref: "#/components/schemas/Output" };
  return copy as unknown as Schema;
}

/** The same document with every body and parameter schema rewritten to an equivalent one. */
function rewritten(doc: Schema, random: () => number): Schema {
  const copy = structuredClone(doc) as unknown as Shape & {
    paths: { "/restore-jobs": { put: { parameters: { schema: Schema }[] } } };
  };
  const put = copy.paths["/restore-jobs"].put;
  for (const p of put.parameters) p.schema = equivalentRewrite(p.schema, random);
  const request = put.requestBody.content["application/json"]!;
  const response = put.responses["200"]!.content["application/json"]!;
  request.schema = equivalentRewrite(request.schema as Schema, random);
  response.schema = equivalentRewrite(response.schema as Schema, random);
  return copy as unknown as Schema;
}

const rng = fc.integer().map(mulberry32);

describe("documents that mean the same give no change", () => {
  test.prop([openApiDocumentArbitrary, rng], { numRuns: 150 })(
    "keys and order-free arrays shuffled",
    async (doc, random) => {
      expect(await changesBetween(stringify(doc), stringify(reorder(doc, random)))).toEqual([]);
    },
  );

  test.prop([openApiDocumentArbitrary], { numRuns: 100 })("YAML against JSON", async (doc) => {
    expect(await changesBetween(stringify(doc), JSON.stringify(doc))).toEqual([]);
  });

  test.prop([openApiDocumentArbitrary, rng], { numRuns: 100 })(
    "inlined against $ref, shuffled",
    async (doc, random) => {
      expect(await changesBetween(stringify(doc), JSON.stringify(reorder(referenced(doc), random)))).toEqual(
        [],
      );
    },
  );

  test.prop([openApiDocumentArbitrary, rng], { numRuns: 100 })(
    "schemas rewritten to accept the same values",
    async (doc, random) => {
      expect(await changesBetween(stringify(doc), stringify(rewritten(doc, random)))).toEqual([]);
    },
  );
});
