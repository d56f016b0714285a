/** Small OpenAPI 3.1 documents of one PUT operation: its parameters, request and success schemas drawn from jsonSchemaArbitrary. */
import fc from "fast-check";
import { jsonSchemaArbitrary, type Schema } from "./json-schema.arbitrary.js";

/** Query and header parameters, unique by (in, name) as OpenAPI requires (header names case-insensitively). */
const parametersArbitrary = fc.uniqueArray(
  fc.record(
    {
      name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,8}$/),
      in: fc.constantFrom("query", "header"),
      required: fc.boolean(),
      description: fc.lorem({ maxCount: 3 }),
      schema: jsonSchemaArbitrary,
    },
    { requiredKeys: ["name", "in", "schema"] },
  ),
  { maxLength: 3, selector: (p) => `${p.in}:${p.name.toLowerCase()}` },
);

export const openApiDocumentArbitrary: fc.Arbitrary<Schema> = fc
  .record({
    parameters: parametersArbitrary,
    request: jsonSchemaArbitrary,
    response: jsonSchemaArbitrary,
    error: fc.boolean(),
    version: fc.constantFrom("1.0.0", "2"),
  })
  .map(({ parameters, request, response, error, version }) => ({
    openapi: "3.1.0",
    info: { title: "t", version },
    security: [{ sigv4: [] }],
    paths: {
      "/restore-jobs": {
        put: {
          operationId: "StartRestoreJob",
          parameters,
          requestBody: { required: true, content: { "application/json": { schema: request } } },
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: response } } },
            ...(error
              ? {
                  "400": {
                    description: "bad",
                    content: { "application/json": { schema: { type: "object" } } },
                  },
                }
              : {}),
          },
        },
      },
    },
    components: { securitySchemes: { sigv4: { type: "apiKey", in: "header", name: "Authorization" } } },
  }));
