import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AwsCredentials,
  createRestoreJobsClient,
  RestoreJobsApiError,
  RestoreJobsNetworkError,
  RestoreJobsProtocolError,
  RestoreJobsValidationError,
  type StartRestoreJobInput,
} from "../src/index.js";

const credentials = { accessKeyId: "AKIDHOSTILE", secretAccessKey: "hostile-conditions-secret" };
const input: StartRestoreJobInput = {
  RecoveryPointArn: "arn:aws:backup:us-east-1:123456789012:recovery-point:1",
  Metadata: {},
};

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}
type Handler = (req: Received, res: ServerResponse, n: number) => void;

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

/** A node:http server on a free loopback port whose answers the test writes. */
async function serve(handler: Handler): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      handler({ headers: req.headers, body }, res, received.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
const amzDateMs = (req: Received) =>
  Date.parse(
    String(req.headers["x-amz-date"]).replace(
      /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
      "$1-$2-$3T$4:$5:$6Z",
    ),
  );
const client = (url: string, extra: Parameters<typeof createRestoreJobsClient>[0] = {}) =>
  createRestoreJobsClient({
    region: "us-east-1",
    endpoint: url,
    credentials,
    retryDelay: { baseMs: 1 },
    ...extra,
  });

/** A server whose clock is `aheadMs` ahead: it refuses a signature more than 5 minutes off it, as AWS does. */
const serveAhead = (aheadMs: number) =>
  serve((req, res) => {
    const serverNow = Date.now() + aheadMs;
    const date = new Date(serverNow).toUTCString();
    if (Math.abs(amzDateMs(req) - serverNow) > 5 * 60_000) {
      return json(
        res,
        403,
        { message: "Signature expired" },
        { "x-amzn-errortype": "InvalidSignatureException", date },
      );
    }
    json(res, 200, { RestoreJobId: "job-1" }, { date });
  });

describe("clock skew", () => {
  it("learns the offset from the Date header, signs again, retries once, and keeps it for later calls", async () => {
    const target = await serveAhead(60 * 60_000);
    const c = client(target.url, { maxAttempts: 1 });
    await expect(c.startRestoreJob(input)).resolves.toMatchObject({ id: "job-1" });
    expect(target.received).toHaveLength(2);
    await c.startRestoreJob(input);
    expect(target.received).toHaveLength(3);
  });

  it("corrects every one of 20 concurrent calls against a server 2 days ahead: each is judged by the time it was signed", async () => {
    const target = await serveAhead(2 * 24 * 3_600_000);
    const c = client(target.url, { maxAttempts: 1 });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => c.startRestoreJob(input)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(20);
  });

  it.each([
    ["0", "0"],
    ["a date in 2000", "Sat, 01 Jan 2000 00:00:00 GMT"],
    ["a date that is not an HTTP-date", "2026-12-08T00:00:00Z"],
  ])("takes no correction from a Date header that is not a plausible clock: %s", async (_what, date) => {
    const target = await serve((_req, res) =>
      json(
        res,
        403,
        { message: "Signature expired" },
        { "x-amzn-errortype": "InvalidSignatureException", date },
      ),
    );
    const error = await client(target.url, { maxAttempts: 1 })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "InvalidSignatureException", attempts: 1, serverDate: undefined });
    expect(target.received).toHaveLength(1);
  });

  it("does not retry a signature error when the clocks agree (the key is wrong)", async () => {
    const target = await serve((_req, res) =>
      json(
        res,
        403,
        { message: "no" },
        { "x-amzn-errortype": "SignatureDoesNotMatch", date: new Date().toUTCString() },
      ),
    );
    await expect(client(target.url).startRestoreJob(input)).rejects.toMatchObject({
      code: "SignatureDoesNotMatch",
      attempts: 1,
    });
  });
});

