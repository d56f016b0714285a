/**
 * Two large OpenAPI documents (at least 5,000 lines of YAML each), the second a changed copy of the
 * first, for the speed row of `npm run bench` and a test of what the diff finds in them. Built from
 * the resource index alone (no randomness, no clock), so every run gets the same two texts.
 *
 * Each resource has a collection (`GET` with query parameters, `POST`), an item (`GET`, `PUT`,
 * `DELETE` on `/{id}`), and three component schemas with nested members and enums; the changed copy
 * touches every few resources in a known way (`plannedChanges`).
 */
import { stringify } from "yaml";

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ "application/json": { schema } });

function schemasOf(i: number): Record<string, Json> {
  const name = `Resource${i}`;
  return {
    [`${name}Input`]: {
      type: "object",
      additionalProperties: false,
      required: ["name", "kind"],
      properties: {
        name: { type: "string", minLength: 1, maxLength: 128, description: `The name of resource ${i}.` },
        kind: { type: "string", enum: ["small", "medium", "large"] },
        tags: { type: "array", maxItems: 20, items: { type: "string", pattern: "^[a-z0-9-]+$" } },
        settings: {
          type: "object",
          properties: {
            retries: { type: "integer", minimum: 0, maximum: 10 },
            timeoutSeconds: { type: "number", exclusiveMinimum: 0 },
            mode: { type: "string", enum: ["fast", "safe"] },
          },
        },
        metadata: { type: "object", additionalProperties: { type: "string" } },
      },
    },
    [name]: {
      allOf: [
        ref(`${name}Input`),
        {
          type: "object",
          required: ["id", "createdAt", "status"],
          properties: {
            id: { type: "string", format: "uuid" },
            createdAt: { type: "string", format: "date-time" },
            status: { type: "string", enum: ["PENDING", "RUNNING", "DONE"] },
            owner: { type: "string" },
          },
        },
      ],
    },
    [`${name}Page`]: {
      type: "object",
      required: ["items"],
      properties: { items: { type: "array", items: ref(name) }, next: { type: ["string", "null"] } },
    },
  };
}

function pathsOf(i: number): Record<string, Json> {
  const name = `Resource${i}`;
  const error = { description: "Bad request.", content: json(ref("Error")) };
  return {
    [`/resources${i}`]: {
      get: {
        operationId: `list${name}`,
        summary: `Lists resource ${i}.`,
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
          { name: "cursor", in: "query", schema: { type: "string" } },
          { name: "kind", in: "query", schema: { type: "string", enum: ["small", "medium", "large"] } },
        ],
        responses: { "200": { description: "A page.", content: json(ref(`${name}Page`)) }, "400": error },
      },
      post: {
        operationId: `create${name}`,
        requestBody: { required: true, content: json(ref(`${name}Input`)) },
        responses: { "201": { description: "Created.", content: json(ref(name)) }, "400": error },
      },
    },
    [`/resources${i}/{id}`]: {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      get: {
        operationId: `get${name}`,
        responses: { "200": { description: "The resource.", content: json(ref(name)) }, "404": error },
      },
      put: {
        operationId: `update${name}`,
        requestBody: { required: true, content: json(ref(`${name}Input`)) },
        responses: { "200": { description: "Updated.", content: json(ref(name)) }, "400": error },
      },
      delete: { operationId: `delete${name}`, responses: { "204": { description: "Deleted." } } },
    },
  };
}

/** The number of resources: enough for 5,000 lines of YAML. */
export const resourceCount = 30;

function document(): Json {
  const paths: Json = {};
  const schemas: Json = {
    Error: {
      type: "object",
      required: ["code"],
      properties: { code: { type: "string" }, message: { type: "string" } },
    },
  };
  for (let i = 0; i < resourceCount; i++) {
    Object.assign(paths, pathsOf(i));
    Object.assign(schemas, schemasOf(i));
  }
  return {
    openapi: "3.1.0",
    info: { title: "Large spec", version: "1.0.0" },
    paths,
    components: { schemas },
  };
}

/** The changes the second document makes, by resource: every fourth resource gets one of these, in turn. */
export const plannedChanges = [
  "request.property.added-required",
  "response.enum.value-added",
  "request.parameter.renamed",
  "operation.removed",
  "request.parameter.default-changed",
  "request.max-length.lowered",
  "response.property.became-optional",
  "doc.description.changed",
] as const;

function change(doc: Json, i: number, kind: (typeof plannedChanges)[number]): void {
  const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
  const paths = doc.paths as Record<string, Record<string, unknown>>;
  const input = schemas[`Resource${i}Input`] as { required: string[]; properties: Record<string, Json> };
  const own = (schemas[`Resource${i}`] as { allOf: Json[] }).allOf[1] as {
    required: string[];
    properties: Record<string, Json>;
  };
  if (kind === "request.property.added-required") {
    input.properties.region = { type: "string" };
    input.required.push("region");
  } else if (kind === "response.enum.value-added") {
    (own.properties.status as { enum: string[] }).enum.push("FAILED");
  } else if (kind === "request.parameter.renamed") {
    const item = paths[`/resources${i}/{id}`]!;
    delete paths[`/resources${i}/{id}`];
    item.parameters = [{ name: "resourceId", in: "path", required: true, schema: { type: "string" } }];
    paths[`/resources${i}/{resourceId}`] = item;
  } else if (kind === "operation.removed") {
    delete paths[`/resources${i}/{id}`]!.delete;
  } else if (kind === "request.parameter.default-changed") {
    const list = paths[`/resources${i}`]!.get as { parameters: { schema: Json }[] };
    list.parameters[0]!.schema.default = 50;
  } else if (kind === "request.max-length.lowered") {
    input.properties.name!.maxLength = 64;
  } else if (kind === "response.property.became-optional") {
    own.required = own.required.filter((name) => name !== "status");
  } else {
    input.properties.name!.description = `What resource ${i} is called.`;
  }
}

/** The two documents as YAML. */
export function largeSpecs(): { old: string; new: string } {
  const old = document();
  const changed = document();
  for (let i = 0; i < resourceCount; i += 4)
    change(changed, i, plannedChanges[(i / 4) % plannedChanges.length]!);
  return { old: stringify(old), new: stringify(changed) };
}
