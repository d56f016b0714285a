/**
 * A loopback StartRestoreJob server for tests that checks SigV4 the way AWS does, with a signer
 * that is not the client's: the AWS SDK's `@smithy/signature-v4`. It re-signs each request from
 * what it received (method, path, query, the headers named in SignedHeaders, the exact body
 * bytes, the X-Amz-Date it carried) and compares signatures in constant time, so a client test
 * cannot pass because the client and the verifier share a canonicalisation bug (aws4 signs).
 *
 * It answers in the documented envelope (`format: "envelope"`) or as the live AWS endpoint
 * (`format: "aws"`, restJson1: errors named by `x-amzn-ErrorType`), see
 * shared/docs/aws-wire-format.md.
 */
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { validateStartRestoreJobInput } from "../../generated/validate-request.js";

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
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
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

const service = "backup";
/** AWS rejects a request whose X-Amz-Date is more than 5 minutes from its clock. */
const maxClockSkewMs = 5 * 60_000;

type Rejection = "missing" | "malformed" | "access-key" | "token" | "signature" | "expired";

const rejectionMessages: Record<Rejection, string> = {
  missing: "Missing Authentication Token",
  malformed: "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.",
  "access-key": "The security token included in the request is invalid: unknown access key ID.",
  token: "The security token included in the request is invalid.",
  signature:
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
  expired: "Signature expired: X-Amz-Date is more than 5 minutes from the server's time.",
};

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9!#$%&'*+.^_`|~;-]+), ?Signature=([0-9a-f]{64})$/;

interface Received {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

function equalInConstantTime(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `20150830T123600Z` → Date, or undefined when it is not that format. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}

function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const seen = query[key];
    query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

/** Checks the request's SigV4 signature; undefined when it verifies. */
async function rejectionOf(req: Received, options: SigV4ServerOptions): Promise<Rejection | undefined> {
  const authorization = req.headers.authorization;
  if (authorization === undefined) return "missing";
  const match = authorizationPattern.exec(authorization);
  if (!match) return "malformed";
  const [, accessKeyId, scopeDate, scopeRegion, scopeService, signedHeaderList, signature] = match;
  const { credentials, region = "us-east-1" } = options;
  if (!equalInConstantTime(accessKeyId!, credentials.accessKeyId)) return "access-key";
  const token = req.headers["x-amz-security-token"];
  const expectedToken = credentials.sessionToken;
  if (token === undefined || expectedToken === undefined) {
    if (token !== expectedToken) return "token";
  } else if (!equalInConstantTime(token, expectedToken)) {
    return "token";
  }

  const signedNames = signedHeaderList!.split(";");
  const amzDate = req.headers["x-amz-date"];
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate || !signedNames.includes("x-amz-date") || !signedNames.includes("host"))
    return "signature";
  if (scopeDate !== amzDate!.slice(0, 8) || scopeRegion !== region || scopeService !== service)
    return "signature";
  const declaredHash = req.headers["x-amz-content-sha256"];
  if (declaredHash !== undefined && declaredHash !== createHash("sha256").update(req.body).digest("hex")) {
    return "signature";
  }
  // Only the headers SignedHeaders names, with the values received. (The SDK's signer sets
  // x-amz-date itself, from `signingDate`, and drops a `date` header, so a request that signs
  // `Date` is rejected here; signRequest always signs X-Amz-Date.)
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = req.headers[name];
    if (value === undefined) return "signature";
    headers[name] = value;
  }
  const queryAt = req.target.indexOf("?");
  const [host, port] = (req.headers.host ?? "").split(":");
  // The token is already among `headers` when it was signed; giving it to the signer as well
  // would add it to the signed headers of a request that sent it unsigned.
  const signer = new SignatureV4({
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
    region,
    service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const resigned = await signer.sign(
    {
      method: req.method,
      protocol: "http:",
      hostname: host ?? "",
      ...(port ? { port: Number(port) } : {}),
      path: queryAt < 0 ? req.target : req.target.slice(0, queryAt),
      query: queryAt < 0 ? {} : parseQuery(req.target.slice(queryAt + 1)),
      headers,
      body: req.body,
    },
    { signingDate, signableHeaders: new Set(signedNames) },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(String(resigned.headers.authorization))?.[1] ?? "";
  if (!equalInConstantTime(signature!, expected)) return "signature";
  if (Math.abs(Date.now() - signingDate.getTime()) > maxClockSkewMs) return "expired";
  return undefined;
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
  const message = rejectionMessages[rejection];
  if (rejection === "missing") {
    return errorAnswer(
      format,
      { status: 401, code: "UNAUTHORIZED" },
      { status: 403, type: "MissingAuthenticationTokenException" },
      message,
    );
  }
  return errorAnswer(
    format,
    { status: 403, code: "FORBIDDEN" },
    { status: 403, type: "InvalidSignatureException", typeInBody: true },
    message,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
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
        const headers: Record<string, string> = {};
        for (const [name, values] of Object.entries(req.headersDistinct)) {
          if (values) headers[name] = values.join(",");
        }
        const received: Received = {
          method: req.method ?? "",
          target: req.url ?? "/",
          headers,
          body: await readBody(req),
        };
        const rejection = await rejectionOf(received, options);
        const recorded: RecordedRequest = {
          method: received.method,
          path: received.target,
          headers,
          body: received.body.toString("utf8"),
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

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    jobs,
    // Idempotent, so a test may close early and an afterEach close again.
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
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
