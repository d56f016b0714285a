/**
 * The idempotency check's judgement, a stateful one apart from the single-answer checks: a
 * request sent again with its token must get the whole first answer again, as a store that
 * really keeps it gives it, and requests that are not repeats must get answers of their own.
 * Stores fail in ways one repeat at once on the same connection never shows: a store per
 * connection, a cache of one token, a time-to-live of a second or two; so the repeat also comes
 * on a new connection, after another token's request, and after a pause (`RequestCase.repeat`).
 */
import { isDeepStrictEqual } from "node:util";
import { parseJson } from "../json.js";
import { withoutToken } from "./case-arbitraries.js";
import { type CheckContext, type Judgement, serverTrouble } from "./checks.js";
import type { Exchange, RequestCase, Verdict } from "./types.js";

/** How the repeat of a request comes, in words for a finding. */
const repeatWhat: Record<NonNullable<RequestCase["repeat"]>, string> = {
  at_once: "the repeated request",
  new_connection: "the repeated request, on a new connection,",
  after_others: "the repeated request, after a request with another token,",
  after_pause: "the repeated request, after a pause,",
};

const skip = (reason: string): Verdict => ({ result: "skip", reason });
const fail = (message: string): Verdict => ({ result: "fail", message });

/** `data` of a 200 that keeps its schema; undefined otherwise (response_schema_conformance's business). */
function dataOf(exchange: Exchange, context: CheckContext): Record<string, unknown> | undefined {
  const body = parseJson(exchange.response?.bodyText ?? "");
  if (exchange.response?.status !== 200 || context.contract.responseProblems(200, body) !== undefined)
    return undefined;
  return (body as { data?: Record<string, unknown> }).data;
}

export async function judgeIdempotency(requestCase: RequestCase, context: CheckContext): Promise<Judgement> {
  const exchanges = [await context.send(requestCase)];
  const cases = [requestCase];
  const done = (verdict: Verdict): Judgement => ({ exchanges, cases, verdict });
  const [first] = exchanges as [Exchange];
  if (first.response?.status !== 200 || first.failure)
    return done(skip(`the first request got ${serverTrouble(first) ?? first.response?.status}`));
  const firstData = dataOf(first, context);
  if (!firstData) return done(skip("the first answer breaks its schema"));

  const paired = requestCase.pairedWith;
  if (requestCase.between) {
    cases.push(requestCase.between);
    exchanges.push(await context.send(requestCase.between));
  }
  if (requestCase.repeat === "after_pause")
    await new Promise((resolve) => setTimeout(resolve, context.pauseMs));
  const again =
    paired ??
    (requestCase.repeat === "new_connection" ? { ...requestCase, connection: "new" as const } : requestCase);
  cases.push(again);
  const second = await context.send(again);
  exchanges.push(second);
  const at = exchanges.length;
  // A server error is not_a_server_error's finding, an answer that breaks its schema
  // response_schema_conformance's (every-answer.ts judges these answers too): named once.
  const trouble = serverTrouble(second);
  if (trouble) return done(skip(`the second request got ${trouble}`));
  const what = repeatWhat[requestCase.repeat ?? "at_once"];
  if (second.response?.status !== 200) {
    // Another request refused is positive_data_accepted's business; the same request, accepted a
    // moment ago, must be accepted again.
    return done(
      paired
        ? skip(`the second request got ${second.response?.status}`)
        : fail(`${what} got ${second.response?.status}, expected 200 (requests 1 and ${at})`),
    );
  }
  const secondData = dataOf(second, context);
  if (!secondData) return done(skip("the second answer breaks its schema"));
  if (!paired) {
    if (isDeepStrictEqual(firstData, secondData)) return done({ result: "pass" });
    const differ = [...new Set([...Object.keys(firstData), ...Object.keys(secondData)])].filter(
      (key) => !isDeepStrictEqual(firstData[key], secondData[key]),
    );
    return done(
      fail(
        `${what} got another answer: ${differ.map((key) => `data.${key} ${JSON.stringify(secondData[key])}, the first ${JSON.stringify(firstData[key])}`).join("; ")} (requests 1 and ${at})`,
      ),
    );
  }
  const sameBody = withoutToken(paired.value) === withoutToken(requestCase.value);
  return done(
    firstData.id !== secondData.id
      ? { result: "pass" }
      : fail(
          `${sameBody ? "the same body with two IdempotencyTokens" : "two bodies with two IdempotencyTokens"} got the same data.id ${JSON.stringify(firstData.id)} (requests 1 and ${at})`,
        ),
  );
}
