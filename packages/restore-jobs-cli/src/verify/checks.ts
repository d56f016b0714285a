import type fc from "fast-check";
import { isObject, parseJson } from "../json.js";
import {
  anyCases,
  coverageCases,
  idempotencyCases,
  idempotencyExamples,
  invalidCases,
  negativeCoverageCases,
  refusedAuthKinds,
  unauthenticatedCases,
  unauthenticatedExamples,
  validCases,
} from "./case-arbitraries.js";
import type { Contract } from "./contract.js";
import { judgeIdempotency } from "./idempotency.js";
import { deepNestingDepth } from "./near-miss.js";
import { type CheckName, type Exchange, type RequestCase, sigv4Breaches, type Verdict } from "./types.js";

export interface CheckContext {
  contract: Contract;
  send: (requestCase: RequestCase) => Promise<Exchange>;
  /**
   * The answer to a case for a check that judges the case by that one answer: sent once for all
   * such checks (shared-answers.ts), where `send` sends every time.
   */
  answerOf: (requestCase: RequestCase) => Promise<Exchange>;
  /** Whether the target can verify SigV4 signatures (not the embedded mock). */
  verifiesSignatures: boolean;
  /** Whether the target is Prism's validation proxy (its `sl-violations` header is read). */
  viaProxy: boolean;
  /** Whether the target answers static examples (the embedded mock): the same id for every request. */
  staticAnswers: boolean;
  /** Whether the credentials have a session token (a request without it must be refused). */
  sessionToken: boolean;
  /** How long the idempotency check waits before a repeat `after_pause` (a few seconds, at most the timeout). */
  pauseMs: number;
  /** Sends `exchange`'s request again, the same headers, with another body. */
  replay: (exchange: Exchange, body: string) => Promise<Exchange>;
}

export interface Check {
  name: CheckName;
  description: string;
  /** Why the check does not run against this target, if it does not. */
  skippedBecause?: (context: CheckContext) => string | undefined;
  /** What part of the check does not run against this target, and why (printed with the result). */
  partlySkipped?: (context: CheckContext) => string | undefined;
  cases: (context: CheckContext) => fc.Arbitrary<RequestCase>;
  /** Cases run first, every time (fast-check `examples`). */
  examples?: (context: CheckContext) => RequestCase[];
  judge: (requestCase: RequestCase, context: CheckContext) => Promise<Judgement>;
  /**
   * For a check that judges a case by its one answer: that judgement alone, which also judges
   * the answers other checks' cases got (every-answer.ts), so that no answer of the run goes
   * unjudged by a check it concerns. It says `skip` for what is not its business.
   */
  answer?: AnswerJudge;
}

/** A single-answer judgement: a case, the exchange it made, the job's context. */
export type AnswerJudge = (requestCase: RequestCase, exchange: Exchange, context: CheckContext) => Verdict;

/** What judging a case sent and concluded; `cases[i]` is the case `exchanges[i]` sent (default: the case). */
export interface Judgement {
  exchanges: Exchange[];
  verdict: Verdict;
  cases?: RequestCase[] | undefined;
}

const pass: Verdict = { result: "pass" };

/** What a refused request was, for a finding's message. */
const refusedWhat: Record<RequestCase["auth"], string> = {
  signed: "a signed request",
  unsigned: "an unsigned request",
  bad_signature: "a request whose signature does not verify",
  other_service: "a request signed for another service (s3)",
  other_region: "a request signed for another region",
  stale_date: "a request signed 20 minutes ago (X-Amz-Date outside the 15-minute window)",
  future_date: "a request signed 20 minutes ahead (X-Amz-Date outside the 15-minute window)",
  body_changed: "the signed headers of an accepted request, replayed with another body",
  token_missing: "a request signed without the session token its credentials have",
  host_unsigned: "a request whose SignedHeaders leave out host",
  unsigned_payload: "a request signed with X-Amz-Content-Sha256: UNSIGNED-PAYLOAD (S3's alone)",
  scope_date_mismatch: "a request whose credential scope is dated the day before its X-Amz-Date",
  query_unsigned: "a request with a query string its signature does not cover",
  bearer_token: "a request with a Bearer token instead of a SigV4 Authorization",
  basic_auth: "a request with Basic authentication instead of a SigV4 Authorization",
};
const fail = (message: string): Verdict => ({ result: "fail", message });

