/**
 * A loopback StartRestoreJob server for tests that checks SigV4 the way AWS does, with a signer
 * that is not the client's: the AWS SDK's `@smithy/signature-v4`. It re-signs each request from
 * what it received (method, path, query, the headers named in SignedHeaders, the exact body
 * bytes, the X-Amz-Date it carried) and compares signatures in constant time, so a client test
 * cannot pass because the client and the verifier share a canonicalisation bug (aws4 signs).
 *
 * It answers in the documented envelope (`format: "envelope"`) or as the live AWS endpoint
 * (`format: "aws"`, restJson1: errors named by `x-amzn-ErrorType`), as docs/errors.md ("How an
 * answer becomes a result or an error") describes both.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { listenOnLoopback } from "./loopback.js";
import { validateStartRestoreJobInput } from "./request-validator.js";
import {
  awsRejection,
  type Rejection,
  receivedRequest,
  sigv4Rejection,
  type VerifierCredentials,
} from "./sigv4-verify.js";

export interface RecordedRequest {
  method: string;
  /** The request target as received, query included. */
  path: string;
  /** Lower-case names; repeated headers joined with ",". */
  headers: Record<string, string>;
  body: string;
  signature: "valid" | "missing" | "invalid";
}

export interface SigV4ServerOptions {
  credentials: VerifierCredentials;
  /** Default us-east-1; the service is always `backup`. */
  region?: string;
  /** Answer format, default "envelope". */
  format?: "envelope" | "aws";
  /**
   * Answer a request yourself (after verification and recording); return undefined for the
   * default behaviour. `attempt` counts the requests this server received: 1 for the first.
   */
  respond?: (
    req: RecordedRequest,
    attempt: number,
  ) => { status: number; headers?: Record<string, string>; body?: string } | undefined;
}

export interface SigV4Server {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  requests: RecordedRequest[];
  /** IdempotencyToken → the job id it started. */
  jobs: Map<string, string>;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

function errorAnswer(
  format: "envelope" | "aws",
  envelope: { status: number; code: string },
  aws: { status: number; type: string; typeInBody?: boolean },
  message: string,
): Answer {
  if (format === "envelope") {
    return {
      status: envelope.status,
      body: JSON.stringify({ success: false, error: { code: envelope.code, message } }),
    };
  }
  return {
    status: aws.status,
    headers: { "x-amzn-ErrorType": aws.type },
    body: JSON.stringify(aws.typeInBody ? { __type: aws.type, message } : { message }),
  };
}

function rejectionAnswer(format: "envelope" | "aws", rejection: Rejection): Answer {
  const aws = awsRejection(rejection);
  const envelope =
    rejection === "missing" ? { status: 401, code: "UNAUTHORIZED" } : { status: 403, code: "FORBIDDEN" };
  return errorAnswer(format, envelope, aws, aws.message);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function startSigV4Server(options: SigV4ServerOptions): Promise<SigV4Server> {
  const format = options.format ?? "envelope";
  const requests: RecordedRequest[] = [];
  const jobs = new Map<string, string>();
  const createdAt = new Map<string, string>();

  /** The default answer to a request whose signature verified. */
  function defaultAnswer(recorded: RecordedRequest): Answer {
    if (recorded.method !== "PUT" || recorded.path.split("?")[0] !== "/restore-jobs") {
      return errorAnswer(
        format,
        { status: 404, code: "NOT_FOUND" },
        { status: 404, type: "UnknownOperationException" },
        `No operation for ${recorded.method} ${recorded.path}`,
      );
    }
    const input = parseJson(recorded.body);
    if (input === undefined || !validateStartRestoreJobInput(input)) {
      const problems = (validateStartRestoreJobInput.errors ?? [])
        .map((issue) => `${issue.instancePath || "/"} ${issue.message ?? issue.keyword}`)
        .join("; ");
      const detail = input === undefined ? "the body is not JSON" : problems;
      return errorAnswer(
        format,
        { status: 400, code: "VALIDATION_ERROR" },
        { status: 400, type: "InvalidParameterValueException" },
        format === "envelope" ? "Invalid request parameters" : `Invalid request parameters: ${detail}`,
      );
    }
    const token = (input as { IdempotencyToken?: string }).IdempotencyToken;
    const id = (token !== undefined && jobs.get(token)) || randomUUID();
    const created = (token !== undefined && createdAt.get(token)) || new Date().toISOString();
    if (token !== undefined) {
      jobs.set(token, id);
      createdAt.set(token, created);
    }
    const body =
      format === "envelope" ? { success: true, data: { id, created_at: created } } : { RestoreJobId: id };
    return { status: 200, body: JSON.stringify(body) };
  }

  const server = createServer((req, res) => {
    void (async () => {
      let answer: Answer;
      try {
        const received = await receivedRequest(req);
        const headers = received.headers;
        const rejection = await sigv4Rejection(received, options.credentials, options.region);
        const recorded: RecordedRequest = {
          method: received.method,
          path: received.target,
          headers,
          body: received.body.toString(),
          signature: rejection === undefined ? "valid" : rejection === "missing" ? "missing" : "invalid",
        };
        requests.push(recorded);
        answer =
          options.respond?.(recorded, requests.length) ??
          (rejection ? rejectionAnswer(format, rejection) : defaultAnswer(recorded));
      } catch (error) {
        const message = `sigv4-server failed: ${error instanceof Error ? error.message : String(error)}`;
        answer = errorAnswer(
          format,
          { status: 500, code: "INTERNAL_ERROR" },
          { status: 500, type: "InternalFailure" },
          message,
        );
      }
      // setHeader ignores the letter case of names, so `respond` can override either default.
      res.setHeader("content-type", "application/json");
      res.setHeader("x-amzn-RequestId", randomUUID());
      for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
      res.writeHead(answer.status);
      res.end(answer.body ?? "");
    })();
  });

  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    requests,
    jobs,
    close,
  };
}

/** Runs `fn` with a fresh server and closes it afterwards, whatever happens. */
export async function withSigV4Server<T>(
  options: SigV4ServerOptions,
  fn: (server: SigV4Server) => Promise<T>,
): Promise<T> {
  const server = await startSigV4Server(options);
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}
