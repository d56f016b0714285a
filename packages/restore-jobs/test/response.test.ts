import { describe, expect, it } from "vitest";
import { RestoreJobsApiError, RestoreJobsProtocolError } from "../src/errors.js";
import { StartRestoreJob } from "../src/operations/start-restore-job.js";
import { cleanErrorCode, interpretAnswer } from "../src/runtime/response.js";

const context = {
  method: "PUT",
  read: StartRestoreJob.read,
  url: "http://127.0.0.1:1/restore-jobs",
  secrets: ["SECRET-KEY-VALUE", "SESSION-TOKEN"],
};
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
  try {
    return interpretAnswer(
      status,
      new Headers(headers),
      typeof body === "string" ? body : JSON.stringify(body),
      context,
    );
  } catch (error) {
    return error;
  }
};

describe("interpretAnswer", () => {
  it("reads the documented success envelope", () => {
    expect(
      answer(200, { success: true, data: { id: "abc123", created_at: "2025-01-01T00:00:00Z" } }),
    ).toEqual({
      id: "abc123",
      createdAt: new Date("2025-01-01T00:00:00Z"),
    });
  });

  it("reads the AWS wire success (RestoreJobId, no creation time)", () => {
    expect(answer(200, { RestoreJobId: "job-1" })).toEqual({ id: "job-1", createdAt: undefined });
  });

  it("reads the documented error envelope", () => {
    const error = answer(
      400,
      { success: false, error: { code: "VALIDATION_ERROR", message: "Invalid request parameters" } },
      {
        "x-amzn-RequestId": "req-1",
      },
    );
    expect(error).toBeInstanceOf(RestoreJobsApiError);
    expect(error).toMatchObject({
      status: 400,
      code: "VALIDATION_ERROR",
      requestId: "req-1",
      retryable: false,
    });
    expect((error as Error).message).toBe(
      "Request failed with status 400 (VALIDATION_ERROR): PUT http://127.0.0.1:1/restore-jobs: Invalid request parameters",
    );
  });

  it("takes the AWS error code from X-Amzn-ErrorType first, then code, then __type", () => {
    const both = { code: "FromBody", __type: "FromType", message: "m" };
    expect(answer(400, both, { "X-Amzn-ErrorType": "FromHeader:http://x" })).toMatchObject({
      code: "FromHeader",
    });
    expect(answer(400, both)).toMatchObject({ code: "FromBody", serviceMessage: "m" });
    expect(answer(400, { Code: "AnyCase" })).toMatchObject({ code: "AnyCase" });
    expect(
      answer(400, { __type: "com.amazonaws.backup#ResourceNotFoundException", Message: "M" }),
    ).toMatchObject({
      code: "ResourceNotFoundException",
      serviceMessage: "M",
    });
  });

  it.each([
    ["aws.protocoltests#FooError:http://internal.amazon.com/", "FooError"],
    ["FooError", "FooError"],
    ["FooError:http://internal.amazon.com/", "FooError"],
    ["aws.protocoltests#FooError", "FooError"],
    ["FooError,BarError", "FooError"],
  ])("cleans the error code %s to %s", (raw, code) => {
    expect(cleanErrorCode(raw)).toBe(code);
  });

  it("marks throttling, 429 and 5xx retryable, other 4xx not", () => {
    expect(answer(400, { __type: "ThrottlingException" })).toMatchObject({ retryable: true });
    expect(answer(429, { success: false, error: { code: "RATE_LIMITED", message: "" } })).toMatchObject({
      retryable: true,
    });
    expect(answer(503, { __type: "ServiceUnavailableException" })).toMatchObject({ retryable: true });
    expect(answer(403, { __type: "AccessDeniedException" })).toMatchObject({ retryable: false });
  });

  it.each([
    [200, "", "empty success answer"],
    [200, "<html>ok</html>", "not a JSON object"],
    [200, { success: true, data: {} }, "without a restore job id"],
    [200, { RestoreJobId: "" }, "without a restore job id"],
    [
      502,
      "<html><body>Bad Gateway</body></html>",
      "neither the documented envelope nor the AWS error format",
    ],
  ])("turns %i %j into a protocol error", (status, body, reason) => {
    const error = answer(status, body);
    expect(error).toBeInstanceOf(RestoreJobsProtocolError);
    expect((error as Error).message).toContain(reason);
    expect(error).toMatchObject({ status, retryable: status >= 500 });
  });

  it("keeps no secret a server echoes, in the message or the excerpt", () => {
    const echoed = answer(
      403,
      { message: "bad key SECRET-KEY-VALUE token SESSION-TOKEN" },
      { "x-amzn-errortype": "X" },
    );
    expect(JSON.stringify({ m: (echoed as Error).message, e: echoed })).not.toMatch(
      /SECRET-KEY-VALUE|SESSION-TOKEN/,
    );
    const html = answer(502, `<p>${"x".repeat(190)}SECRET-KEY-VALUE</p>`);
    expect((html as RestoreJobsProtocolError).excerpt).not.toContain("SECRET");
  });
});
