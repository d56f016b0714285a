/**
 * A fake AWS Backup for tests: a node:http server on 127.0.0.1 (a free port) that speaks AWS's
 * live wire (restJson1) for the eight restore-job operations, verifies SigV4 on every request
 * with a signer that is not the client's (sigv4-verify.ts, service `backup`), keeps jobs in a
 * store (store.ts) that a test can seed and move through their statuses, and misbehaves on
 * demand (misbehaviour.ts). Each operation is one handler (handlers/), routed by routes.ts.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { listenOnLoopback } from "../loopback.js";
import type { RecordedRequest } from "../sigv4-server.js";
import { awsRejection, receivedRequest, sigv4Rejection, type VerifierCredentials } from "../sigv4-verify.js";
import { Misbehaviour } from "./misbehaviour.js";
import { type OperationName, route } from "./routes.js";
import type { JobStatus } from "./shapes.js";
import { RestoreJobStore } from "./store.js";
import { type Answer, errorAnswer, QueryReader, ServiceError } from "./wire.js";

/** A request as the fake received it, and the operation it was routed to (none: no such route). */
export interface RecordedCall extends RecordedRequest {
  operation: OperationName | undefined;
}

export interface FakeBackupOptions {
  credentials: VerifierCredentials;
  /** The region requests must be signed for; default us-east-1. */
  region?: string;
  /** The caller's account, which jobs belong to; default 123456789012. */
  accountId?: string;
  /** What successive DescribeRestoreJob calls see of each job StartRestoreJob starts; default none (PENDING stays). */
  statusScript?: readonly JobStatus[];
  /** Page size of a list request without MaxResults; default 50. */
  defaultPageSize?: number;
  /** The server's clock; default the machine's. */
  now?: () => Date;
}

export interface FakeBackup {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  region: string;
  accountId: string;
  store: RestoreJobStore;
  misbehave: Misbehaviour;
  /** Every request received, in order, signed or not. */
  calls: RecordedCall[];
  /** The calls of one operation. */
  callsOf(operation: OperationName): RecordedCall[];
  close(): Promise<void>;
}

export async function startFakeBackup(options: FakeBackupOptions): Promise<FakeBackup> {
  const region = options.region ?? "us-east-1";
  const accountId = options.accountId ?? "123456789012";
  const now = options.now ?? (() => new Date());
  const store = new RestoreJobStore({ accountId, now, statusScript: options.statusScript ?? [] });
  const misbehave = new Misbehaviour();
  const calls: RecordedCall[] = [];

  async function answer(req: IncomingMessage): Promise<Answer> {
    const received = await receivedRequest(req);
    const rejection = await sigv4Rejection(received, options.credentials, region);
    const [path = "", search = ""] = received.target.split(/\?(.*)/s);
    let found: ReturnType<typeof route>;
    let routingError: ServiceError | undefined;
    try {
      found = route(received.method, path);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      routingError = error;
    }
    const call: RecordedCall = {
      operation: found?.operation,
      method: received.method,
      path: received.target,
      headers: received.headers,
      body: received.body.toString(),
      signature: rejection === undefined ? "valid" : rejection === "missing" ? "missing" : "invalid",
    };
    calls.push(call);
    if (rejection) {
      const aws = awsRejection(rejection);
      return errorAnswer(aws.type, aws.message, aws.status, aws.typeInBody);
    }
    if (routingError) return errorAnswer(routingError.type, routingError.message, routingError.status);
    if (!found) {
      return errorAnswer("UnknownOperationException", `No operation for ${received.method} ${path}`, 404);
    }
    const injected = misbehave.intercept({ ...call, operation: found.operation });
    if (injected) return injected;
    const params = new URLSearchParams(search);
    try {
      const handled = found.handler(
        { labels: found.labels, query: new QueryReader(params), params, body: call.body },
        {
          store,
          region,
          accountId,
          now,
          quirks: misbehave.quirks(found.operation),
          defaultPageSize: options.defaultPageSize ?? 50,
        },
      );
      return misbehave.dropAfterEffect(found.operation) ? { status: 0, drop: true } : handled;
    } catch (error) {
      if (error instanceof ServiceError) return errorAnswer(error.type, error.message, error.status);
      throw error;
    }
  }

  const server = createServer((req, res) => {
    void answer(req)
      .catch((error: unknown) =>
        errorAnswer(
          "InternalFailure",
          `fake-backup failed: ${error instanceof Error ? error.message : String(error)}`,
          500,
        ),
      )
      .then((answered) => {
        if (answered.drop) return void req.socket.destroy();
        res.setHeader("x-amzn-RequestId", randomUUID());
        if (answered.body !== undefined) res.setHeader("content-type", "application/json");
        for (const [name, value] of Object.entries(answered.headers ?? {})) res.setHeader(name, value);
        res.writeHead(answered.status);
        res.end(answered.body ?? "");
      });
  });

  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    region,
    accountId,
    store,
    misbehave,
    calls,
    callsOf: (operation) => calls.filter((call) => call.operation === operation),
    close,
  };
}
