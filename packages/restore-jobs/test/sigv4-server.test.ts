/**
 * Tests of the SigV4 test server itself (test/support/sigv4-server.ts), over real HTTP on
 * 127.0.0.1: a request signed by `signRequest` verifies, and every way of breaking it is
 * rejected, so a broken verifier cannot make the client's tests pass.
 */
import { createHash } from "node:crypto";
import { type IncomingHttpHeaders, request } from "node:http";
import { fc, test } from "@fast-check/vitest";
import { afterEach, describe, expect, it } from "vitest";
import {
  type SigV4Server,
  type SigV4ServerOptions,
  startSigV4Server,
  withSigV4Server,
} from "../../../test-support/sigv4-server.js";
import { signRequest } from "../src/signing/sign.js";

type Credentials = SigV4ServerOptions["credentials"];

const credentials: Credentials = {
  accessKeyId: "AKIATESTSERVER000001",
  secretAccessKey: "test/only/secret/not/a/real/key/0123456789",
};
const temporary: Credentials = { ...credentials, sessionToken: "test-session-token/only+for/tests==" };
const input = {
  RecoveryPointArn: "arn:aws:ec2:us-east-1::snapshot/snap-0123456789abcdef0",
  Metadata: { availabilityZone: "us-east-1a" },
  IdempotencyToken: "8b0d1c2e-4f5a-4b6c-9d7e-0f1a2b3c4d5e",
  ResourceType: "EBS",
};
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Outgoing {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Sends a request with node:http (no keep-alive, headers exactly as given, host included). */
function send(baseUrl: string, { path, headers, body }: Outgoing, method = "PUT"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

interface SignedSend {
  body?: string;
  /** Headers to sign besides content-type. */
  headers?: Record<string, string>;
  signWith?: Credentials;
  date?: Date;
  signSessionToken?: boolean;
  /** Changes the request after it was signed. */
  tamper?: (outgoing: Outgoing) => void;
}

/** Signs a PUT /restore-jobs with `signRequest` (the client's signer), optionally tampers, sends. */
function sendSigned(server: SigV4Server, options: SignedSend = {}): Promise<Reply> {
  const body = options.body ?? JSON.stringify(input);
  const url = new URL("/restore-jobs", server.url);
  const headers = signRequest(
    { method: "PUT", url, headers: { "content-type": "application/json", ...options.headers }, body },
    {
      credentials: options.signWith ?? credentials,
      region: "us-east-1",
      ...(options.date ? { date: options.date } : {}),
      ...(options.signSessionToken === undefined ? {} : { signSessionToken: options.signSessionToken }),
    },
  );
  const outgoing = { path: url.pathname, headers, body };
  options.tamper?.(outgoing);
  return send(server.url, outgoing);
}

let server: SigV4Server | undefined;
async function start(options: Partial<SigV4ServerOptions> = {}): Promise<SigV4Server> {
  server = await startSigV4Server({ credentials, ...options });
  return server;
}
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("sigv4-server accepts what signRequest signs", () => {
  it("answers 200 with the envelope, a request id and JSON, and records the request as valid", async () => {
    const s = await start();
    const reply = await sendSigned(s);
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("application/json");
    expect(reply.headers["x-amzn-requestid"]).toMatch(uuidPattern);
    const answer = JSON.parse(reply.body);
    expect(answer).toEqual({
      success: true,
      data: { id: expect.any(String), created_at: expect.any(String) },
    });
    expect(new Date(answer.data.created_at).toISOString()).toBe(answer.data.created_at);
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]).toMatchObject({ method: "PUT", path: "/restore-jobs", signature: "valid" });
    expect(s.requests[0]?.body).toBe(JSON.stringify(input));
    expect(s.requests[0]?.headers.host).toBe(new URL(s.url).host);
  });

  it("accepts a signed session token and one sent unsigned after signing", async () => {
    const s = await start({ credentials: temporary });
    expect((await sendSigned(s, { signWith: temporary })).status).toBe(200);
    expect((await sendSigned(s, { signWith: temporary, signSessionToken: false })).status).toBe(200);
    expect(s.requests.map((r) => r.signature)).toEqual(["valid", "valid"]);
  });

  it("accepts a header added after signing that SignedHeaders does not name", async () => {
    const s = await start();
    const reply = await sendSigned(s, {
      tamper: (o) => {
        o.headers["x-unsigned-extra"] = "anything";
      },
    });
    expect(reply.status).toBe(200);
  });

  it("gives the same job id to the same IdempotencyToken and keeps it in jobs", async () => {
    const s = await start();
    const first = JSON.parse((await sendSigned(s)).body);
    const again = JSON.parse((await sendSigned(s)).body);
    const other = JSON.parse(
      (await sendSigned(s, { body: JSON.stringify({ ...input, IdempotencyToken: "t2" }) })).body,
    );
    expect(again.data).toEqual(first.data);
    expect(other.data.id).not.toBe(first.data.id);
    expect(s.jobs.get(input.IdempotencyToken)).toBe(first.data.id);
    expect(s.jobs.get("t2")).toBe(other.data.id);
  });
});

