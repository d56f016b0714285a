/**
 * The output shapes the client reads answers with (src/operations/, one per AWS-wire operation)
 * held to the spec's output schemas: every member, its type, each timestamp (EpochSeconds), each
 * enum's values, each list and map. A member, a type or an enum value that drifts in the spec
 * (`npm run generate` regenerates the types, not the shapes) fails here.
 */
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../../test-support/openapi.js";
import {
  DescribeRestoreJob,
  GetRecoveryPointRestoreMetadata,
  GetRestoreJobMetadata,
  ListRestoreJobSummaries,
  ListRestoreJobs,
  ListRestoreJobsByProtectedResource,
  PutRestoreValidationResult,
} from "../src/index.js";
import type { Shape } from "../src/operations/aws-output.js";

type Schema = {
  $ref?: string;
  type?: string;
  enum?: string[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
};

/** The shape a spec schema gives a member, as the client's reader writes shapes. */
function shapeOf(schema: Schema, schemas: Record<string, Schema>): Shape {
  if (schema.$ref) {
    const name = schema.$ref.replace("#/components/schemas/", "");
    return name === "EpochSeconds" ? "timestamp" : shapeOf(schemas[name]!, schemas);
  }
  if (schema.enum) return ["enum", schema.enum];
  if (schema.type === "array") return ["list", shapeOf(schema.items!, schemas)];
  if (schema.type === "object" && schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, shapeOf(v, schemas)]));
  }
  if (schema.type === "object") return ["map", shapeOf(schema.additionalProperties as Schema, schemas)];
  if (schema.type === "integer" || schema.type === "number") return "number";
  return schema.type as "string" | "boolean";
}

describe("each AWS-wire operation reads its answer as the spec's output schema says", async () => {
  const spec = (await loadSpec()) as unknown as { components: { schemas: Record<string, Schema> } };
  const schemas = spec.components.schemas;
  const operations = {
    GetRecoveryPointRestoreMetadata,
    DescribeRestoreJob,
    GetRestoreJobMetadata,
    ListRestoreJobs,
    ListRestoreJobsByProtectedResource,
    ListRestoreJobSummaries,
  };
  for (const [name, operation] of Object.entries(operations)) {
    it(name, () => {
      const schema = schemas[`${name}Output`];
      expect(schema, `${name}Output in the spec`).toBeDefined();
      expect(operation.outputShape).toEqual(shapeOf(schema!, schemas));
    });
  }

  it("PutRestoreValidationResult answers 204 without a body, and reads none", () => {
    expect(schemas.PutRestoreValidationResultOutput).toBeUndefined();
    expect(PutRestoreValidationResult.outputShape).toBeUndefined();
  });
});
