import { describe, expect, it } from "vitest";
import { sharedAnswers } from "../../src/verify/shared-answers.js";
import type { Exchange, RequestCase } from "../../src/verify/types.js";

const answer = (requestCase: RequestCase, bodyText: string): Exchange => ({
  request: { method: "PUT", url: "http://127.0.0.1/restore-jobs", headers: {}, body: requestCase.body },
  response: { status: 200, contentType: "application/json", headers: {}, bodyText, durationMs: 0 },
});
const valid = (body: string, auth: RequestCase["auth"] = "signed"): RequestCase => ({
  kind: "valid",
  auth,
  body,
});

describe("answers shared between the checks that judge a case by its one answer", () => {
  it("sends a case once, its request being its auth and body; another auth or body is another request", async () => {
    const sent: RequestCase[] = [];
    const answerOf = sharedAnswers(async (c) => {
      sent.push(c);
      return answer(c, "{}");
    });
    const [first, again] = await Promise.all([answerOf(valid("{}")), answerOf(valid("{}"))]);
    expect(again).toBe(first);
    await answerOf({ ...valid("{}"), kind: "invalid" });
    await answerOf(valid("{}", "unsigned"));
    await answerOf(valid("[]"));
    expect(sent.map((c) => [c.auth, c.body])).toEqual([
      ["signed", "{}"],
      ["unsigned", "{}"],
      ["signed", "[]"],
    ]);
  });

  it("keeps answers only within its budget of bytes: past it, a case is sent again", async () => {
    let sends = 0;
    const answerOf = sharedAnswers(async (c) => {
      sends++;
      return answer(c, "x".repeat(100));
    }, 150);
    await answerOf(valid("a"));
    await answerOf(valid("a"));
    expect(sends).toBe(1);
    await answerOf(valid("b")); // kept: 108 bytes were kept before it, under 150
    await answerOf(valid("c")); // over the budget: not kept
    await answerOf(valid("c"));
    await answerOf(valid("b"));
    expect(sends).toBe(4);
  });
});
