import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { validateStartRestoreJobInput } from "../../../../test-support/request-validator.js";
import { loadSpec, type OpenApiDocument } from "../../src/openapi-document.js";
import { contractOf } from "../../src/verify/contract.js";

// The generated validator (compiled by scripts/generate.ts) is an independent judge of the cases
// the job derives from the spec at run time.
const spec = await loadSpec();
const { bodies } = contractOf(spec);
const resourceTypes = (spec.components?.schemas?.ResourceType?.enum ?? []) as string[];

/** The spec with a new ResourceType and a new required member, neither in the spec's examples. */
function changedSpec(): OpenApiDocument {
  const changed = structuredClone(spec);
  const schemas = changed.components?.schemas ?? {};
  const { ResourceType, StartRestoreJobInput } = schemas as {
    ResourceType: { enum: string[] };
    StartRestoreJobInput: { required: string[]; properties: Record<string, unknown> };
  };
  ResourceType.enum.push("Timestream");
  StartRestoreJobInput.required.push("Region");
  StartRestoreJobInput.properties.Region = { type: "string", pattern: "^[a-z]{2}-[a-z]+-[0-9]$" };
  return changed;
}

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
    expect(resourceTypes.length).toBeGreaterThan(0);
    expect(new Set(coverage.map((b) => b.ResourceType))).toEqual(new Set([undefined, ...resourceTypes]));
    expect(coverage.some((b) => b.Metadata && Object.keys(b.Metadata).length === 0)).toBe(true);
    expect(coverage.some((b) => /[^\p{ASCII}]/u.test(JSON.stringify(b.Metadata)))).toBe(true);
    expect(coverage.every((b) => validateStartRestoreJobInput(b))).toBe(true);
  });

  test("a change of the spec changes the cases: a new enum value is covered, a new required member sent and broken", () => {
    const changed = contractOf(changedSpec()).bodies;
    const coverage = changed.coverage as { ResourceType?: string; Region?: string }[];
    expect(new Set(coverage.map((b) => b.ResourceType))).toEqual(
      new Set([undefined, ...resourceTypes, "Timestream"]),
    );
    expect(coverage.every((b) => /^[a-z]{2}-[a-z]+-[0-9]$/.test(b.Region ?? ""))).toBe(true);
    const valid = fc.sample(changed.valid, { numRuns: 100, seed: 1 }) as { Region?: string }[];
    expect(valid.every((b) => /^[a-z]{2}-[a-z]+-[0-9]$/.test(b.Region ?? ""))).toBe(true);
    const broken = fc.sample(changed.invalid, { numRuns: 500, seed: 1 }).map((c) => c.breakage);
    expect(broken).toContainEqual({ rule: "missing_required", path: ["Region"] });
    expect(broken.some((b) => b.rule === "pattern_mismatch" && b.path.join("/") === "Region")).toBe(true);
  });

  test.prop([contractOf(spec, "proxy").bodies.invalid])(
    "through Prism's proxy, a body that is not an object is one Prism forwards as sent (not a string, not falsy)",
    ({ body }) => {
      if (typeof body !== "object" || body === null || Array.isArray(body))
        expect(typeof body !== "string" && Boolean(body)).toBe(true);
    },
  );

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
