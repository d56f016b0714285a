import { afterEach, describe, expect, it } from "vitest";
import { type SigV4Server, startSigV4Server } from "../../../test-support/sigv4-server.js";
import {
  createRestoreJobsCore,
  RestoreJobsProtocolError,
  RestoreJobsValidationError,
  StartRestoreJob,
} from "../src/index.js";
import { readAwsOutput } from "../src/operations/aws-output.js";
import { httpBindings } from "../src/operations/http-bindings.js";
import { NotTheOutput, type Operation } from "../src/operations/operation.js";

const credentials = { accessKeyId: "AKIDRUNTIME", secretAccessKey: "runtime-test-secret-key-0123456789" };
const arn = "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7/x y!*'()";

let servers: SigV4Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(answer: { status: number; body?: string } = { status: 200, body: "{}" }) {
  const server = await startSigV4Server({ credentials, format: "aws", respond: () => answer });
  servers.push(server);
  return server;
}

const coreFor = (server: SigV4Server) =>
  createRestoreJobsCore({
    region: "us-east-1",
    endpoint: server.url,
    credentials,
    retryDelay: { baseMs: 1 },
  });

interface ProbeInput {
  RecoveryPointArn: string;
  MaxResults?: number;
  ByCreatedBefore?: Date;
  States?: string[];
  AccountId?: string;
  Note?: string;
}
interface ProbeOutput {
  Jobs?: { Id?: string; CreationDate?: Date; Sizes?: number[] }[];
  NextToken?: string;
  Tags?: Record<string, string>;
}

/** An operation as the next ones will be written: a URI label, query members, a header, a body. */
const Probe: Operation<ProbeInput, ProbeOutput> = {
  name: "Probe",
  method: "PUT",
  path: "/probes/{recoveryPointArn}/validations",
  check: (input) =>
    typeof (input as ProbeInput | undefined)?.RecoveryPointArn === "string"
      ? []
      : [{ pointer: "/RecoveryPointArn", message: "is required" }],
  bindings: httpBindings({
    RecoveryPointArn: { in: "label", name: "recoveryPointArn" },
    MaxResults: { in: "query", name: "maxResults" },
    ByCreatedBefore: { in: "query", name: "createdBefore" },
    States: { in: "query", name: "state" },
    AccountId: { in: "header", name: "X-Amz-Account-Id" },
  }),
  body: ["Note"],
  timestamps: ["ByCreatedBefore"],
  idempotent: true,
  read: (body) =>
    readAwsOutput(body ?? {}, {
      Jobs: ["list", { Id: "string", CreationDate: "timestamp", Sizes: ["list", "number"] }],
      NextToken: "string",
      Tags: ["map", "string"],
    }),
};

describe("the operation-agnostic runtime, with an operation's bindings, over real HTTP", () => {
  it("puts a label (encoded once), query members, a Date and a header on the wire, signed as SigV4 verifies", async () => {
    const server = await serve();
    await coreFor(server).send(Probe, {
      RecoveryPointArn: arn,
      MaxResults: 5,
      ByCreatedBefore: new Date("2026-01-02T03:04:05Z"),
      States: ["COMPLETED", "FAILED"],
      AccountId: "123456789012",
      Note: "n",
    });
    const [request] = server.requests;
    expect(request?.signature).toBe("valid");
    expect(request?.method).toBe("PUT");
    expect(request?.path).toBe(
      "/probes/arn%3Aaws%3Abackup%3Aus-east-1%3A123456789012%3Arecovery-point%3A1EB3B5E7%2Fx%20y%21%2A%27%28%29/validations" +
        "?maxResults=5&createdBefore=2026-01-02T03%3A04%3A05Z&state=COMPLETED&state=FAILED",
    );
    expect(request?.headers["x-amz-account-id"]).toBe("123456789012");
    expect(request?.body).toBe('{"Note":"n"}');
  });

  it("refuses an empty URI label and a Date where no timestamp is, sending nothing", async () => {
    const server = await serve();
    const error = await coreFor(server)
      .send(Probe, { RecoveryPointArn: "", Note: new Date() as unknown as string })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsValidationError);
    expect((error as RestoreJobsValidationError).issues.map((i) => i.pointer).sort()).toEqual([
      "/Note",
      "/RecoveryPointArn",
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it("reads an AWS-wire output: epoch seconds as Dates to the millisecond, absent members absent", async () => {
    const server = await serve({
      status: 200,
      body:
        '{"Jobs":[{"Id":"j1","CreationDate":1767323045.1234,"Sizes":[1,9007199254740994],"Extra":true},' +
        '{"Id":null}],"Tags":{"__proto__":"kept","a":"b"},"Unknown":1}',
    });
    const output = await coreFor(server).send(Probe, { RecoveryPointArn: arn });
    expect(output.Jobs?.[0]?.CreationDate).toEqual(new Date(1767323045123));
    expect(output.Jobs?.[0]).toEqual({
      Id: "j1",
      CreationDate: new Date(1767323045123),
      Sizes: [1, 2 ** 53 + 2],
    });
    expect(output.Jobs?.[1]).toEqual({});
    expect("NextToken" in output).toBe(false);
    expect(Object.keys(output.Tags ?? {})).toEqual(["__proto__", "a"]);
  });

  it("names the mistyped member of an AWS-wire output in a protocol error", async () => {
    const server = await serve({
      status: 200,
      body: JSON.stringify({ Jobs: [{ CreationDate: "yesterday" }] }),
    });
    const error = await coreFor(server)
      .send(Probe, { RecoveryPointArn: arn })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsProtocolError);
    expect((error as Error).message).toContain("Jobs[0].CreationDate is not a timestamp");
    expect(() => readAwsOutput({ NextToken: 5 }, { NextToken: "string" })).toThrow(NotTheOutput);
  });

  it("sends StartRestoreJob through the lean core as the client does", async () => {
    const server = await startSigV4Server({ credentials, format: "aws" });
    servers.push(server);
    const input = { RecoveryPointArn: arn, Metadata: {} };
    const output = await coreFor(server).send(StartRestoreJob, input);
    expect(output.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.requests.map((r) => [r.method, r.path, r.signature])).toEqual([
      ["PUT", "/restore-jobs", "valid"],
    ]);
  });
});
