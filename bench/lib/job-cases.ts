/**
 * The contract job's own requests, drawn as `restore-jobs verify` draws them against its embedded
 * mock (the same checks, seed and runs: fast-check's `examples` first, then the random cases) and
 * sent as its checks send them (each check's own `judge`, answered here with a 200 and no bytes on
 * the wire, records the requests of a case: two for an idempotency case, none for a case another
 * check sent already), built and signed for
 * `target`; and Prism's capacity on them: replayed by raw node:http, with no judging, `inFlight`
 * cases at a time. The job's cases are larger and a third of them invalid (Prism builds a
 * violation report for each), which costs Prism two to three times what a small valid PUT does.
 */
import { Agent, request as httpRequest } from "node:http";
import fc from "fast-check";
import { loadSpec } from "../../packages/restore-jobs-cli/src/openapi-document.js";
import { type CheckContext, checks } from "../../packages/restore-jobs-cli/src/verify/checks.js";
import { contractOf } from "../../packages/restore-jobs-cli/src/verify/contract.js";
import {
  dummyCredentials,
  requestBuilder,
} from "../../packages/restore-jobs-cli/src/verify/request-signing.js";
import { drawParameters } from "../../packages/restore-jobs-cli/src/verify/run-check.js";
import { sharedAnswers } from "../../packages/restore-jobs-cli/src/verify/shared-answers.js";
import type { Exchange, RequestCase, SentRequest } from "../../packages/restore-jobs-cli/src/verify/types.js";

/** What the recording context answers every request with: a success envelope, as the mock does. */
const accepted = (request: SentRequest): Exchange => ({
  request,
  response: {
    status: 200,
    contentType: "application/json",
    headers: { "content-type": "application/json" },
    bodyText: JSON.stringify({ success: true, data: { id: "recorded", created_at: "2025-01-01T00:00:00Z" } }),
    durationMs: 0,
  },
});

/**
 * The requests of every case of every check that runs against the embedded mock, in the job's
 * order, one array per case in the order its check sends them.
 */
export async function jobRequests(target: URL, runs: number, seed: number): Promise<SentRequest[][]> {
  const build = requestBuilder(target, dummyCredentials, "us-east-1");
  let unit: SentRequest[] = [];
  const record = (request: SentRequest) => {
    unit.push(request);
    return Promise.resolve(accepted(request));
  };
  const send = (requestCase: RequestCase) => record(build(requestCase));
  const context: CheckContext = {
    contract: contractOf(await loadSpec(), "mock"),
    send,
    answerOf: sharedAnswers(send),
    replay: (sent, body) => record({ ...sent.request, body }),
    verifiesSignatures: false,
    viaProxy: false,
    sessionToken: false,
    staticAnswers: true,
    pauseMs: 0,
  };
  const out: SentRequest[][] = [];
  for (const check of checks) {
    if (check.skippedBecause?.(context)) continue;
    const property = fc.asyncProperty(check.cases(context), async (requestCase: RequestCase) => {
      unit = [];
      await check.judge(requestCase, context);
      // A case another check sent already (shared-answers.ts) sends nothing.
      if (unit.length > 0) out.push(unit);
      return true;
    });
    await fc.check(property, drawParameters(check, context, runs, seed));
  }
  return out;
}

/**
 * Sends every case's requests (one after the other, as the job's checks do) `inFlight` cases at a
 * time over kept-alive connections; resolves to requests per second.
 */
export async function replayRate(cases: SentRequest[][], inFlight: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const send = (sent: SentRequest) =>
    new Promise<void>((resolve, reject) => {
      const { host: _host, ...headers } = sent.headers;
      const req = httpRequest(sent.url, { method: sent.method, headers, agent }, (response) => {
        response.resume();
        response.once("end", resolve);
        response.once("error", reject);
      });
      req.once("error", reject);
      req.end(sent.body);
    });
  try {
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      for (let at = next++; at < cases.length; at = next++) for (const sent of cases[at]!) await send(sent);
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const requests = cases.reduce((sum, unit) => sum + unit.length, 0);
    return requests / ((performance.now() - started) / 1000);
  } finally {
    agent.destroy();
  }
}