describe("credentials", () => {
  it("refreshes on ExpiredToken and retries once with the new credentials", async () => {
    let issued = 0;
    const provider = async (): Promise<AwsCredentials> => ({
      ...credentials,
      sessionToken: `token-${++issued}`,
      expiration: new Date(Date.now() + 3_600_000),
    });
    const target = await serve((req, res) =>
      req.headers["x-amz-security-token"] === "token-1"
        ? json(
            res,
            400,
            { message: "The security token included in the request is expired" },
            { "x-amzn-errortype": "ExpiredTokenException" },
          )
        : json(res, 200, { RestoreJobId: "job-2" }),
    );
    await expect(
      client(target.url, { credentials: provider, maxAttempts: 1 }).startRestoreJob(input),
    ).resolves.toMatchObject({
      id: "job-2",
    });
    expect(target.received.map((r) => r.headers["x-amz-security-token"])).toEqual(["token-1", "token-2"]);
  });

  it("does not retry ExpiredToken with static credentials, which cannot change", async () => {
    const target = await serve((_req, res) => json(res, 400, { __type: "ExpiredToken" }));
    await expect(client(target.url).startRestoreJob(input)).rejects.toMatchObject({
      code: "ExpiredToken",
      attempts: 1,
    });
  });

  it("makes one refresh for concurrent calls that all met ExpiredToken with the same credentials", async () => {
    let issued = 0;
    const provider = async (): Promise<AwsCredentials> => {
      issued++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return {
        ...credentials,
        sessionToken: `token-${issued}`,
        expiration: new Date(Date.now() + 3_600_000),
      };
    };
    let answered = 0;
    const target = await serve((req, res) => {
      // Answers in an order unlike the requests', so invalidations and refreshes interleave.
      setTimeout(
        () =>
          req.headers["x-amz-security-token"] === "token-1"
            ? json(res, 400, {}, { "x-amzn-errortype": "ExpiredTokenException" })
            : json(res, 200, { RestoreJobId: "job" }),
        (++answered * 7) % 20,
      );
    });
    const c = client(target.url, { credentials: provider });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => c.startRestoreJob(input)));
    expect(outcomes).toHaveLength(10);
    expect(issued).toBe(2);
  });

  it("refuses provider credentials a header cannot carry, sends nothing and quotes nothing", async () => {
    const target = await serve((_req, res) => json(res, 200, { RestoreJobId: "x" }));
    const sessionToken = "FwoGZXIvYXdz\nEJr-SESSION-TOKEN";
    for (const fetch of [undefined, globalThis.fetch]) {
      const error = await client(target.url, {
        credentials: async () => ({ ...credentials, sessionToken }),
        ...(fetch && { fetch }),
      })
        .startRestoreJob(input)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "RestoreJobsCredentialsError", attempts: 0 });
      expect(inspect(error)).not.toContain("SESSION-TOKEN");
    }
    expect(target.received).toHaveLength(0);
  });

  it("counts no attempt when the provider fails before anything is sent", async () => {
    const target = await serve((_req, res) => json(res, 200, { RestoreJobId: "x" }));
    const error = await client(target.url, {
      credentials: async () => {
        throw new Error("SSO session expired");
      },
    })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RestoreJobsCredentialsError", attempts: 0 });
  });

  it("refreshes ahead of expiration (5 minutes), with one provider call for concurrent calls", async () => {
    let calls = 0;
    const provider = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { ...credentials, expiration: new Date(Date.now() + 4 * 60_000) };
    };
    const target = await serve((_req, res) => json(res, 200, { RestoreJobId: "job" }));
    const c = client(target.url, { credentials: provider });
    await Promise.all(Array.from({ length: 5 }, () => c.startRestoreJob(input)));
    expect(calls).toBe(1);
    await c.startRestoreJob(input);
    expect(calls).toBe(2);
  });
});

