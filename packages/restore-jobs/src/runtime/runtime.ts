/**
 * The runtime of one client: options → transport → send → attempt → call, and `send`,
 * the one entry every operation takes (its input prepared, then the call). Knows no operation.
 */
import { RestoreJobsConfigError } from "../errors.js";
import type { CallOptions, Operation } from "../operations/operation.js";
import type { ResolvedOptions } from "../options.js";
import type { FetchLike } from "../transport/bounded-fetch.js";
import { type NodeHttpTransport, nodeHttpTransport } from "../transport/node-http.js";
import { createAttempt } from "./attempt.js";
import { runCall, type SigningClock } from "./call.js";
import { prepareRequest } from "./prepare.js";
import { RetryQuota } from "./retry.js";
import { signedSender } from "./send.js";

export interface Runtime {
  /** Validates `input`, then calls `operation` with retries, corrections, deadline and abort. */
  send<Input, Output>(
    operation: Operation<Input, Output>,
    input: Input,
    options?: CallOptions,
  ): Promise<Output>;
  /** The own node:http transport, or undefined when the caller gave a fetch. */
  readonly transport: NodeHttpTransport | undefined;
  /** The caller's fetch; undefined over the own transport. */
  readonly fetch: FetchLike | undefined;
  readonly clock: SigningClock;
  /** The endpoint without a trailing slash. */
  readonly baseUrl: string;
}

function checkCallOptions(callOptions: unknown): AbortSignal | undefined {
  if (typeof callOptions !== "object" || callOptions === null) {
    throw new RestoreJobsConfigError([
      { pointer: "", message: "call options must be an object { signal? }" },
    ]);
  }
  const signal = (callOptions as CallOptions).signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new RestoreJobsConfigError([{ pointer: "/signal", message: "must be an AbortSignal" }]);
  }
  return signal;
}

export function createRuntime(options: ResolvedOptions): Runtime {
  const baseUrl = options.endpoint.href.replace(/\/$/, "");
  const clock: SigningClock = {
    offsetMs: 0, // learnt from a skew error; later calls keep it
    now() {
      return new Date(Date.now() + this.offsetMs);
    },
  };
  // The transport: node:http by default (transport/node-http.ts says why), or the caller's fetch.
  const transport = options.fetch ? undefined : nodeHttpTransport(options.maxResponseBytes);
  const fetch = options.fetch;
  const attempt = createAttempt({
    region: options.region,
    timeoutMs: options.timeoutMs,
    baseUrl,
    send: signedSender(transport, fetch, options.maxResponseBytes),
    ownTransport: transport !== undefined,
  });
  const context = {
    options,
    baseUrl,
    attempt,
    quota: new RetryQuota(options.retryQuota),
    clock,
    recentSecrets: new Set<string | undefined>(),
  };
  return {
    async send(operation, input, callOptions = {}) {
      const signal = checkCallOptions(callOptions);
      const generic = operation as Operation<unknown, unknown>;
      const request = prepareRequest(generic, input, options.maxRequestBytes);
      return runCall(context, operation as Operation<unknown, never>, request, signal);
    },
    transport,
    fetch,
    clock,
    baseUrl,
  };
}
