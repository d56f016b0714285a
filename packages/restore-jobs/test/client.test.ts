import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BackupClient, StartRestoreJobCommand } from "@aws-sdk/client-backup";
import { afterEach, describe, expect, it } from "vitest";
import {
  type SigV4Server,
  type SigV4ServerOptions,
  startSigV4Server,
} from "../../../test-support/sigv4-server.js";
import {
  createRestoreJobsClient,
  RestoreJobsAbortError,
  RestoreJobsApiError,
  RestoreJobsNetworkError,
  RestoreJobsProtocolError,
  RestoreJobsTimeoutError,
  RestoreJobsValidationError,
  type StartRestoreJobInput,
} from "../src/index.js";

const credentials = { accessKeyId: "AKIDTESTCLIENT", secretAccessKey: "client-test-secret-key-0123456789" };
const input: StartRestoreJobInput = {
  RecoveryPointArn:
    "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45",
  Metadata: { "file-system-id": "fs-0123456789abcdef0", newFileSystem: "true", note: "ünïcødé ✓" },
  ResourceType: "EFS",
};
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let servers: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(options: Partial<SigV4ServerOptions> = {}): Promise<SigV4Server> {
  const server = await startSigV4Server({ credentials, ...options });
  servers.push(server);
  return server;
}

const clientFor = (server: { url: string }, extra: Parameters<typeof createRestoreJobsClient>[0] = {}) =>
  createRestoreJobsClient({
    region: "us-east-1",
    endpoint: server.url,
    credentials,
    retryDelay: { baseMs: 1 },
    ...extra,
  });

const bodyOf = (server: SigV4Server, index = 0) => JSON.parse(server.requests[index]?.body ?? "null");

describe("startRestoreJob over real HTTP, verified by an independent SigV4 implementation", () => {
  it("gets the job id from the documented envelope", async () => {
    const server = await serve({ format: "envelope" });
    const output = await clientFor(server).startRestoreJob(input);
    expect(output.id).toBe(server.jobs.get(bodyOf(server).IdempotencyToken));
    expect(output.createdAt).toBeInstanceOf(Date);
    expect(server.requests.map((r) => r.signature)).toEqual(["valid"]);
  });

  it("gets the job id from the AWS wire format", async () => {
    const server = await serve({ format: "aws" });
    const output = await clientFor(server).startRestoreJob(input);
    expect(output).toEqual({ id: server.jobs.get(bodyOf(server).IdempotencyToken), createdAt: undefined });
    expect(server.requests[0]).toMatchObject({ method: "PUT", path: "/restore-jobs", signature: "valid" });
  });

  it("signs with a session token, sent as X-Amz-Security-Token", async () => {
    const temporary = { ...credentials, sessionToken: "session-token-for-the-test" };
    const server = await serve({ credentials: temporary });
    await clientFor(server, { credentials: temporary }).startRestoreJob(input);
    expect(server.requests[0]?.headers["x-amz-security-token"]).toBe(temporary.sessionToken);
    expect(server.requests[0]?.headers.authorization).toContain("x-amz-security-token");
    expect(server.requests[0]?.signature).toBe("valid");
  });

  it("takes credentials from an async provider", async () => {
    const server = await serve();
    let calls = 0;
    const client = clientFor(server, {
      credentials: async () => {
        calls++;
        return { ...credentials, expiration: new Date(Date.now() + 3_600_000) };
      },
    });
    await Promise.all([client.startRestoreJob(input), client.startRestoreJob(input)]);
    await client.startRestoreJob(input);
    expect(calls).toBe(1);
    expect(server.requests.every((r) => r.signature === "valid")).toBe(true);
  });

  it("fills IdempotencyToken with a UUID v4 and keeps the caller's own", async () => {
    const server = await serve();
    const client = clientFor(server);
    await client.startRestoreJob(input);
    await client.startRestoreJob({ ...input, IdempotencyToken: "my-token" });
    expect(bodyOf(server, 0).IdempotencyToken).toMatch(uuidV4);
    expect(bodyOf(server, 1).IdempotencyToken).toBe("my-token");
  });

  it("sends the same JSON body as the AWS SDK for JavaScript v3 for the same input", async () => {
    const server = await serve({ format: "aws" });
    const full: StartRestoreJobInput = {
      CopySourceTagsToRestoredResource: true,
      ResourceType: "EFS",
      IdempotencyToken: "same-token",
      IamRoleArn: "arn:aws:iam::123456789012:role/S3Access",
      Metadata: { b: "2", a: "1", ключ: "значение" },
      RecoveryPointArn: input.RecoveryPointArn,
    };
    await clientFor(server).startRestoreJob(full);
    const sdk = new BackupClient({ region: "us-east-1", endpoint: server.url, credentials });
    await sdk.send(new StartRestoreJobCommand(full));
    sdk.destroy();
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.body).toBe(server.requests[1]?.body);
    expect(server.requests[1]?.signature).toBe("valid");
  });

  it("signs requests made through client.raw the same way", async () => {
    const server = await serve();
    const { data, response } = await clientFor(server).raw.PUT("/restore-jobs", {
      body: { ...input, IdempotencyToken: "raw-1" },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ success: true, data: { id: server.jobs.get("raw-1") } });
    expect(server.requests[0]?.signature).toBe("valid");
  });

  it("sends through the caller's fetch when given one, signed the same way", async () => {
    const server = await serve();
    const seen: string[] = [];
    const fetch = (request: Request, init?: RequestInit) => {
      seen.push(`${request.method} ${new URL(request.url).pathname}`);
      return globalThis.fetch(request, init);
    };
    const c = clientFor(server, { fetch });
    await expect(c.startRestoreJob(input)).resolves.toMatchObject({ id: expect.any(String) });
    await c.raw.PUT("/restore-jobs", { body: input });
    expect(seen).toEqual(["PUT /restore-jobs", "PUT /restore-jobs"]);
    expect(server.requests.map((r) => r.signature)).toEqual(["valid", "valid"]);
  });

  it("never follows a redirect with a signed request, through the caller's fetch either", async () => {
    const elsewhere = await serve();
    const temporary = { ...credentials, sessionToken: "session-token-not-for-elsewhere" };
    const server = await serve({
      credentials: temporary,
      respond: () => ({ status: 303, headers: { location: `${elsewhere.url}/collect` } }),
    });
    const c = clientFor(server, {
      credentials: temporary,
      fetch: (r, i) => globalThis.fetch(r, i),
      maxAttempts: 1,
    });
    const { response } = await c.raw.PUT("/restore-jobs", { body: input });
    expect(response.status).toBe(303);
    await expect(c.startRestoreJob(input)).rejects.toMatchObject({ status: 303 });
    expect(server.requests).toHaveLength(2);
    expect(elsewhere.requests).toEqual([]);
  });

  it("bounds the answers a caller's fetch reads, too", async () => {
    const server = await serve({ respond: () => ({ status: 500, body: "y".repeat(5000) }) });
    const c = clientFor(server, {
      fetch: (r, i) => globalThis.fetch(r, i),
      maxResponseBytes: 1000,
      maxAttempts: 1,
    });
    await expect(c.startRestoreJob(input)).rejects.toBeInstanceOf(RestoreJobsProtocolError);
  });

  it("rejects bad input with every problem listed and sends nothing", async () => {
    const server = await serve();
    const bad = {
      RecoveryPointArn: "arn:nope",
      Metadata: { n: 1 },
      ResourceType: "Floppy",
    } as unknown as StartRestoreJobInput;
    const error = await clientFor(server)
      .startRestoreJob(bad)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsValidationError);
    expect((error as RestoreJobsValidationError).issues.map((i) => i.pointer).sort()).toEqual([
      "/Metadata/n",
      "/RecoveryPointArn",
      "/ResourceType",
    ]);
    expect((error as RestoreJobsValidationError).attempts).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});