describe("a credentials provider that never answers", () => {
  const hanging = () => new Promise<AwsCredentials>(() => {});
  it("does not outlive the caller's abort", async () => {
    const target = await serve((_req, res) => json(res, 200, { RestoreJobId: "x" }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("gave up")), 50);
    const error = await client(target.url, { credentials: hanging })
      .startRestoreJob(input, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RestoreJobsAbortError", attempts: 0 });
    expect(target.received).toHaveLength(0);
  });

  it("does not outlive the deadline", async () => {
    const target = await serve((_req, res) => json(res, 200, { RestoreJobId: "x" }));
    const error = await client(target.url, { credentials: hanging, deadlineMs: 100 })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RestoreJobsTimeoutError", timeoutMs: 100, retryable: false });
  });
});

describe("retry quota", () => {
  it("is shared by the client's calls, so an outage stops multiplying the load", async () => {
    const target = await serve((_req, res) => json(res, 503, { __type: "ServiceUnavailableException" }));
    const c = client(target.url, { retryQuota: 10, maxAttempts: 5 });
    await expect(c.startRestoreJob(input)).rejects.toMatchObject({ attempts: 3 });
    await expect(c.startRestoreJob(input)).rejects.toMatchObject({ attempts: 1 });
    expect(target.received).toHaveLength(4);
  });
});

describe("bad input sends nothing", () => {
  it("refuses a 10 MB Metadata value, naming it", async () => {
    const target = await serve((_req, res) => json(res, 200, { RestoreJobId: "x" }));
    const error = await client(target.url)
      .startRestoreJob({ ...input, Metadata: { small: "s", huge: "x".repeat(10 * 1024 * 1024) } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsValidationError);
    expect((error as RestoreJobsValidationError).issues).toEqual([
      { pointer: "/Metadata/huge", message: expect.stringContaining("above the limit of 1048576") },
    ]);
    expect(target.received).toHaveLength(0);
  });

  it("refuses 100,000 Metadata keys, saying how many", async () => {
    const target = await serve((_req, res) => json(res, 200, { RestoreJobId: "x" }));
    const Metadata = Object.fromEntries(
      Array.from({ length: 100_000 }, (_, i) => [`key-${i}`, `value-${i}`]),
    );
    const error = await client(target.url)
      .startRestoreJob({ ...input, Metadata })
      .catch((e: unknown) => e);
    expect((error as RestoreJobsValidationError).issues).toEqual([
      { pointer: "/Metadata", message: expect.stringContaining("100000 keys") },
    ]);
    expect(target.received).toHaveLength(0);
  });

  it("sends prototype-polluting keys as plain data and pollutes nothing", async () => {
    const target = await serve((_req, res) => json(res, 200, { RestoreJobId: "x" }));
    const Metadata = JSON.parse('{"__proto__": "p", "constructor": "c", "toString": "t"}');
    await client(target.url).startRestoreJob({ ...input, Metadata });
    expect(JSON.parse(target.received[0]?.body ?? "").Metadata).toEqual(
      JSON.parse('{"__proto__":"p","constructor":"c","toString":"t"}'),
    );
    expect(target.received[0]?.body).toContain('"__proto__":"p"');
    expect(({} as Record<string, unknown>).p).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it("refuses an input whose getters would show the validator and the sender different values", async () => {
    const target = await serve((_req, res) => json(res, 200, { RestoreJobId: "x" }));
    let reads = 0;
    const sneaky = {
      Metadata: {},
      get RecoveryPointArn() {
        return ++reads === 1 ? input.RecoveryPointArn : "not-an-arn";
      },
    };
    await client(target.url).startRestoreJob(sneaky);
    expect(JSON.parse(target.received[0]?.body ?? "").RecoveryPointArn).toBe(input.RecoveryPointArn);
    expect(reads).toBe(1);
  });
});

describe("hostile answers end in a typed error, with no hang", () => {
  it("a 2 GB Content-Length that never arrives", async () => {
    const target = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(2 * 1024 ** 3) });
      res.write("{");
    });
    const error = await client(target.url, { timeoutMs: 60_000 })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsProtocolError);
    expect((error as Error).message).toContain("Content-Length");
  });

  it("a body cut short of its Content-Length", async () => {
    const target = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"RestoreJobId":', () => res.socket?.end());
    });
    await expect(client(target.url, { maxAttempts: 1 }).startRestoreJob(input)).rejects.toBeInstanceOf(
      RestoreJobsNetworkError,
    );
  });

  it.each([
    [
      "an HTML error page",
      500,
      "text/html",
      "<!doctype html><title>Internal Server Error</title>",
      RestoreJobsProtocolError,
    ],
    ["an empty 200", 200, "application/json", "", RestoreJobsProtocolError],
    ["a 200 that is not JSON", 200, "application/json", "{oops", RestoreJobsProtocolError],
    ["a 200 without an id", 200, "application/json", '{"success":true,"data":{}}', RestoreJobsProtocolError],
    ["a JSON array", 400, "application/json", "[1,2]", RestoreJobsProtocolError],
    ["an AWS error with only a header", 404, "application/json", "", RestoreJobsApiError],
  ])("%s", async (_name, status, type, body, errorClass) => {
    const target = await serve((_req, res) => {
      res.writeHead(status, {
        "content-type": type,
        "x-amzn-errortype": status === 404 ? "ResourceNotFoundException" : "",
      });
      res.end(body);
    });
    await expect(client(target.url, { maxAttempts: 1 }).startRestoreJob(input)).rejects.toBeInstanceOf(
      errorClass,
    );
  });

  it("a UTF-8 byte order mark before the JSON is read as fetch reads it, over either transport", async () => {
    const target = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"RestoreJobId":"job-bom"}')]));
    });
    for (const fetch of [undefined, globalThis.fetch]) {
      await expect(client(target.url, { ...(fetch && { fetch }) }).startRestoreJob(input)).resolves.toEqual({
        id: "job-bom",
        createdAt: undefined,
      });
    }
  });

  it("a redirect is not followed with the signed request", async () => {
    const target = await serve((_req, res) => {
      res.writeHead(307, { location: "http://127.0.0.1:9/elsewhere" });
      res.end();
    });
    await expect(client(target.url, { maxAttempts: 1 }).startRestoreJob(input)).rejects.toMatchObject({
      name: "RestoreJobsProtocolError",
      status: 307,
    });
    expect(target.received).toHaveLength(1);
  });
});

