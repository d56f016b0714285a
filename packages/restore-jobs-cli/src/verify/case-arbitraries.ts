import fc from "fast-check";
import type { InvalidBody } from "./body-arbitraries.js";
import type { Contract } from "./contract.js";
import type { RequestCase } from "./types.js";

export function validCase(value: unknown, auth: RequestCase["auth"] = "signed"): RequestCase {
  return { kind: "valid", auth, body: JSON.stringify(value), value };
}

/** Valid bodies, signed. */
export function validCases(contract: Contract): fc.Arbitrary<RequestCase> {
  return contract.bodies.valid.map((value) => validCase(value));
}

/** Valid bodies that carry an `IdempotencyToken` (a UUID is added where the generated body has none). */
export function tokenedCases(contract: Contract): fc.Arbitrary<RequestCase> {
  return fc
    .tuple(contract.bodies.valid, fc.uuid({ version: 4 }))
    .map(([value, token]) => {
      const body = value as Record<string, unknown>;
      return typeof body.IdempotencyToken === "string" ? body : { ...body, IdempotencyToken: token };
    })
    .filter(contract.bodies.isValid)
    .map((value) => validCase(value));
}

/** Bodies breaking one schema rule, or not JSON at all, signed. */
export function invalidCases(contract: Contract): fc.Arbitrary<RequestCase> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: contract.bodies.invalid.map(({ body, breakage }) => ({
        kind: "invalid" as const,
        auth: "signed" as const,
        body: JSON.stringify(body),
        value: body,
        breakage,
      })),
    },
    {
      weight: 1,
      arbitrary: contract.bodies.notJson.map((body) => ({
        kind: "not_json" as const,
        auth: "signed" as const,
        body,
      })),
    },
  );
}

/**
 * The negative side's deterministic phase as signed cases: a body for each rule of the schema,
 * each near miss, and the broken ends of a valid body's JSON (NegativeCoverage).
 */
export function negativeCoverageCases(contract: Contract): RequestCase[] {
  const { rules, nearMisses, notJson } = contract.bodies.negativeCoverage;
  const invalid =
    (kind: "invalid" | "near_miss") =>
    ({ body, breakage }: InvalidBody): RequestCase => ({
      kind,
      auth: "signed",
      body: JSON.stringify(body),
      value: body,
      breakage,
    });
  return [
    ...rules.map(invalid("invalid")),
    ...nearMisses.map(invalid("near_miss")),
    ...notJson.map((body): RequestCase => ({ kind: "not_json", auth: "signed", body })),
  ];
}

/** Valid bodies without a signature, or (when the target verifies signatures) with a wrong one. */
export function unauthenticatedCases(
  contract: Contract,
  verifiesSignatures: boolean,
): fc.Arbitrary<RequestCase> {
  const auth: RequestCase["auth"][] = verifiesSignatures ? ["unsigned", "bad_signature"] : ["unsigned"];
  return fc
    .tuple(contract.bodies.valid, fc.constantFrom(...auth))
    .map(([value, how]) => validCase(value, how));
}

/** Every kind of case, for the checks that hold for any request. */
export function anyCases(contract: Contract, verifiesSignatures: boolean): fc.Arbitrary<RequestCase> {
  return fc.oneof(
    { weight: 3, arbitrary: validCases(contract) },
    { weight: 3, arbitrary: invalidCases(contract) },
    { weight: 1, arbitrary: unauthenticatedCases(contract, verifiesSignatures) },
  );
}

/** The coverage bodies (every enum value, empty and Unicode maps, ...) as signed valid cases. */
export function coverageCases(contract: Contract): RequestCase[] {
  return contract.bodies.coverage.map((value) => validCase(value));
}
