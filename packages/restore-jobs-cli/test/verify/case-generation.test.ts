import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { validateStartRestoreJobInput } from "../../../../test-support/request-validator.js";
import { loadSpec, type OpenApiDocument } from "../../src/openapi-document.js";
import { bodyArbitraries } from "../../src/verify/body-arbitraries.js";
import { contractOf } from "../../src/verify/contract.js";
import { textArbitrary } from "../../src/verify/valid-body-arbitrary.js";

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

  test("long strings reach a string's maxLength exactly and never pass it; without one, up to 4,000", () => {
    const lengths = (min: number, max: number | undefined) =>
      fc.sample(textArbitrary(min, max), { numRuns: 3000, seed: 7 }).map((s) => [...s].length);
    const bounded = lengths(0, 1000);
    expect(Math.max(...bounded)).toBe(1000);
    expect(bounded.filter((n) => n > 400).length).toBeGreaterThan(50);
    const unbounded = lengths(5, undefined);
    expect(Math.min(...unbounded)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...unbounded)).toBe(4000);
    const narrow = lengths(300, 350);
    expect(Math.min(...narrow)).toBe(300);
    expect(Math.max(...narrow)).toBe(350);
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

describe("near misses, derived from the schema alone", () => {
  // Member names unlike the spec's: what is derived must come from the keywords.
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["code"],
    properties: {
      code: { type: "string", pattern: "^ab-[0-9]{4}:[a-z]+$" },
      colour: { type: "string", enum: ["Red", "Green"] },
      flag: { type: "boolean" },
      count: { type: "integer" },
      tags: { type: "object", additionalProperties: { type: "string" } },
    },
    $defs: {},
  };
  const base = { code: "ab-1234:xyz", colour: "Red", flag: true, count: 3, tags: { a: "1" } };
  const { negativeCoverage, isValid } = bodyArbitraries(schema, [base]);
  const near = (path: string) =>
    negativeCoverage.nearMisses
      .filter(({ breakage }) => breakage.path.join("/") === path)
      .map(({ breakage }) => breakage.value);

  test("an anchored pattern: a digit added and removed, spaces, case, a separator removed, a letter changed", () => {
    expect(near("code")).toEqual(
      expect.arrayContaining([
        "ab-12340:xyz",
        "ab-234:xyz",
        " ab-1234:xyz",
        "ab-1234:xyz ",
        "AB-1234:XYZ",
        "ab1234:xyz",
        "ab-1234xyz",
        "ac-1234:xyz",
      ]),
    );
  });

  test("an enum: each value's case variants and surrounding spaces; the right shape of the wrong type", () => {
    expect(near("colour")).toEqual(expect.arrayContaining(["red", "RED", " Red", "Red ", "green", " Green"]));
    expect(near("flag")).toEqual(expect.arrayContaining(["true"]));
    expect(near("count")).toEqual(expect.arrayContaining(["3"]));
    // null of each optional member: the walk's rule already sends that very body.
    const nulls = [...negativeCoverage.rules, ...negativeCoverage.nearMisses]
      .filter(({ breakage }) => breakage.value === null)
      .map(({ breakage }) => breakage.path.join("/"));
    expect(nulls).toEqual(expect.arrayContaining(["colour", "flag", "count", "tags"]));
    expect(near("tags/a")).toEqual(expect.arrayContaining([1]));
  });

  test("every near miss is invalid, and the required member gets no null near miss (the walk has it)", () => {
    for (const { body } of negativeCoverage.nearMisses) expect(isValid(body)).toBe(false);
    expect(near("code")).not.toContain(null);
    expect(negativeCoverage.notJson.every((text) => text.startsWith(JSON.stringify(base).slice(0, 10)))).toBe(
      true,
    );
  });
});