describe("sigv4-server rejects what was not signed as sent", () => {
  const changeBodyByte = (o: Outgoing) => {
    o.body = o.body.replace("us-east-1a", "us-east-1b");
  };
  const setHeader = (name: string, value: string) => (o: Outgoing) => {
    o.headers[name] = value;
  };
  const dropToken = (o: Outgoing) => {
    delete o.headers["x-amz-security-token"];
  };
  const addQuery = (o: Outgoing) => {
    o.path = "/restore-jobs?extra=1";
  };
  const inputHash = createHash("sha256").update(JSON.stringify(input)).digest("hex");
  const mismatch = /signature we calculated does not match/;
  const badToken = /security token included in the request is invalid\.$/;
  const rejected: [string, SignedSend, Partial<SigV4ServerOptions>, RegExp][] = [
    ["one body byte changed after signing", { tamper: changeBodyByte }, {}, mismatch],
    [
      "a signed header value changed after signing",
      { tamper: setHeader("content-type", "application/json; charset=utf-8") },
      {},
      mismatch,
    ],
    [
      "X-Amz-Date changed after signing",
      { tamper: setHeader("x-amz-date", "20200101T000000Z") },
      {},
      mismatch,
    ],
    [
      "a body changed under a signed X-Amz-Content-Sha256 of the original",
      { headers: { "x-amz-content-sha256": inputHash }, tamper: changeBodyByte },
      {},
      mismatch,
    ],
    ["a query added after signing", { tamper: addQuery }, {}, mismatch],
    [
      "a wrong secret key",
      { signWith: { ...credentials, secretAccessKey: `${credentials.secretAccessKey}x` } },
      {},
      mismatch,
    ],
    [
      "an unknown access key id",
      { signWith: { ...credentials, accessKeyId: "AKIAUNKNOWN000000000" } },
      {},
      /unknown access key ID/,
    ],
    [
      "a date 20 minutes old (signature expired)",
      { date: new Date(Date.now() - 20 * 60_000) },
      {},
      /^Signature expired/,
    ],
    [
      "the signed session token removed",
      { signWith: temporary, tamper: dropToken },
      { credentials: temporary },
      badToken,
    ],
    [
      "the unsigned session token removed",
      { signWith: temporary, signSessionToken: false, tamper: dropToken },
      { credentials: temporary },
      badToken,
    ],
    [
      "a different session token",
      { signWith: { ...temporary, sessionToken: "other-token" } },
      { credentials: temporary },
      badToken,
    ],
    ["a session token the server did not issue", { signWith: temporary }, {}, badToken],
    [
      "a malformed Authorization header",
      { tamper: setHeader("authorization", "AWS4-HMAC-SHA256 Credential=nonsense") },
      {},
      /requires 'Credential'/,
    ],
  ];

  it.each(rejected)("403 FORBIDDEN for %s", async (_, signed, serverOptions, reason) => {
    const s = await start(serverOptions);
    const reply = await sendSigned(s, signed);
    expect(reply.status).toBe(403);
    const answer = JSON.parse(reply.body);
    expect(answer).toEqual({ success: false, error: { code: "FORBIDDEN", message: expect.any(String) } });
    expect(answer.error.message).toMatch(reason);
    expect(s.requests[0]?.signature).toBe("invalid");
    expect(s.jobs.size).toBe(0);
  });

  it("401 UNAUTHORIZED for an unsigned request", async () => {
    const s = await start();
    const reply = await send(s.url, {
      path: "/restore-jobs",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input),
    });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).error.code).toBe("UNAUTHORIZED");
    expect(reply.headers["x-amzn-requestid"]).toMatch(uuidPattern);
    expect(s.requests[0]?.signature).toBe("missing");
  });
});

