import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../src/openapi-document.js";
import { sigv4SchemeOf } from "../../src/verify/spec-source.js";

/** A document whose PUT /restore-jobs requires `operationSecurity` (or the document's `security`). */
function doc(
  schemes: Record<string, unknown>,
  security?: unknown,
  operationSecurity?: unknown,
): OpenApiDocument {
  return {
    openapi: "3.1.0",
    paths: {
      "/restore-jobs": { put: operationSecurity === undefined ? {} : { security: operationSecurity } },
    },
    components: { securitySchemes: schemes } as NonNullable<OpenApiDocument["components"]>,
    ...(security === undefined ? {} : { security }),
  };
}
const put = (d: OpenApiDocument) => d.paths["/restore-jobs"]?.put as Record<string, unknown>;

describe("which document declares SigV4 for PUT /restore-jobs", () => {
  const apiKey = { type: "apiKey", in: "header", name: "Authorization" };
  const gateway = {
    type: "apiKey",
    in: "header",
    name: "x-whatever",
    "x-amazon-apigateway-authtype": "awsSigv4",
  };

  it.each([
    [
      "an apiKey in the Authorization header, required by the document",
      doc({ sigv4: apiKey }, [{ sigv4: [] }]),
    ],
    ["the same, required by the operation", doc({ sigv4: apiKey }, undefined, [{ sigv4: [] }])],
    ["API Gateway's awsSigv4 marker", doc({ aws: gateway }, [{ aws: [] }])],
    [
      "one of several alternatives",
      doc({ key: { type: "http", scheme: "bearer" }, sigv4: apiKey }, [{ key: [] }, { sigv4: [] }]),
    ],
  ])("finds %s", (_, d) => {
    expect(sigv4SchemeOf(d, put(d))).toBeDefined();
  });

  it.each([
    ["no security at all", doc({ sigv4: apiKey })],
    [
      "a scheme declared but not required",
      doc({ sigv4: apiKey, key: { type: "http", scheme: "bearer" } }, [{ key: [] }]),
    ],
    [
      "an apiKey in another header",
      doc({ k: { type: "apiKey", in: "header", name: "x-api-key" } }, [{ k: [] }]),
    ],
    ["the operation opting out (security: [])", doc({ sigv4: apiKey }, [{ sigv4: [] }], [])],
  ])("refuses %s", (_, d) => {
    expect(sigv4SchemeOf(d, put(d))).toBeUndefined();
  });
});
