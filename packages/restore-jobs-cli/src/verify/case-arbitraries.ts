import fc from "fast-check";
import { type InvalidBody, idempotencyMember } from "./body-arbitraries.js";
import type { Contract } from "./contract.js";
import { type RequestCase, sigv4Breaches } from "./types.js";

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
      return typeof body[idempotencyMember] === "string" ? body : withToken(body, token);
    })
    .filter(contract.bodies.isValid)
    .map((value) => validCase(value));
}

/**
 * A tokened request and how it is repeated: at once, on a new connection, or after another valid
 * request with a token of its own (a pause is a fixed case: idempotencyExamples).
 */
function repeatedCases(contract: Contract): fc.Arbitrary<RequestCase> {
  const { valid, isValid } = contract.bodies;
  const other = fc
    .tuple(valid, fc.uuid({ version: 4 }))
    .map(([value, token]) => withToken(value, token))
    .filter(isValid)
    .map((value) => validCase(value));
  return fc.oneof(
    { weight: 2, arbitrary: tokenedCases(contract) },
    {
      weight: 1,
      arbitrary: tokenedCases(contract).map((c): RequestCase => ({ ...c, repeat: "new_connection" })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(tokenedCases(contract), other)
        .filter(
          ([c, between]) =>
            between.value !== undefined && withoutToken(c.value) !== withoutToken(between.value),
        )
        .map(([c, between]): RequestCase => ({ ...c, repeat: "after_others", between })),
    },
  );
}

const withToken = (value: unknown, token: string) => ({
  ...(value as Record<string, unknown>),
  [idempotencyMember]: token,
});
/** A body as text without its IdempotencyToken: what tells two bodies apart but for the token. */
export const withoutToken = (value: unknown) => {
  const { [idempotencyMember]: _token, ...rest } = value as Record<string, unknown>;
  return JSON.stringify(rest);
};

/**
 * Idempotency both ways: the same request twice (tokenedCases), and, when the target makes ids
 * (not the embedded mock's static examples), two requests that must get two ids: the same body
 * with two tokens, and two bodies with two tokens.
 */
export function idempotencyCases(contract: Contract, distinctIds: boolean): fc.Arbitrary<RequestCase> {
  if (!distinctIds) return tokenedCases(contract);
  const same = repeatedCases(contract);
  const { valid, isValid } = contract.bodies;
  const pair = (first: unknown, second: unknown): RequestCase => ({
    ...validCase(first),
    pairedWith: validCase(second),
  });
  const tokens = fc.tuple(fc.uuid({ version: 4 }), fc.uuid({ version: 4 })).filter(([a, b]) => a !== b);
  const sameBody = fc
    .tuple(valid, tokens)
    .map(([value, [a, b]]) => [withToken(value, a), withToken(value, b)] as const)
    .filter(([a, b]) => isValid(a) && isValid(b))
    .map(([a, b]) => pair(a, b));
  const otherBody = fc
    .tuple(valid, valid, tokens)
    .filter(([x, y]) => withoutToken(x) !== withoutToken(y))
    .map(([x, y, [a, b]]) => [withToken(x, a), withToken(y, b)] as const)
    .filter(([a, b]) => isValid(a) && isValid(b))
    .map(([a, b]) => pair(a, b));
  return fc.oneof(same, sameBody, otherBody);
}

/**
 * One pair of each kind that must get two ids, on every run, over two fixed valid bodies (the
 * coverage bodies) and fixed tokens; none against static answers.
 */
export function idempotencyExamples(contract: Contract, distinctIds: boolean): RequestCase[] {
  const [x, y] = contract.bodies.coverage;
  if (!distinctIds || x === undefined || y === undefined || withoutToken(x) === withoutToken(y)) return [];
  // A token per body: a token sent again with another body is a conflict a server may refuse.
  const tokens = [
    "7b0e2a4c-1f3d-4c5e-9a6b-8d7c6e5f4a3b",
    "3c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f",
    "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c",
  ] as const;
  const pairs = [
    [withToken(x, tokens[0]), withToken(x, tokens[1])],
    [withToken(x, tokens[0]), withToken(y, tokens[2])],
  ].filter((p) => p.every(contract.bodies.isValid));
  // Each way a store fails a repeat, once on every run, each with a token of its own.
  const repeats = (["at_once", "new_connection", "after_others", "after_pause"] as const).map(
    (repeat, i): RequestCase => ({
      ...validCase(withToken(x, `0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4${i}`)),
      repeat,
      ...(repeat === "after_others" && {
        between: validCase(withToken(y, "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d")),
      }),
    }),
  );
  return [
    ...pairs.map(([first, second]) => ({ ...validCase(first), pairedWith: validCase(second) })),
    ...repeats.filter(
      (c) => contract.bodies.isValid(c.value) && (!c.between || contract.bodies.isValid(c.between.value)),
    ),
  ];
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

/**
 * How a target is asked to refuse a request: unsigned always; when it verifies signatures, a
 * signature that does not verify and the SigV4 breaches (`token_missing` only when the
 * credentials have a session token to leave out).
 */
export function refusedAuthKinds(verifiesSignatures: boolean, sessionToken: boolean): RequestCase["auth"][] {
  if (!verifiesSignatures) return ["unsigned"];
  return ["unsigned", "bad_signature", ...sigv4Breaches.filter((b) => sessionToken || b !== "token_missing")];
}

/** A valid body sent as `how` says; `body_changed` replays its headers with `other`. */
function refusedCase(value: unknown, other: unknown, how: RequestCase["auth"]): RequestCase {
  const sent = validCase(value, how);
  return how === "body_changed" ? { ...sent, replayBody: JSON.stringify(other) } : sent;
}

/** Valid bodies the target must refuse for how they are signed (refusedAuthKinds). */
export function unauthenticatedCases(
  contract: Contract,
  kinds: RequestCase["auth"][],
): fc.Arbitrary<RequestCase> {
  return fc
    .tuple(contract.bodies.valid, contract.bodies.valid, fc.constantFrom(...kinds))
    .filter(
      ([value, other, how]) => how !== "body_changed" || JSON.stringify(value) !== JSON.stringify(other),
    )
    .map(([value, other, how]) => refusedCase(value, other, how));
}

/** One case of each kind, on every run, over two fixed valid bodies (the coverage bodies). */
export function unauthenticatedExamples(contract: Contract, kinds: RequestCase["auth"][]): RequestCase[] {
  const [first, second] = contract.bodies.coverage;
  if (first === undefined || second === undefined) return [];
  return kinds.map((how) => refusedCase(first, second, how));
}

/**
 * Every kind of case, for the checks that hold for any request: a server error on any of them
 * is not_a_server_error's finding (a SigV4 breach included; `body_changed` is auth_enforced's
 * two-request case and is left out).
 */
export function anyCases(
  contract: Contract,
  verifiesSignatures: boolean,
  sessionToken: boolean,
): fc.Arbitrary<RequestCase> {
  const refused = refusedAuthKinds(verifiesSignatures, sessionToken).filter((k) => k !== "body_changed");
  return fc.oneof(
    { weight: 3, arbitrary: validCases(contract) },
    { weight: 3, arbitrary: invalidCases(contract) },
    { weight: 1, arbitrary: unauthenticatedCases(contract, refused) },
  );
}

/** The coverage bodies (every enum value, empty and Unicode maps, ...) as signed valid cases. */
export function coverageCases(contract: Contract): RequestCase[] {
  return contract.bodies.coverage.map((value) => validCase(value));
}