describe("sigv4-server checks the body after the signature", () => {
  it.each([
    ["not JSON", "{not json"],
    ["without Metadata", JSON.stringify({ RecoveryPointArn: input.RecoveryPointArn })],
    ["with a ResourceType outside the enum", JSON.stringify({ ...input, ResourceType: "Floppy" })],
  ])("400 VALIDATION_ERROR for a signed body %s", async (_, body) => {
    const s = await start();
    const reply = await sendSigned(s, { body });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({
      success: false,
      error: { code: "VALIDATION_ERROR", message: "Invalid request parameters" },
    });
    expect(s.requests[0]?.signature).toBe("valid");
  });
});

describe('sigv4-server format "aws" answers as the live restJson1 endpoint', () => {
  it("200 with RestoreJobId", async () => {
    const s = await start({ format: "aws" });
    const reply = await sendSigned(s);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ RestoreJobId: s.jobs.get(input.IdempotencyToken) });
  });

  it("403 MissingAuthenticationTokenException for an unsigned request", async () => {
    const s = await start({ format: "aws" });
    const reply = await send(s.url, { path: "/restore-jobs", headers: {}, body: JSON.stringify(input) });
    expect(reply.status).toBe(403);
    expect(reply.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
    expect(JSON.parse(reply.body)).toEqual({ message: expect.any(String) });
  });

  it("403 InvalidSignatureException, in the header and the body's __type, for a wrong secret", async () => {
    const s = await start({ format: "aws" });
    const reply = await sendSigned(s, { signWith: { ...credentials, secretAccessKey: "wrong" } });
    expect(reply.status).toBe(403);
    expect(reply.headers["x-amzn-errortype"]).toBe("InvalidSignatureException");
    expect(JSON.parse(reply.body)).toEqual({
      __type: "InvalidSignatureException",
      message: expect.any(String),
    });
  });

  it("400 InvalidParameterValueException for a body the schema rejects", async () => {
    const s = await start({ format: "aws" });
    const reply = await sendSigned(s, { body: JSON.stringify({ Metadata: {} }) });
    expect(reply.status).toBe(400);
    expect(reply.headers["x-amzn-errortype"]).toBe("InvalidParameterValueException");
    expect(JSON.parse(reply.body).message).toMatch(/^Invalid request parameters/);
  });
});

