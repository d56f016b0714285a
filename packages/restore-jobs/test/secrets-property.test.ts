import { inspect } from "node:util";
import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RecordedRequest,
  type SigV4Server,
  startSigV4Server,
} from "../../../test-support/sigv4-server.js";
import { createRestoreJobsClient, RestoreJobsError, type StartRestoreJobInput } from "../src/index.js";
import { credentialsArbitrary } from "./arbitraries/start-restore-job-input.js";

const input: StartRestoreJobInput = {
  RecoveryPointArn: "arn:aws:backup:us-east-1:123456789012:recovery-point:1",
  Metadata: {},
};

/** Every form in which an error reaches a log, a terminal or a report. */
function everyForm(error: unknown): string {
  const forms: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 10; depth++) {
    forms.push(String(e), JSON.stringify(e) ?? "", inspect(e, { depth: null, showHidden: true }));
    if (e instanceof Error) forms.push(e.message, e.stack ?? "");
    e = e instanceof Error ? e.cause : undefined;
  }
  return forms.join("\n");
}

/** A secret in each form a server or a library writes it: raw, JSON-escaped, URL-encoded. */
const secretForms = (secret: string) => [
  secret,
  secret.replace(/\//g, "\\/"),
  encodeURIComponent(secret),
  encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
];
const expectNoSecret = (text: string, secrets: (string | undefined)[]) => {
  for (const secret of secrets)
    if (secret) for (const form of secretForms(secret)) expect(text).not.toContain(form);
};

const signatureOf = (req: RecordedRequest) =>
  req.headers.authorization?.split("Signature=")[1] ?? "no-signature";
const echo = (req: RecordedRequest) =>
  `${req.headers.authorization} ${req.headers["x-amz-security-token"]} ${signatureOf(req)}`;

/** Answers that make the client fail, each echoing the request's secrets back at it. */
const failures: Record<
  string,
  (req: RecordedRequest) => { status: number; headers?: Record<string, string>; body?: string }
> = {
  envelope: (req) => ({
    status: 400,
    body: JSON.stringify({ success: false, error: { code: "VALIDATION_ERROR", message: echo(req) } }),
  }),
  awsWire: (req) => ({
    status: 403,
    headers: { "x-amzn-errortype": `SignatureDoesNotMatch:${signatureOf(req)}` },
    body: JSON.stringify({ message: echo(req) }),
  }),
  html: (req) => ({
    status: 502,
    headers: { "content-type": "text/html" },
    body: `<html>${"pad ".repeat(40)}${echo(req)}</html>`,
  }),
  signatureAsCode: (req) => ({ status: 403, headers: { "x-amzn-errortype": signatureOf(req) }, body: "{}" }),
  throttled: (req) => ({
    status: 429,
    body: JSON.stringify({ __type: "ThrottlingException", Message: echo(req) }),
  }),
  requestIdEcho: (req) => ({
    status: 500,
    headers: { "x-amzn-requestid": echo(req) },
    body: JSON.stringify({ __type: "InternalFailure" }),
  }),
  emptySuccess: () => ({ status: 200, body: "" }),
  idlessSuccess: (req) => ({ status: 200, body: JSON.stringify({ data: echo(req) }) }),
  tooLarge: (req) => ({ status: 500, body: echo(req).repeat(2000) }),
  jsonEscapedEcho: (req) => ({
    status: 502,
    headers: { "content-type": "text/plain" },
    body: `upstream said ${JSON.stringify(echo(req)).replace(/\//g, "\\/")}`,
  }),
  urlEncodedEcho: (req) => ({
    status: 400,
    body: JSON.stringify({ __type: "InvalidRequestException", message: encodeURIComponent(echo(req)) }),
  }),
};

/** A user's fetch (a tracer, a proxy agent) whose error quotes the request it was given. */
const quotingFetch = async (request: Request): Promise<Response> => {
  const headers = `authorization=${request.headers.get("authorization")} X-Amz-Security-Token: ${request.headers.get("x-amz-security-token")}`;
  throw new Error(`tracer could not send ${request.url} with ${headers}`, {
    cause: Object.assign(new Error(`socket gone; headers were ${encodeURIComponent(headers)}`), {
      code: "ECONNRESET",
      request: { headers: Object.fromEntries(request.headers) },
    }),
  });
};

let server: SigV4Server;
let failure: keyof typeof failures = "envelope";
beforeAll(async () => {
  // The server accepts anything: these runs are about what the client does with the answer.
  server = await startSigV4Server({
    credentials: { accessKeyId: "unused", secretAccessKey: "unused" },
    respond: (req) => failures[failure]?.(req),
  });
});
afterAll(() => server.close());

describe("no error holds a secret", () => {
  test.prop(
    [
      credentialsArbitrary,
      fc.constantFrom(...(Object.keys(failures) as (keyof typeof failures)[])),
      fc.constantFrom("node:http", "caller's fetch", "a fetch whose error quotes the request"),
    ],
    { numRuns: 200 },
  )(
    "in its message, stack, JSON, inspected form or cause chain, whatever the server answers, over either transport",
    async (credentials, kind, transport) => {
      failure = kind;
      const before = server.requests.length;
      const client = createRestoreJobsClient({
        region: "us-east-1",
        endpoint: server.url,
        credentials,
        maxAttempts: 2,
        retryDelay: { baseMs: 0 },
        maxResponseBytes: 64 * 1024,
        ...(transport === "caller's fetch" && { fetch: (r: Request, i?: RequestInit) => fetch(r, i) }),
        ...(transport === "a fetch whose error quotes the request" && { fetch: quotingFetch }),
      });
      const error = await client.startRestoreJob(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreJobsError);
      expectNoSecret(everyForm(error), [
        credentials.secretAccessKey,
        credentials.sessionToken,
        ...server.requests.slice(before).map(signatureOf),
      ]);
      // What the quoting fetch was given: the signature of each attempt, never sent to the server.
      expect(everyForm(error)).not.toMatch(/Signature=[0-9a-f]{64}/);
    },
  );

  test.prop([credentialsArbitrary], { numRuns: 50 })(
    "nor do network, timeout, validation or option errors",
    async (credentials) => {
      const errors = await Promise.all(
        [
          createRestoreJobsClient({
            region: "us-east-1",
            endpoint: "http://127.0.0.1:9",
            credentials,
            maxAttempts: 1,
          }).startRestoreJob(input),
          createRestoreJobsClient({ region: "us-east-1", endpoint: server.url, credentials }).startRestoreJob(
            {
              RecoveryPointArn: credentials.secretAccessKey,
              // Values are never quoted (pointers name keys, which the caller chose).
              Metadata: { token: credentials.sessionToken ?? "", n: 1 as never },
            },
          ),
          Promise.resolve().then(() =>
            createRestoreJobsClient({
              region: credentials.secretAccessKey,
              credentials: { ...credentials, accessKeyId: "" },
            }),
          ),
          createRestoreJobsClient({
            region: "us-east-1",
            endpoint: server.url,
            credentials: async () => ({ ...credentials, accessKeyId: 7 as never }),
          }).startRestoreJob(input),
        ].map((p) =>
          Promise.resolve(p).then(
            () => undefined,
            (e: unknown) => e,
          ),
        ),
      );
      for (const error of errors) {
        expect(error).toBeInstanceOf(RestoreJobsError);
        const text = everyForm(error);
        expect(text).not.toContain(credentials.secretAccessKey);
        if (credentials.sessionToken) expect(text).not.toContain(credentials.sessionToken);
      }
    },
  );

  test.prop([credentialsArbitrary, credentialsArbitrary], { numRuns: 50 })(
    "nor does a credentials provider's error quoting the credentials it gave before, or others by name",
    async (given, unseen) => {
      let calls = 0;
      const provider = async () => {
        calls++;
        if (calls === 1) return { ...given, expiration: new Date(Date.now() + 60_000) }; // refreshed at once
        throw new Error(
          `refresh failed for ${given.sessionToken ?? given.secretAccessKey} (had ${JSON.stringify(given)}); ` +
            `aws_secret_access_key=${unseen.secretAccessKey} {"SessionToken":"${unseen.sessionToken ?? "x"}"}`,
          { cause: new Error(`${given.secretAccessKey.replace(/\//g, "\\/")}`) },
        );
      };
      const client = createRestoreJobsClient({
        region: "us-east-1",
        endpoint: server.url,
        credentials: provider,
      });
      failure = "emptySuccess";
      await client.startRestoreJob(input).catch(() => undefined);
      const error = await client.startRestoreJob(input).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "RestoreJobsCredentialsError", attempts: 0 });
      expectNoSecret(everyForm(error), [
        given.secretAccessKey,
        given.sessionToken,
        unseen.secretAccessKey,
        unseen.sessionToken,
      ]);
    },
  );

  it("nor does an answer that echoes an earlier attempt's signature (signed at another time)", async () => {
    const credentials = { accessKeyId: "AKIDECHO", secretAccessKey: "echo-test-secret-key-000000" };
    const earlier: string[] = [];
    const echoing = await startSigV4Server({
      credentials,
      respond: (req) => {
        earlier.push(signatureOf(req));
        // The first answer is a skew error, so the second attempt is signed at another time.
        return earlier.length === 1
          ? {
              status: 403,
              headers: {
                "x-amzn-errortype": "InvalidSignatureException",
                date: new Date(Date.now() + 3_600_000).toUTCString(),
              },
              body: "{}",
            }
          : { status: 400, body: JSON.stringify({ __type: "InvalidRequestException", message: earlier[0] }) };
      },
    });
    try {
      const error = await createRestoreJobsClient({ region: "us-east-1", endpoint: echoing.url, credentials })
        .startRestoreJob(input)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "RestoreJobsApiError", attempts: 2 });
      expect(new Set(earlier).size).toBe(2);
      for (const signature of earlier) expect(everyForm(error)).not.toContain(signature);
    } finally {
      await echoing.close();
    }
  });
});
