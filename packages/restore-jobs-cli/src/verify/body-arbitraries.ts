import fc from "fast-check";
import type { JsonSchema } from "../openapi-document.js";
import { coverageBodies } from "./coverage-bodies.js";
import {
  applyBreakage,
  type Breakage,
  breakageArbitraries,
  notJsonBodyArbitrary,
} from "./invalid-body-arbitrary.js";
import { createValidatorFactory } from "./schema-validator.js";
import { type PrismInFront, SchemaDocument } from "./schema-walk.js";
import { valueArbitrary } from "./valid-body-arbitrary.js";

export interface InvalidBody {
  body: unknown;
  breakage: Breakage;
}

/** Everything the checks draw request bodies from, derived from one request schema. */
export interface BodyArbitraries {
  /** Bodies valid against the request schema (filtered through it, so always valid). */
  valid: fc.Arbitrary<unknown>;
  /** Hand-picked valid bodies run first by every valid-data check: enum values, empty and Unicode metadata, all optional members, long strings. */
  coverage: unknown[];
  /** Valid bodies with one rule broken (checked to be invalid). */
  invalid: fc.Arbitrary<InvalidBody>;
  /** Text that is not JSON at all. */
  notJson: fc.Arbitrary<string>;
  /** Whether a body is valid against the request schema. */
  isValid: (body: unknown) => boolean;
}

export function bodyArbitraries(
  requestSchema: JsonSchema,
  examples: unknown[] = [],
  prismInFront: PrismInFront = "none",
): BodyArbitraries {
  const compile = createValidatorFactory();
  const validate = compile(requestSchema);
  const isValid = (body: unknown) => validate(body) === true;
  const doc = new SchemaDocument(
    requestSchema,
    (schema) => {
      const check = compile(schema);
      return (value) => check(value) === true;
    },
    prismInFront,
  );
  const valid = valueArbitrary(doc, requestSchema).filter(isValid);
  const invalid = fc
    .tuple(valid, evenlyByRule(breakageArbitraries(doc, requestSchema)))
    .map(([base, breakage]) => ({ body: applyBreakage(base, breakage), breakage }))
    .filter(({ body }) => !isValid(body));
  const validExamples = examples.filter(isValid);
  const base = (validExamples[0] ?? fc.sample(valid, { numRuns: 1, seed: 42 })[0]) as Record<string, unknown>;
  return {
    valid,
    coverage: coverageBodies(doc, requestSchema, base, validExamples, isValid).filter(isValid),
    invalid,
    notJson: notJsonBodyArbitrary(valid),
    isValid,
  };
}

/**
 * One breakage arbitrary per rule kind first, then per place: otherwise the rules every member
 * has (`null`, a wrong type) would crowd out the rarer ones (an enum, the conditional).
 */
function evenlyByRule(arbitraries: fc.Arbitrary<Breakage>[]): fc.Arbitrary<Breakage> {
  const groups = new Map<string, fc.Arbitrary<Breakage>[]>();
  for (const arbitrary of arbitraries) {
    // Each arbitrary breaks one kind of rule; one sample tells which.
    const rule = fc.sample(arbitrary, { numRuns: 1, seed: 0 })[0]?.rule ?? "other";
    groups.set(rule, [...(groups.get(rule) ?? []), arbitrary]);
  }
  return fc.oneof(...[...groups.values()].map((group) => fc.oneof(...group)));
}