/**
 * A 5xx or an exchange without a response is `not_a_server_error`'s finding alone, so that one
 * crash is named once, by the check that says what it is.
 */
export function serverTrouble(exchange: Exchange): string | undefined {
  const { failure, response } = exchange;
  if (failure?.kind === "too_large")
    return `${response ? `status ${response.status}` : "an answer"} with ${failure.message}`;
  if (failure) return `no response (${failure.message})`;
  if (exchange.response && exchange.response.status >= 500) return `status ${exchange.response.status}`;
  return undefined;
}

/**
 * A check judged by the case's one answer (sent once for every check judged this way:
 * `answerOf`): its `judge` and its `answer`, which skips a server error (see serverTrouble).
 */
function single(judge: AnswerJudge): Pick<Check, "judge" | "answer"> {
  const answer: AnswerJudge = (requestCase, exchange, context) => {
    const trouble = serverTrouble(exchange);
    return trouble ? { result: "skip", reason: trouble } : judge(requestCase, exchange, context);
  };
  return {
    answer,
    judge: async (requestCase, context) => {
      const exchange = await context.answerOf(requestCase);
      return { exchanges: [exchange], verdict: answer(requestCase, exchange, context) };
    },
  };
}

/** not_a_server_error's judgement: the one that does not skip a server error, but names it. */
const noServerError: AnswerJudge = (requestCase, exchange) => {
  const trouble = serverTrouble(exchange);
  return trouble ? fail(`a ${requestCase.kind} request got ${trouble}`) : pass;
};

const notItsBusiness = (reason: string): Verdict => ({ result: "skip", reason });

/** An answer's body, parsed once for all the checks that judge it. */
const parsedBodies = new WeakMap<Exchange, unknown>();
function bodyOf(exchange: Exchange): unknown {
  if (parsedBodies.has(exchange)) return parsedBodies.get(exchange);
  const body = parseJson(exchange.response?.bodyText ?? "");
  parsedBodies.set(exchange, body);
  return body;
}

function errorCodeOf(body: unknown): unknown {
  const error = (body as { error?: unknown } | null)?.error;
  return isObject(error) ? error.code : undefined;
}

/** Covering cases first, every time: every enum value, empty and Unicode metadata, and so on. */
const coveringExamples = ({ contract }: CheckContext) => coverageCases(contract);

/**
 * The cases of the checks that judge any case by its answer: these functions are shared, so that
 * the job draws the cases once (DrawnCases, drawn-cases.ts) and sends each once (shared-answers.ts)
 * for all of them.
 */
const answerCases: Pick<Check, "cases" | "examples"> = {
  cases: ({ contract, verifiesSignatures, sessionToken }) =>
    anyCases(contract, verifiesSignatures, sessionToken),
  examples: coveringExamples,
};

