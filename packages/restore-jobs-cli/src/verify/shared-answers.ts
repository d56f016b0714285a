/**
 * One request per case for every check that judges a case by its one answer (`single` in
 * checks.ts). status_code_conformance, content_type_conformance, response_schema_conformance and
 * not_a_server_error (and proxy_violations with --proxy) draw the very same cases, from the same
 * arbitrary and seed, and positive_data_accepted and not_a_server_error start from the same
 * covering examples: sending such a case again for each check would only cost the target (a
 * staging server 50 ms away) and the job; each check judges the one answer. A case's request is
 * what its `auth` and `body` make (request-signing.ts), so they are the key. Answers are kept
 * while their bytes stay within `budgetBytes`; past it a case is sent again.
 */
import type { Exchange, RequestCase } from "./types.js";

/** What the answers kept may weigh: request and response bodies, as UTF-16 code units. */
export const sharedAnswersBudget = 64 * 1024 * 1024;

export function sharedAnswers(
  send: (requestCase: RequestCase) => Promise<Exchange>,
  budgetBytes = sharedAnswersBudget,
): (requestCase: RequestCase) => Promise<Exchange> {
  const answers = new Map<string, Promise<Exchange>>();
  let kept = 0;
  return (requestCase) => {
    const key = `${requestCase.auth}\n${requestCase.body}`;
    const known = answers.get(key);
    if (known) return known;
    const answer = send(requestCase);
    if (kept < budgetBytes) {
      answers.set(key, answer);
      kept += key.length;
      // A send that throws (the job stops: THROTTLED) is the judging check's to report.
      answer.then(
        (exchange) => {
          kept += exchange.response?.bodyText.length ?? 0;
        },
        () => {},
      );
    }
    return answer;
  };
}
