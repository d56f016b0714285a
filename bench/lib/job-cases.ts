/**
 * The contract job's own requests, drawn as `restore-jobs verify` draws them against its embedded
 * mock (the same checks, seed and runs: fast-check's `examples` first, then the random cases),
 * built and signed for `target`, and Prism's capacity on them: replayed by raw node:http, with no
 * judging, `inFlight` at a time. This is the mock's capacity on the job's work: the job's cases
 * are larger and a third of them invalid (Prism builds a violation report for each), which costs
 * Prism two to three times what a small valid PUT does.
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
import type { RequestCase, SentRequest } from "../../packages/restore-jobs-cli/src/verify/types.js";

const notSending = () => Promise.reject(new Error("the bench draws cases; it does not judge them"));

/** One request per case of every check that runs against the embedded mock, in the job's order. */
export async function jobRequests(target: URL, runs: number, seed: number): Promise<SentRequest[]> {
  const context: CheckContext = {
    contract: contractOf(await loadSpec(), "mock"),
    send: notSending,
    replay: notSending,
    verifiesSignatures: false,
    viaProxy: false,
    sessionToken: false,
    staticAnswers: true,
  };
  const build = requestBuilder(target, dummyCredentials, "us-east-1");
  const out: SentRequest[] = [];
  for (const check of checks) {
    if (check.skippedBecause?.(context)) continue;
    const property = fc.asyncProperty(check.cases(context), async (requestCase) => {
      out.push(build(requestCase));
      return true;
    });
    await fc.check(property, drawParameters(check, context, runs, seed));
  }
  return out;
}

/** Sends every request `inFlight` at a time over kept-alive connections; resolves to requests/s. */
export async function replayRate(requests: SentRequest[], inFlight: number): Promise<number> {
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
      for (let at = next++; at < requests.length; at = next++) await send(requests[at]!);
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return requests.length / ((performance.now() - started) / 1000);
  } finally {
    agent.destroy();
  }
}