describe("sigv4-server respond hook and lifecycle", () => {
  it("lets respond answer after recording, counting attempts, and still sets a request id", async () => {
    const attempts: number[] = [];
    const s = await start({
      respond: (req, attempt) => {
        attempts.push(attempt);
        expect(req.signature).toBe("valid");
        return attempt < 3 ? { status: 503, headers: { "Retry-After": "0" }, body: "{}" } : undefined;
      },
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await sendSigned(s)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(attempts).toEqual([1, 2, 3]);
    expect(s.requests).toHaveLength(3);
  });

  it("lets respond override the content type", async () => {
    const s = await start({
      respond: () => ({ status: 502, headers: { "Content-Type": "text/html" }, body: "<h1>" }),
    });
    const reply = await sendSigned(s);
    expect(reply.headers["content-type"]).toBe("text/html");
    expect(reply.headers["x-amzn-requestid"]).toMatch(uuidPattern);
  });

  it("close() ends a connection still in use: a request whose body never ends", async () => {
    const s = await start();
    const req = request(`${s.url}/restore-jobs`, {
      method: "PUT",
      headers: { "content-length": "100" },
      agent: false,
    });
    const ended = new Promise<Error>((resolve) => req.on("error", resolve));
    await new Promise<void>((resolve) => req.on("socket", (socket) => socket.on("connect", () => resolve())));
    req.write("{");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await s.close();
    await s.close();
    expect((await ended).message).toMatch(/socket hang up|ECONNRESET/);
  });

  it("withSigV4Server closes the server even when fn throws", async () => {
    let url = "";
    await expect(
      withSigV4Server({ credentials }, async (s) => {
        url = s.url;
        expect((await fetch(`${s.url}/restore-jobs`, { method: "PUT", body: "{}" })).status).toBe(401);
        throw new Error("fn failed");
      }),
    ).rejects.toThrow("fn failed");
    await expect(fetch(`${url}/restore-jobs`)).rejects.toThrow();
  });
});

// ---- property: whatever valid body and credentials, signRequest's request verifies ----

// biome-ignore format: the enum of openapi/restore-jobs.yaml, kept on one line
const resourceTypes = ["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "Storage Gateway", "S3", "VirtualMachine"];

/** A StartRestoreJob body the spec accepts: the patterns and enum of openapi/restore-jobs.yaml. */
const startRestoreJobInputArb = fc
  .record(
    {
      RecoveryPointArn: fc.stringMatching(/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:([0-9]{12})?:.+$/),
      // Keys that trip naive code (prototype keys, the EFS keys with a rule) and any code point in
      // the values: the signed bytes are UTF-8, not ASCII.
      Metadata: fc.dictionary(
        fc.oneof(fc.string({ unit: "grapheme" }), fc.constantFrom("__proto__", "constructor", "KmsKeyId")),
        fc.string({ unit: "binary" }),
        { noNullPrototype: true },
      ),
      IamRoleArn: fc.stringMatching(/^arn:aws[a-z-]*:iam::[0-9]{12}:role\/.+$/),
      IdempotencyToken: fc.uuid(),
      ResourceType: fc.constantFrom(...resourceTypes),
      CopySourceTagsToRestoredResource: fc.boolean(),
    },
    { requiredKeys: ["RecoveryPointArn", "Metadata"] },
  )
  // EFS with a KmsKeyId must say Encrypted "true" (the spec's EfsKmsKeyRequiresEncryption).
  .map((body) =>
    body.ResourceType === "EFS" && body.Metadata.KmsKeyId !== undefined
      ? { ...body, Metadata: { ...body.Metadata, Encrypted: "true" } }
      : body,
  );

/** Random credentials that print without their secret parts (fast-check prints counterexamples). */
const credentialsArb = fc
  .record(
    {
      accessKeyId: fc.stringMatching(/^(AKIA|ASIA)[A-Z2-7]{16}$/),
      secretAccessKey: fc.stringMatching(/^[A-Za-z0-9/+]{40}$/),
      sessionToken: fc.base64String({ minLength: 16, maxLength: 400 }),
    },
    { requiredKeys: ["accessKeyId", "secretAccessKey"] },
  )
  .map((c) =>
    Object.assign(c, {
      [fc.toStringMethod]: () =>
        `{accessKeyId: ${JSON.stringify(c.accessKeyId)}, secretAccessKey: <redacted>${c.sessionToken ? ", sessionToken: <redacted>" : ""}}`,
    }),
  );

/** Signs `signedBody`, sends `sentBody`, and answers the status the server gave. */
async function roundTrip(creds: Credentials, signedBody: string, sentBody: string): Promise<number> {
  return withSigV4Server({ credentials: creds }, async (s) => {
    const url = new URL("/restore-jobs", s.url);
    const headers = signRequest(
      { method: "PUT", url, headers: { "content-type": "application/json" }, body: signedBody },
      { credentials: creds, region: "us-east-1" },
    );
    return (await send(s.url, { path: url.pathname, headers, body: sentBody })).status;
  });
}

describe("property: signRequest and the independent verifier agree", () => {
  test.prop([startRestoreJobInputArb, credentialsArb], { numRuns: 50 })(
    "any valid body signed with any credentials verifies and starts a job",
    async (body, creds) => {
      const json = JSON.stringify(body);
      expect(await roundTrip(creds, json, json)).toBe(200);
    },
  );

  it("fails, with a shrunk counterexample, when the body sent is not the body signed", async () => {
    const broken = fc.asyncProperty(startRestoreJobInputArb, credentialsArb, async (body, creds) => {
      const json = JSON.stringify(body);
      expect(await roundTrip(creds, json, `${json} `)).toBe(200);
    });
    const result = await fc.check(broken, { numRuns: 50, seed: 42 });
    expect(result.failed).toBe(true);
    expect(result.numShrinks).toBeGreaterThan(0);
    // Every input fails, so shrinking ends at the smallest body: required members only, empty Metadata.
    const [smallest] = result.counterexample ?? [];
    expect(Object.keys(smallest ?? {})).toEqual(["RecoveryPointArn", "Metadata"]);
    expect(smallest?.Metadata).toEqual({});
    expect(String(result.errorInstance)).toContain("403");
  });
});
