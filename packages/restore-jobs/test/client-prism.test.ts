import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledSpecPath } from "../../../test-support/openapi.js";
import { type PrismProcess, startPrism } from "../../../test-support/prism.js";
import { createRestoreJobsClient, RestoreJobsApiError } from "../src/index.js";

// The client against the embedded Prism mock of the spec: what a team sees first.
let prism: PrismProcess;
beforeAll(async () => {
  prism = await startPrism(bundledSpecPath);
});
afterAll(() => prism?.stop());

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "dummy-secret-for-the-mock" };
const RecoveryPointArn =
  "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45";

describe("the client against the embedded Prism mock", () => {
  it("starts a job and reads the documented envelope", async () => {
    const client = createRestoreJobsClient({ region: "us-east-1", endpoint: prism.url.href, credentials });
    await expect(
      client.startRestoreJob({ RecoveryPointArn, Metadata: {}, ResourceType: "Storage Gateway" }),
    ).resolves.toEqual({
      id: "abc123",
      createdAt: new Date("2025-01-01T00:00:00Z"),
    });
  });

  it("gets the mock's 400 envelope through client.raw for a body the client would refuse", async () => {
    const client = createRestoreJobsClient({ region: "us-east-1", endpoint: prism.url.href, credentials });
    const { error, response } = await client.raw.PUT("/restore-jobs", {
      body: { RecoveryPointArn: "not-an-arn", Metadata: {} },
    });
    expect(response.status).toBe(400);
    expect(error).toEqual({
      success: false,
      error: { code: "VALIDATION_ERROR", message: "Invalid request parameters" },
    });
  });

  it("turns the mock's 401 for an unsigned request into RestoreJobsApiError", async () => {
    // A fetch that drops the Authorization header, as a misconfigured proxy would.
    const unsigned = (request: Request, init?: RequestInit) => {
      const headers = new Headers(request.headers);
      headers.delete("authorization");
      return fetch(new Request(request, { headers }), init);
    };
    const client = createRestoreJobsClient({
      region: "us-east-1",
      endpoint: prism.url.href,
      credentials,
      fetch: unsigned,
    });
    const error = await client.startRestoreJob({ RecoveryPointArn, Metadata: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreJobsApiError);
    expect(error).toMatchObject({ status: 401, code: "UNAUTHORIZED", retryable: false });
  });
});
