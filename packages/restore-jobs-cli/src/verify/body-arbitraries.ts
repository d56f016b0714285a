import { createHash } from "node:crypto";
import fc from "fast-check";
import { isObject } from "../json.js";
import type { JsonSchema } from "../openapi-document.js";
import { coverageBodies } from "./coverage-bodies.js";
import {
  applyBreakage,
  type Breakage,
  breakageArbitraries,
  brokenEnds,
  notJsonBodyArbitrary,
} from "./invalid-body-arbitrary.js";
import { nearMissBreakages } from "./near-miss.js";
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
  /** The negative side's deterministic phase, the same on every run: see NegativeCoverage. */
  negativeCoverage: NegativeCoverage;
  /** Whether a body is valid against the request schema. */
  isValid: (body: unknown) => boolean;
}

/**
 * What every run sends before its random cases, whatever the seed: one body for each rule the
 * schema walk finds (each required member missing, each wrong type and `null`, each enum, const
 * and pattern missed, an unknown member, the conditional), every near miss (near-miss.ts), and a
 * valid body's JSON with trailing bytes or cut short. Each body is checked to be invalid.
 */
export interface NegativeCoverage {
  /** One invalid body for each rule of the walk. */
  rules: InvalidBody[];
  nearMisses: InvalidBody[];
  notJson: string[];
}

export function bodyArbitraries(
  requestSchema: JsonSchema,
  examples: unknown[] = [],
  prismInFront: PrismInFront = "none",
  clientJudge: (body: unknown) => boolean = () => true,
): BodyArbitraries {
  const compile = createValidatorFactory();
  const validate = compile(requestSchema);
  // Valid: by the schema, and by the client's rules the schema cannot hold (contract.ts). Invalid:
  // by the schema, which every server (and Prism) can hold.
  const keepsSchema = (body: unknown) => validate(body) === true;
  const isValid = (body: unknown) => keepsSchema(body) && clientJudge(body);
  const doc = new SchemaDocument(
    requestSchema,
    (schema) => {
      const check = compile(schema);
      return (value) => check(value) === true;
    },
    prismInFront,
  );
  const ownToken = tokenOfItsOwn(isValid);
  const valid = valueArbitrary(doc, requestSchema).filter(isValid).map(ownToken);
  const invalid = fc
    .tuple(valid, evenlyByRule(breakageArbitraries(doc, requestSchema)))
    .map(([base, breakage]) => ({ body: applyBreakage(base, breakage), breakage }))
    .filter(({ body }) => !keepsSchema(body));
  const validExamples = examples.filter(isValid);
  const base = (validExamples[0] ?? fc.sample(valid, { numRuns: 1, seed: 42 })[0]) as Record<string, unknown>;
  const broken = (breakage: Breakage): InvalidBody => ({ body: applyBreakage(base, breakage), breakage });
  const invalidOnly = (bodies: InvalidBody[]) => bodies.filter(({ body }) => !keepsSchema(body));
  // One body per rule: the first of a few fixed-seed draws of the rule's arbitrary that breaks it.
  const rules = breakageArbitraries(doc, requestSchema).flatMap((arbitrary) => {
    const first = invalidOnly(fc.sample(arbitrary, { numRuns: 10, seed: 0 }).map(broken))[0];
    return first ? [first] : [];
  });
  const ruleBodies = new Set(rules.map(({ body }) => JSON.stringify(body)));
  // Near misses around the spec's valid examples and a few fixed samples; a near miss that
  // makes the same body as a rule's (`null` of a member) is that rule's already.
  const around = [base, ...validExamples, ...fc.sample(valid, { numRuns: 2, seed: 7 })];
  const nearMisses = invalidOnly(nearMissBreakages(doc, requestSchema, around).map(broken)).filter(
    ({ body }) => !ruleBodies.has(JSON.stringify(body)),
  );
  return {
    valid,
    coverage: coverageBodies(doc, requestSchema, base, validExamples, isValid).filter(isValid).map(ownToken),
    invalid,
    notJson: notJsonBodyArbitrary(valid),
    negativeCoverage: {
      rules,
      nearMisses,
      notJson: brokenEnds(JSON.stringify(base)),
    },
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

/** The request member that makes a repeated request idempotent (StartRestoreJob's name for it). */
export const idempotencyMember = "IdempotencyToken";

/**
 * A valid body's idempotency token made its own: a UUID derived from the body and the token it was
 * drawn with, so that two different bodies never carry one token (the spec's examples, which the
 * drawn and covering bodies start from, all carry the same one). The documentation is silent on
 * one token with another body; many AWS APIs refuse it, and a server that does keeps the
 * contract. The same body with the same drawn token keeps the same token. Kept as drawn when the
 * derived token would make the body invalid (a spec whose token has a pattern a UUID breaks).
 */
function tokenOfItsOwn(isValid: (body: unknown) => boolean): (body: unknown) => unknown {
  return (body) => {
    if (!isObject(body) || typeof body[idempotencyMember] !== "string") return body;
    const hash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
    const token = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-a${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
    const own = { ...body, [idempotencyMember]: token };
    return isValid(own) ? own : body;
  };
}
