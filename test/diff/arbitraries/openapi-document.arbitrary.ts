/** Small OpenAPI 3.1 documents of one PUT operation, its request and success schemas drawn from jsonSchemaArbitrary. */
import fc from "fast-check";
import { jsonSchemaArbitrary, type Schema } from "./json-schema.arbitrary.js";

export const openApiDocumentArbitrary: fc.Arbitrary<Schema> = fc
  .record({
    request: jsonSchemaArbitrary,
    response: jsonSchemaArbitrary,
    error: fc.boolean(),
    version: fc.constantFrom("1.0.0", "2"),
  })
  .map(({ request, response, error, version }) => ({
    openapi: "3.1.0",
    info: { title: "t", version },
    security: [{ sigv4: [] }],
    paths: {
      "/restore-jobs": {
        put: {
          operationId: "StartRestoreJob",
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
