/**
 * Pairs of small OpenAPI documents whose component schemas are shared many times over, for a test
 * of the diff and a row of `npm run bench`: a change deep down is reached along every path of the
 * graph (fanOut ** depth of them), but it is one change, at its component.
 *
 * `fanOut`: each level's schema has `fanOut` members, each a `$ref` to the next level (`Level0` →
 * `Level1` → ... → `Leaf`). `width`: each level has `width` schemas, each referring to every schema of
 * the next level (a DAG: `width` ** depth paths to the leaf). The leaf's `code` loses length in the
 * new document (`maxLength` 10 → 5), a breaking change of the request and an info one of the
 * response: three operations read the graph, `PUT /things` and `POST /things` as a request and
 * `GET /things` as a response.
 */
import { stringify } from "yaml";

export interface SharedShape {
  fanOut: number;
  depth: number;
  /** Schemas per level (1: a tree of `$ref`s; more: a DAG). */
  width: number;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function document(shape: SharedShape, maxLength: number): string {
  const { fanOut, depth, width } = shape;
  const name = (level: number, i: number) => (level === depth ? "Leaf" : `Level${level}x${i}`);
  const schemas: Record<string, unknown> = {
    Leaf: {
      type: "object",
      required: ["code"],
      properties: { code: { type: "string", maxLength } },
    },
  };
  for (let level = depth - 1; level >= 0; level--) {
    const next = level + 1 === depth ? 1 : width;
    for (let i = 0; i < (level === 0 ? 1 : width); i++) {
      const properties: Record<string, unknown> = {};
      for (let m = 0; m < fanOut; m++) properties[`m${m}`] = ref(name(level + 1, m % next));
      schemas[name(level, i)] = { type: "object", properties };
    }
  }
  const body = { content: { "application/json": { schema: ref(name(0, 0)) } } };
  return stringify({
    openapi: "3.1.0",
    info: { title: `shared components, fan-out ${fanOut}, ${depth} deep, ${width} wide`, version: "1" },
    paths: {
      "/things": {
        put: { requestBody: { required: true, ...body }, responses: { "204": { description: "stored" } } },
        post: { requestBody: { required: true, ...body }, responses: { "204": { description: "stored" } } },
        get: { responses: { "200": { description: "the thing", ...body } } },
      },
    },
    components: { schemas },
  });
}

/** The two texts: `new` lowers the leaf's `maxLength`. The same texts for the same shape. */
export function sharedSpecs(shape: SharedShape): { old: string; new: string } {
  return { old: document(shape, 10), new: document(shape, 5) };
}
