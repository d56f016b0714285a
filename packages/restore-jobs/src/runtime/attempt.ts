/**
 * One attempt of any operation: sign → send → interpret. Whatever goes wrong leaves here as a
 * RestoreJobsError: every transport failure is translated once, in `transportFailure`.
 */

import {
  RestoreJobsError,
  RestoreJobsNetworkError,
  RestoreJobsProtocolError,
  RestoreJobsTimeoutError,
} from "../errors.js";
import type { Operation } from "../operations/operation.js";
import type { AwsCredentials } from "../signing/credentials-types.js";
import { signChecked } from "../signing/sign.js";
import { ResponseTooLarge } from "../transport/bounded-fetch.js";
import { AttemptTimedOut } from "../transport/node-http.js";
import type { PreparedRequest } from "./prepare.js";
import { interpretAnswer, isRetryableAnswer, serverText } from "./response.js";
import { attemptSignal } from "./retry.js";
import type { ReadAnswer, SignedRequest } from "./send.js";

export interface AttemptContext {
  region: string;
  timeoutMs: number;
  /** The endpoint without a trailing slash; an operation's path is appended. */
  baseUrl: string;
  /** Sends one signed request and reads the answer once. */
  send: (request: SignedRequest) => Promise<ReadAnswer>;
  /** Whether the own transport sends (it times the attempt itself) or a caller's fetch. */
  ownTransport: boolean;
}

/** One signed attempt: sends the request once and reads the answer into the output, or throws a RestoreJobsError. */
export type Attempt = <Output>(
  operation: Operation<unknown, Output>,
  request: PreparedRequest,
  credentials: AwsCredentials,
  /** The time to sign with (the clock with its learnt offset), which a skew is judged against. */
  signedAt: Date,
  callSignal: AbortSignal | undefined,
  secrets: Set<string | undefined>,
) => Promise<Output>;

/**
 * What a failed send becomes: the attempt's timeout (a timer in the transport, or the attempt's
 * signal with a caller's fetch), an answer over `maxResponseBytes` (not read), or a network error
 * (refused, reset, closed mid-answer, DNS, TLS). The call decides whether an abort or the
 * deadline explains it instead.
 */
function transportFailure(
  error: unknown,
  method: string,
  url: string,
  timeoutMs: number,
  timedOut: boolean,
  secrets: Set<string | undefined>,
): RestoreJobsError {
  if (error instanceof RestoreJobsError) return error;
  if (timedOut || error instanceof AttemptTimedOut)
    return new RestoreJobsTimeoutError(method, url, timeoutMs);
  const tooLarge = [error, (error as { cause?: unknown } | undefined)?.cause].find(
    (e): e is ResponseTooLarge => e instanceof ResponseTooLarge,
  );
  if (tooLarge) {
    // Not read, but the status came first: a 503 too large to read is a 503, retried as one.
    const requestId = tooLarge.headers.get("x-amzn-requestid") ?? tooLarge.headers.get("x-amz-request-id");
    return new RestoreJobsProtocolError({
      status: tooLarge.status,
      method,
      url,
      requestId: requestId === null ? undefined : serverText(requestId, [...secrets], 200),
      retryable: isRetryableAnswer(tooLarge.status, undefined),
      reason: tooLarge.message,
      excerpt: "",
    });
  }
  return new RestoreJobsNetworkError(method, url, error);
}

export function createAttempt({ region, timeoutMs, baseUrl, send, ownTransport }: AttemptContext): Attempt {
  return async (operation, request, credentials, signedAt, callSignal, secrets) => {
    const { method } = operation;
    const url = new URL(`${baseUrl}${request.path}${request.query ? `?${request.query}` : ""}`);
    const messageUrl = `${baseUrl}${request.path}`;
    const toSign: Record<string, string> = { ...request.headers };
    if (request.json !== undefined) toSign["content-type"] = "application/json";
    const headers = signChecked(
      { method, url, headers: toSign, body: request.json },
      { credentials, region, service: "backup", date: signedAt },
    );
    // The call's earlier attempts count too: a later answer may echo an earlier signature.
    secrets.add(headers.authorization?.split("Signature=")[1]);
    delete headers.host;
    // Unsigned, so a proxy that rewrites it breaks nothing: the transport does not decompress
    // what it did not ask for (it decodes what a server compresses regardless).
    headers["accept-encoding"] = "identity";
    // Over the own transport the attempt's timeout is a timer in the transport; over a caller's
    // fetch it is an AbortController the fetch is handed.
    const attemptAbort = ownTransport ? undefined : attemptSignal(timeoutMs, callSignal ? [callSignal] : []);
    let answer: ReadAnswer;
    try {
      answer = await send({
        method,
        url,
        headers,
        json: request.json,
        callSignal,
        attemptSignal: attemptAbort?.signal,
        timeoutMs,
      });
    } catch (error) {
      throw transportFailure(
        error,
        method,
        messageUrl,
        timeoutMs,
        attemptAbort?.timedOut() ?? false,
        secrets,
      );
    } finally {
      attemptAbort?.dispose();
    }
    return interpretAnswer(answer.status, answer.headers, answer.text, {
      method,
      url: messageUrl,
      read: operation.read,
      secrets: [...secrets],
    });
  };
}