describe("deadlines whatever the fetch", () => {
  /** A user's fetch that never looks at the AbortSignal: it never answers. */
  const deaf = () => new Promise<Response>(() => {});
  /** A user's fetch that answers at once with a body that never ends (a chunk every 5 ms). */
  let pulls = 0;
  const endless = async () => {
    let timer: NodeJS.Timeout | undefined;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) =>
        new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            pulls++;
            controller.enqueue(new TextEncoder().encode(" "));
            resolve();
          }, 5);
        }),
      cancel: () => clearTimeout(timer),
    });
    return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  };

  it.each([
    ["timeoutMs (one attempt)", { timeoutMs: 50, maxAttempts: 1 }, "RestoreJobsTimeoutError"],
    ["deadlineMs", { deadlineMs: 50 }, "RestoreJobsTimeoutError"],
  ])("%s bounds a call whose fetch never answers and ignores the signal", async (_what, options, name) => {
    const error = await client("http://127.0.0.1:9", { fetch: deaf, ...options })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name });
  });

  it("the caller's signal ends a call whose fetch ignores it", async () => {
    const controller = new AbortController();
    const call = client("http://127.0.0.1:9", { fetch: deaf }).startRestoreJob(input, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("user pressed Ctrl-C")), 20);
    await expect(call).rejects.toMatchObject({ name: "RestoreJobsAbortError" });
  });

  it("timeoutMs bounds an endless body, and the body is no longer pulled after", async () => {
    const error = await client("http://127.0.0.1:9", { fetch: endless, timeoutMs: 60, maxAttempts: 1 })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RestoreJobsTimeoutError" });
    const after = pulls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulls).toBe(after);
  });
});