describe("errors and retries", () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

  it("retries a 503 with the same idempotency token and returns the job", async () => {
    const server = await serve({
      respond: (_req, attempt) =>
        attempt < 3 ? answer(503, { __type: "ServiceUnavailableException" }) : undefined,
    });
    const output = await clientFor(server).startRestoreJob(input);
    expect(server.requests).toHaveLength(3);
    const tokens = new Set(server.requests.map((r) => JSON.parse(r.body).IdempotencyToken));
    expect(tokens.size).toBe(1);
    expect(output.id).toBe(server.jobs.get([...tokens][0] as string));
    // Each attempt is signed anew, and each signature verifies.
    expect(server.requests.every((r) => r.signature === "valid")).toBe(true);
  });

  it.each([
    ["429", answer(429, { success: false, error: { code: "RATE_LIMITED", message: "slow down" } })],
    ["500", answer(500, { success: false, error: { code: "INTERNAL_ERROR", message: "oops" } })],
    [
      "a throttling code on 400",
      answer(400, { message: "Rate exceeded" }, { "x-amzn-ErrorType": "ThrottlingException" }),
    ],
    [
      "an HTML 502 page",
      { status: 502, headers: { "content-type": "text/html" }, body: "<html>Bad Gateway</html>" },
    ],
  ])("retries %s", async (_name, failure) => {
    const server = await serve({ respond: (_req, attempt) => (attempt === 1 ? failure : undefined) });
    await expect(clientFor(server).startRestoreJob(input)).resolves.toMatchObject({ id: expect.any(String) });
    expect(server.requests).toHaveLength(2);
  });

  it("gives up after maxAttempts with the last error and how many attempts were made", async () => {
    const server = await serve({
      respond: () => answer(503, { success: false, error: { code: "SERVICE_UNAVAILABLE", message: "down" } }),
    });
    const error = await clientFor(server, { maxAttempts: 4 })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsApiError);
    expect(error).toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE", retryable: true, attempts: 4 });
    expect(server.requests).toHaveLength(4);
  });

  it.each([
    [
      "a validation error",
      400,
      { success: false, error: { code: "VALIDATION_ERROR", message: "Invalid request parameters" } },
      {},
    ],
    ["an auth error", 403, { message: "denied" }, { "x-amzn-ErrorType": "AccessDeniedException" }],
    [
      "a missing resource",
      404,
      { Message: "no such recovery point" },
      { "x-amzn-ErrorType": "ResourceNotFoundException:http://x" },
    ],
  ])("does not retry %s", async (_name, status, body, headers) => {
    const server = await serve({
      respond: () => answer(status, body, { "x-amzn-RequestId": "req-42", ...headers }),
    });
    const error = await clientFor(server)
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsApiError);
    expect(error).toMatchObject({ status, retryable: false, requestId: "req-42", attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("answers 401 for an unsigned request and 403 for a wrong secret, as the server says", async () => {
    const server = await serve({ format: "aws" });
    const wrong = clientFor(server, {
      credentials: { ...credentials, secretAccessKey: "a-different-secret" },
    });
    const error = await wrong.startRestoreJob(input).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "RestoreJobsApiError",
      status: 403,
      code: "InvalidSignatureException",
    });
    expect(server.requests[0]?.signature).toBe("invalid");
  });

  it("turns a 200 without an id into a protocol error with an excerpt", async () => {
    const server = await serve({ respond: () => answer(200, { ok: true }) });
    const error = await clientFor(server)
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsProtocolError);
    expect(error).toMatchObject({ status: 200, excerpt: '{"ok":true}', attempts: 1 });
  });

  it("reads no answer larger than maxResponseBytes", async () => {
    const server = await serve({ respond: () => answer(500, "x".repeat(5000)) });
    const error = await clientFor(server, { maxResponseBytes: 1000, maxAttempts: 1 })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsProtocolError);
    expect((error as Error).message).toContain("1000");
  });
});

