import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
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

describe("clock skew", () => {
  it("learns the offset from the Date header, signs again, retries once, and keeps it for later calls", async () => {
    const serverClockAheadMs = 60 * 60_000;
    const target = await serve((req, res) => {
      const serverNow = Date.now() + serverClockAheadMs;
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
    const c = client(target.url, { maxAttempts: 1 });
    await expect(c.startRestoreJob(input)).resolves.toMatchObject({ id: "job-1" });
    expect(target.received).toHaveLength(2);
    await c.startRestoreJob(input);
    expect(target.received).toHaveLength(3);
  });

  it("corrects every one of 20 concurrent calls against a server 2 days ahead: each is judged by the time it was signed", async () => {
    const aheadMs = 2 * 24 * 3_600_000;
    const target = await serve((req, res) => {
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