describe("nothing silently dropped, nothing loose", () => {
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };
  class Input {
    RecoveryPointArn = input.RecoveryPointArn;
    Metadata = {};
  }
  it.each([
    ["Metadata as a Map", { ...input, Metadata: new Map([["volumeType", "gp3"]]) }, "/Metadata"],
    ["Metadata as a Date", { ...input, Metadata: new Date() }, "/Metadata"],
    ["Metadata as a revoked Proxy", { ...input, Metadata: revoked() }, "/Metadata"],
    ["the input as a revoked Proxy", revoked(), ""],
    ["the input as a class instance", new Input(), ""],
    [
      "a throwing getter",
      Object.defineProperty({ Metadata: {} }, "RecoveryPointArn", {
        enumerable: true,
        get() {
          throw new TypeError("nope");
        },
      }),
      "/RecoveryPointArn",
    ],
    ["a number that is not finite", { ...input, Metadata: { size: Number.NaN } }, "/Metadata/size"],
  ])(
    "%s is a RestoreJobsValidationError naming where, and nothing is sent",
    async (_what, given, pointer) => {
      const target = await serve((_req, res) => json(res, 200, { RestoreJobId: "job-1" }));
      const error = await client(target.url)
        .startRestoreJob(given as StartRestoreJobInput)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreJobsValidationError);
      expect((error as RestoreJobsValidationError).issues.map((i) => i.pointer)).toContain(pointer);
      expect(target.received).toHaveLength(0);
    },
  );

  it.each([
    ["1", undefined],
    ["Jan 2", undefined],
    ["2025-01-01T00:00:00", undefined],
    ["2025-01-01 00:00:00Z", undefined],
    ["2025-02-30T00:00:00Z", undefined],
    ["2025-01-01T00:00:00+02:00", "2024-12-31T22:00:00.000Z"],
    ["2025-01-01T00:00:00.5Z", "2025-01-01T00:00:00.500Z"],
  ])("created_at %j is read as RFC 3339 or not at all", async (createdAt, expected) => {
    const target = await serve((_req, res) =>
      json(res, 200, { success: true, data: { id: "job-1", created_at: createdAt } }),
    );
    const output = await client(target.url).startRestoreJob(input);
    expect(output.id).toBe("job-1");
    expect(output.createdAt?.toISOString()).toBe(expected);
  });
});

describe("bounds that still retry", () => {
  const big = "x".repeat(4096);
  it.each(["node:http", "caller's fetch"])(
    "a 503 over maxResponseBytes is a retryable 503, and the retry gets the job (%s)",
    async (transport) => {
      const target = await serve((_req, res, n) =>
        n === 1 ? json(res, 503, { message: big }) : json(res, 200, { RestoreJobId: "job-1" }),
      );
      const options = {
        maxResponseBytes: 1024,
        ...(transport === "caller's fetch" && { fetch: (r: Request, i?: RequestInit) => fetch(r, i) }),
      };
      await expect(client(target.url, options).startRestoreJob(input)).resolves.toMatchObject({
        id: "job-1",
      });
      expect(target.received).toHaveLength(2);
      const always = await serve((_req, res) => json(res, 503, { message: big }));
      const error = await client(always.url, { ...options, maxAttempts: 1 })
        .startRestoreJob(input)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "RestoreJobsProtocolError", status: 503, retryable: true });
      expect((error as Error).message).toContain("status 503");
    },
  );

  it("a 200 over maxResponseBytes names status 200, streamed or declared", async () => {
    const target = await serve((_req, res, n) => {
      if (n === 1) return json(res, 200, { RestoreJobId: big });
      res.writeHead(200, { "content-type": "application/json" }); // chunked: no Content-Length
      res.write(`{"RestoreJobId":"${big}`);
      res.end('"}');
    });
    for (let i = 0; i < 2; i++) {
      const error = await client(target.url, { maxResponseBytes: 1024, maxAttempts: 1 })
        .startRestoreJob(input)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "RestoreJobsProtocolError", status: 200, retryable: false });
      expect((error as Error).message).toContain("status 200");
    }
  });

  it("a server's error message is bounded and holds no control characters", async () => {
    const message = `\u001b[31mred\u001b[0m\r\nFAKE LOG LINE\u202etxt.exe ${"m".repeat(100_000)}`;
    const target = await serve((_req, res) => json(res, 400, { __type: "Bad\u0007Code", message }));
    const error = (await client(target.url)
      .startRestoreJob(input)
      .catch((e: unknown) => e)) as RestoreJobsApiError;
    for (const text of [error.message, error.serviceMessage, error.code]) {
      expect(text).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u);
    }
    expect(error.serviceMessage.length).toBeLessThan(1100);
    expect(error.serviceMessage).toContain("more characters");
  });

  it("an answer compressed though the client did not ask for it is decoded; the request asks for identity", async () => {
    const target = await serve((_req, res, n) => {
      const body = Buffer.from(JSON.stringify({ RestoreJobId: `job-${n}` }));
      const [encoding, bytes] =
        n === 1
          ? ["gzip", gzipSync(body)]
          : n === 2
            ? ["deflate", deflateSync(body)]
            : ["br", brotliCompressSync(body)];
      res.writeHead(200, { "content-type": "application/json", "content-encoding": encoding });
      res.end(bytes);
    });
    const c = client(target.url);
    for (const id of ["job-1", "job-2", "job-3"])
      await expect(c.startRestoreJob(input)).resolves.toMatchObject({ id });
    expect(target.received.map((r) => r.headers["accept-encoding"])).toEqual([
      "identity",
      "identity",
      "identity",
    ]);
  });

  it("a compressed answer that would decode past maxResponseBytes is not read, and names its status", async () => {
    const target = await serve((_req, res) => {
      res.writeHead(503, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync(Buffer.alloc(10 * 1024 * 1024, " ")));
    });
    const error = await client(target.url, { maxResponseBytes: 64 * 1024, maxAttempts: 1 })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RestoreJobsProtocolError", status: 503, retryable: true });
  });
});