describe("network failures, timeouts and abort", () => {
  async function rawServer(
    handler: Parameters<typeof createServer>[1],
  ): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    const server: Server = createServer((req, res) => {
      hits++;
      handler?.(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push({
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
  }

  it("retries a refused connection, then reports a network error", async () => {
    const { url } = await rawServer(() => {});
    await servers.pop()?.close();
    const error = await clientFor({ url })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsNetworkError);
    expect(error).toMatchObject({ attempts: 3 });
    expect((error as Error).message).toContain("ECONNREFUSED");
  });

  it("retries a connection reset mid-answer", async () => {
    const target = await rawServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"RestoreJobId":');
      setTimeout(() => res.socket?.destroy(), 5);
    });
    const error = await clientFor(target, { maxAttempts: 2 })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsNetworkError);
    expect(target.hits()).toBe(2);
  });

  it("times out an attempt that never answers, and retries it", async () => {
    const target = await rawServer((req) => req.resume());
    const error = await clientFor(target, { timeoutMs: 100, maxAttempts: 2 })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, retryable: true, attempts: 2 });
    expect(target.hits()).toBe(2);
  });

  it("ends the whole call at the deadline, retries included", async () => {
    const target = await rawServer((req) => req.resume());
    const error = await clientFor(target, { timeoutMs: 100, deadlineMs: 250, maxAttempts: 10 })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 250, retryable: false });
    expect(target.hits()).toBeLessThan(4);
  });

  it("stops at once when the caller aborts, with no further attempt", async () => {
    const target = await rawServer((req) => req.resume());
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user pressed Ctrl-C")), 50);
    const error = await clientFor(target)
      .startRestoreJob(input, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsAbortError);
    expect((error as Error).message).toContain("Ctrl-C");
    expect(target.hits()).toBe(1);
  });

  it.each([
    ["node:http", undefined],
    ["a caller's fetch", (r: Request, i?: RequestInit) => globalThis.fetch(r, i)],
  ])("ends the call at once when the caller aborts during the backoff, over %s", async (_name, fetch) => {
    const controller = new AbortController();
    const target = await rawServer((req, res) => {
      req.resume();
      res.writeHead(503, { "content-type": "application/json" });
      res.end('{"__type":"ServiceUnavailableException"}', () => setTimeout(() => controller.abort(), 20));
    });
    // A backoff of up to 24 days: only the abort can end this call.
    const longest = 2 ** 31 - 1;
    const error = await clientFor(target, {
      retryDelay: { baseMs: longest, maxMs: longest },
      ...(fetch && { fetch }),
    })
      .startRestoreJob(input, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RestoreJobsAbortError", attempts: 1 });
    expect(target.hits()).toBe(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const target = await rawServer(() => {});
    const error = await clientFor(target)
      .startRestoreJob(input, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsAbortError);
    expect(target.hits()).toBe(0);
  });
});