export const checks: Check[] = [
  {
    name: "positive_data_accepted",
    description:
      "a valid signed request is accepted: a 2xx (which 2xx is status_code_conformance's business)",
    cases: ({ contract }) => validCases(contract),
    examples: coveringExamples,
    ...single(({ kind, auth }, { response }) => {
      if (kind !== "valid" || auth !== "signed") return notItsBusiness("not a valid signed request");
      // Accepted or refused is this check's question; a 2xx the spec does not declare (201 where it
      // declares 200) is status_code_conformance's finding, so one fault is named once.
      const status = response?.status ?? 0;
      return status >= 200 && status < 300
        ? pass
        : fail(`a valid request got ${status}, expected a 2xx (200)`);
    }),
  },
  {
    name: "negative_data_rejected",
    description:
      "a schema-breaking signed request gets 400 with code VALIDATION_ERROR; a body that is not JSON gets a 4xx",
    cases: ({ contract }) => invalidCases(contract),
    examples: ({ contract }) => negativeCoverageCases(contract),
    ...single((requestCase, exchange) => {
      const status = exchange.response?.status ?? 0;
      if (requestCase.kind === "valid" || requestCase.auth !== "signed")
        return notItsBusiness("not an invalid signed request");
      if (requestCase.kind === "not_json") {
        return status >= 400 && status < 500
          ? pass
          : fail(`a body that is not JSON got ${status}, expected a 4xx`);
      }
      if (requestCase.breakage?.rule === "deep_nesting") {
        // A parser may refuse the depth before the schema is looked at: any 4xx will do.
        return status >= 400 && status < 500
          ? pass
          : fail(
              `a value nested ${deepNestingDepth} deep at /${requestCase.breakage.path.join("/")} got ${status}, expected a 4xx`,
            );
      }
      const rule = requestCase.breakage
        ? ` (${requestCase.breakage.rule} at /${requestCase.breakage.path.join("/")})`
        : "";
      const what = requestCase.kind === "near_miss" ? "a near miss" : "an invalid request";
      if (status !== 400) return fail(`${what}${rule} got ${status}, expected 400`);
      const code = errorCodeOf(bodyOf(exchange));
      return code === "VALIDATION_ERROR"
        ? pass
        : fail(`${what}${rule} got 400 with error code ${JSON.stringify(code)}, expected "VALIDATION_ERROR"`);
    }),
  },
  {
    name: "status_code_conformance",
    description: "every status is one the spec declares for the operation",
    ...answerCases,
    ...single((_, { response }, { contract }) =>
      contract.declaresStatus(response?.status ?? 0)
        ? pass
        : fail(`status ${response?.status} is not declared for ${contract.method} ${contract.path}`),
    ),
  },
  {
    name: "content_type_conformance",
    description: "the declared media type (application/json)",
    ...answerCases,
    ...single((_, { response }, { contract }) => {
      const status = response?.status ?? 0;
      const declared = contract.mediaTypesOf(status);
      if (!contract.declaresStatus(status))
        return { result: "skip", reason: `status ${status} is undeclared` };
      const essence = (response?.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (declared.length === 0) return pass;
      return declared.includes(essence)
        ? pass
        : fail(
            `status ${status} came as ${JSON.stringify(response?.contentType)}, expected ${declared.join(" or ")}`,
          );
    }),
  },
  {
    name: "response_schema_conformance",
    description:
      "the body is valid against the schema of its status: the success envelope for 200, the error envelope otherwise",
    ...answerCases,
    ...single((requestCase, exchange, { contract }) => {
      const status = exchange.response?.status ?? 0;
      // A request body that is not JSON is outside the request contract: only a 4xx is asked for it.
      if (requestCase.kind === "not_json") return { result: "skip", reason: "the request body is not JSON" };
      if (!contract.declaresStatus(status))
        return { result: "skip", reason: `status ${status} is undeclared` };
      if (exchange.response?.invalidUtf8)
        return fail(`the ${status} response body is not JSON: it is not valid UTF-8`);
      const body = bodyOf(exchange);
      if (body === undefined) return fail(`the ${status} response body is not JSON`);
      const problems = contract.responseProblems(status, body);
      return problems === undefined
        ? pass
        : fail(`the ${status} response body breaks its schema: ${problems}`);
    }),
  },
  {
    name: "not_a_server_error",
    description:
      "no 5xx, no reset connection, no answer later than the timeout, none over --max-response-bytes or with more than 100 header fields, on any case",
    ...answerCases,
    answer: noServerError,
    judge: async (requestCase, context) => {
      const exchange = await context.answerOf(requestCase);
      return { exchanges: [exchange], verdict: noServerError(requestCase, exchange, context) };
    },
  },
  {
    name: "auth_enforced",
    description:
      "an unsigned request gets 401; a signature that does not verify, or one that breaks a SigV4 rule, gets 401 or 403 (targets that verify signatures)",
    partlySkipped: ({ verifiesSignatures }) =>
      verifiesSignatures
        ? undefined
        : `the SigV4 cases (${sigv4Breaches.join(", ")}, a wrong signature) need a target that verifies signatures; the embedded mock only checks that an Authorization header is there`,
    cases: ({ contract, verifiesSignatures, sessionToken }) =>
      unauthenticatedCases(contract, refusedAuthKinds(verifiesSignatures, sessionToken)),
    examples: ({ contract, verifiesSignatures, sessionToken }) =>
      unauthenticatedExamples(contract, refusedAuthKinds(verifiesSignatures, sessionToken)),
    judge: async (requestCase, context) => {
      const sent: Exchange[] = [];
      if (requestCase.auth === "body_changed") {
        // First the request as signed, which must be accepted; then its headers with another body.
        const first = await context.send({ ...requestCase, auth: "signed" });
        sent.push(first);
        if (first.response?.status !== 200 || first.failure)
          return {
            exchanges: sent,
            verdict: {
              result: "skip",
              reason: `the signed request got ${serverTrouble(first) ?? first.response?.status}`,
            },
          };
        sent.push(await context.replay(first, requestCase.replayBody ?? ""));
      } else sent.push(await context.send(requestCase));
      const exchange = sent[sent.length - 1]!;
      const trouble = serverTrouble(exchange);
      const cases =
        sent.length === 2 ? [{ ...requestCase, auth: "signed" as const }, requestCase] : undefined;
      if (trouble) return { exchanges: sent, cases, verdict: { result: "skip", reason: trouble } };
      const status = exchange.response?.status ?? 0;
      const expected = requestCase.auth === "unsigned" ? [401] : [401, 403];
      const what = refusedWhat[requestCase.auth];
      if (!expected.includes(status))
        return {
          exchanges: sent,
          cases,
          verdict: fail(`${what} got ${status}, expected ${expected.join(" or ")}`),
        };
      const body = bodyOf(exchange) as { success?: unknown } | undefined;
      return {
        exchanges: sent,
        cases,
        verdict:
          body?.success === false
            ? pass
            : fail(`${what} got ${status} without an error envelope ("success": false)`),
      };
    },
  },
  {
    name: "idempotency",
    description:
      "the same valid body with the same IdempotencyToken twice gets 200 both times with the same data (id and created_at), at once, on a new connection, after another token's request and after a pause; the same body with another token, or another body with another token, gets another data.id",
    partlySkipped: ({ staticAnswers }) =>
      staticAnswers
        ? "two requests that must get two ids (another token; another body), and the repeats on a new connection, after another token and after a pause, need a target that makes ids; the embedded mock answers its static example"
        : undefined,
    cases: ({ contract, staticAnswers }) => idempotencyCases(contract, !staticAnswers),
    examples: ({ contract, staticAnswers }) => idempotencyExamples(contract, !staticAnswers),
    judge: judgeIdempotency,
  },
  {
    name: "proxy_violations",
    description: "Prism's validation proxy reports no violation of the response (sl-violations)",
    skippedBecause: ({ viaProxy }) => (viaProxy ? undefined : "only with --proxy"),
    ...answerCases,
    ...single((_, exchange) => {
      const violations = responseViolations(exchange.response?.headers["sl-violations"]);
      return violations.length === 0 ? pass : fail(`Prism reports: ${violations.join("; ")}`);
    }),
  },
];

/** The violations of the response in Prism's `sl-violations` header (a JSON array). */
function responseViolations(header: string | undefined): string[] {
  const violations = parseJson(header ?? "[]");
  if (!Array.isArray(violations)) return header ? [`unreadable sl-violations: ${header}`] : [];
  return (violations as { location?: string[]; message?: string; severity?: unknown }[])
    .filter((v) => v.location?.[0] === "response")
    .map((v) => `${(v.location ?? []).join(".")}: ${v.message ?? "violation"}`);
}
