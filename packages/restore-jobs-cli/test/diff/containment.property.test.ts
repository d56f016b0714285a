/**
 * Containment decided by the values where one side is an enum: a constraint added beside an enum
 * breaks a request exactly when some old value no longer passes it.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { diffDocuments } from "../../src/diff/diff-documents.js";

function documentWith(schema: Record<string, unknown>): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/restore-jobs": {
        put: {
          requestBody: { required: true, content: { "application/json": { schema } } },
          responses: { "200": { description: "ok" } },
        },
      },
    },
  };
}

const values = fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9]{1,12}$/), { minLength: 1, maxLength: 6 });
interface Constraint {
  maxLength?: number;
  minLength?: number;
  pattern?: string;
}
const constraint: fc.Arbitrary<Constraint> = fc.oneof(
  fc.record({ maxLength: fc.integer({ min: 0, max: 14 }) }),
  fc.record({ minLength: fc.integer({ min: 0, max: 14 }) }),
  fc.record({ pattern: fc.constantFrom("^[A-Z]", "[0-9]$", "^[a-z0-9]+$", "^.{3,}$") }),
);

describe("a constraint added beside a request enum", () => {
  test.prop([values, constraint], { numRuns: 150 })(
    "breaks exactly when some old value fails it",
    (enumValues, added) => {
      const before = documentWith({ type: "string", enum: enumValues });
      const after = documentWith({ type: "string", enum: enumValues, ...added });
      const passes = (v: string) =>
        (added.maxLength === undefined || v.length <= added.maxLength) &&
        (added.minLength === undefined || v.length >= added.minLength) &&
        (added.pattern === undefined || new RegExp(added.pattern, "u").test(v));
      const { breaking } = diffDocuments(before, after);
      expect(breaking).toBe(!enumValues.every(passes));
    },
  );
});
