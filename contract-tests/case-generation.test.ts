import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { validateStartRestoreJobInput } from "../generated/validate-request.js";
import { loadSpec } from "../src/spec/load-spec.js";
import { contractOf } from "../src/verify/contract.js";

// The generated validator (compiled by scripts/generate.ts) is an independent judge of the cases
// the job derives from the spec at run time.
const { bodies } = contractOf(await loadSpec());

describe("cases derived from the request schema", () => {
  test.prop([bodies.valid])("valid cases are valid", (body) => {
    expect(validateStartRestoreJobInput(body)).toBe(true);
  });

  test.prop([bodies.invalid])("invalid cases break the schema", ({ body }) => {
    expect(validateStartRestoreJobInput(body)).toBe(false);
  });

  test.prop([bodies.notJson])("bodies that are not JSON do not parse", (text) => {
    expect(() => JSON.parse(text)).toThrow();
  });

  test("the coverage cases hold every ResourceType and empty and Unicode metadata", () => {
    const coverage = bodies.coverage as { ResourceType?: string; Metadata?: Record<string, string> }[];
    expect(new Set(coverage.map((b) => b.ResourceType).filter(Boolean)).size).toBe(12);
    expect(coverage.some((b) => b.Metadata && Object.keys(b.Metadata).length === 0)).toBe(true);
    expect(coverage.some((b) => /[^\p{ASCII}]/u.test(JSON.stringify(b.Metadata)))).toBe(true);
    expect(coverage.every((b) => validateStartRestoreJobInput(b))).toBe(true);
  });

  test("every rule kind is broken, the EFS rule included", () => {
    const rules = new Set(fc.sample(bodies.invalid, { numRuns: 500, seed: 1 }).map((c) => c.breakage.rule));
    expect([...rules].sort()).toEqual(
      [
        "conditional",
        "missing_required",
        "non_object_body",
        "null",
        "outside_enum",
        "pattern_mismatch",
        "unknown_member",
        "wrong_type",
      ].sort(),
    );
  });
});