describe("a failure the caller can retry safely", () => {
  const tokenOf = (req: Received) => JSON.parse(req.body).IdempotencyToken as string;

  it("after the answer is lost, the error carries the token: a retry with it gets the same job, not a second", async () => {
    const jobs = new Map<string, string>();
    let answering = false;
    const target = await serve((req, res) => {
      const token = tokenOf(req);
      if (!jobs.has(token)) jobs.set(token, `job-${jobs.size + 1}`);
      if (!answering) return res.socket?.destroy(); // started, then the connection is lost
      json(res, 200, { RestoreJobId: jobs.get(token) });
    });
    const c = client(target.url, { maxAttempts: 2 });
    const error = (await c.startRestoreJob(input).catch((e: unknown) => e)) as RestoreJobsNetworkError;
    expect(error).toBeInstanceOf(RestoreJobsNetworkError);
    expect(error.idempotencyToken).toBe(tokenOf(target.received[0] as Received));
    answering = true;
    const again = await c.startRestoreJob({ ...input, IdempotencyToken: error.idempotencyToken as string });
    expect(again.id).toBe("job-1");
    expect(jobs.size).toBe(1);
  });

  it.each([
    ["a timeout", (_req: Received, _res: ServerResponse) => {}, "RestoreJobsTimeoutError"],
    [
      "an unreadable 200",
      (_req: Received, res: ServerResponse) => res.end("<html>ok</html>"),
      "RestoreJobsProtocolError",
    ],
  ])("after %s, the error carries the token the request used", async (_what, handler, name) => {
    const target = await serve(handler);
    const error = await client(target.url, { maxAttempts: 1, timeoutMs: 100 })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name, idempotencyToken: tokenOf(target.received[0] as Received) });
  });

  it("a retry the retry quota stopped says so", async () => {
    const target = await serve((_req, res) => json(res, 503, { __type: "ServiceUnavailableException" }));
    const error = await client(target.url, { retryQuota: 0 })
      .startRestoreJob(input)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "RestoreJobsApiError",
      retryable: true,
      attempts: 1,
      retryQuotaExhausted: true,
    });
    expect((error as Error).message).toContain("not retried: the client's retry quota is spent");
    expect((error as Error).stack).toContain("retry quota is spent");
  });
});
