import type { Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { ResponseTooLarge } from "./bounded-fetch.js";
import type { AwsCredentials } from "./credentials-types.js";
import { RestoreJobsApiError, RestoreJobsError, RestoreJobsProtocolError } from "./errors.js";
import { AttemptTimedOut, type NodeHttpTransport } from "./node-http-transport.js";
import { interpretAnswer, type StartRestoreJobOutput } from "./response.js";
import { attemptSignal } from "./retry.js";
import { signChecked } from "./sign.js";
import type { StartRestoreJobInput } from "./validate-input.js";

const method = "PUT";

/** The clock requests are signed with: the local one plus what a skew error taught. */
export interface SigningClock {
  offsetMs: number;
  now(): Date;
}

export interface AttemptContext {
  region: string;
  timeoutMs: number;
  url: string;
  /** openapi-fetch over the transport, `Request` swapped for PreparedRequest with the own transport. */
  core: Client<paths>;
  /** The own node:http transport, or undefined when the caller gave a fetch. */
  transport: NodeHttpTransport | undefined;
  clock: SigningClock;
}

/** One signed attempt: sends the body once and turns the answer into the job, or throws. */
export type Attempt = (
  body: StartRestoreJobInput,
  json: string,
  credentials: AwsCredentials,
  callSignal: AbortSignal | undefined,
  secrets: Set<string | undefined>,
) => Promise<StartRestoreJobOutput>;

/**
 * The request openapi-fetch builds for startRestoreJob over the own transport: its URL and method,
 * for openapi-fetch's bookkeeping; the signed bytes go to the transport directly.
 */
export class PreparedRequest {
  readonly url: string;
  readonly method: string;
  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = init.method ?? "GET";
  }
}

/** The server's clock (its `Date` header) at the time of an API error, for skew correction. */
const serverTimes = new WeakMap<RestoreJobsApiError, number>();
export const serverTimeOf = (error: RestoreJobsApiError): number | undefined => serverTimes.get(error);

export function createAttempt({ region, timeoutMs, url, core, transport, clock }: AttemptContext): Attempt {
  const requestUrl = new URL(url);
  return async (body, json, credentials, callSignal, secrets) => {
    const headers = signChecked(
      { method, url: requestUrl, headers: { "content-type": "application/json" }, body: json },
      { credentials, region, service: "backup", date: clock.now() },
    );
    // The call's earlier attempts count too: a later answer may echo an earlier signature.
    secrets.add(credentials.secretAccessKey);
    secrets.add(credentials.sessionToken);
    secrets.add(headers.authorization?.split("Signature=")[1]);
    delete headers.host;
    // Over the own transport the attempt's timeout is a timer in the transport; over a caller's
    // fetch it is an AbortController the fetch is handed.
    const attemptAbort = transport ? undefined : attemptSignal(timeoutMs, callSignal ? [callSignal] : []);
    const signal = attemptAbort?.signal;
    try {
      const { data, error, response } = await core.PUT("/restore-jobs", {
        body,
        bodySerializer: () => json,
        headers,
        parseAs: "text",
        ...(signal && { signal }),
        redirect: "manual",
        // The bytes are in hand: send them as signed instead of reading them back from the Request.
        ...(transport && {
          // openapi-fetch reads only status, ok, headers.get and text() of what its fetch returns.
          fetch: () =>
            transport.send({
              method,
              url: requestUrl,
              headers,
              body: json,
              signal: callSignal,
              timeoutMs,
            }) as Promise<unknown> as Promise<Response>,
        }),
      });
      const payload: unknown = response.ok ? data : error;
      const text =
        typeof payload === "string" ? payload : payload === undefined ? "" : JSON.stringify(payload);
      try {
        return interpretAnswer(response.status, response.headers, text, {
          method,
          url,
          secrets: [...secrets],
        });
      } catch (failure) {
        const date = Date.parse(response.headers.get("date") ?? "");
        if (failure instanceof RestoreJobsApiError && !Number.isNaN(date)) serverTimes.set(failure, date);
        throw failure;
      }
    } catch (error) {
      if (error instanceof RestoreJobsError) throw error;
      if (attemptAbort?.timedOut()) throw new AttemptTimedOut(timeoutMs);
      const tooLarge = [error, (error as { cause?: unknown })?.cause].find(
        (e) => e instanceof ResponseTooLarge,
      );
      if (tooLarge) {
        const reason = (tooLarge as Error).message;
        throw new RestoreJobsProtocolError({
          status: 0,
          method,
          url,
          requestId: undefined,
          retryable: false,
          reason,
          excerpt: "",
        });
      }
      throw error;
    } finally {
      attemptAbort?.dispose();
    }
  };
}
