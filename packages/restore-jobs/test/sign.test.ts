import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RestoreJobsValidationError } from "../src/errors.js";
import { amzDate, signRequest } from "../src/signing/sign.js";

describe("amzDate", () => {
  it("formats SigV4's timestamp, also when the second changes between calls", () => {
    expect(amzDate(new Date("2015-08-30T12:36:00.999Z"))).toBe("20150830T123600Z");
    fc.assert(
      fc.property(
        fc.array(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date("9999-12-31T23:59:59Z") }), {
          minLength: 1,
          maxLength: 5,
        }),
        (dates) => {
          for (const date of dates)
            expect(amzDate(date)).toBe(date.toISOString().replace(/[:-]|\.\d{3}/g, ""));
        },
      ),
    );
  });
});

describe("signRequest answers bad arguments with a typed error", () => {
  const url = new URL("https://backup.us-east-1.amazonaws.com/restore-jobs");
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "SECRET-NOT-TO-BE-QUOTED" };
  const issues = (request: unknown, context: unknown) => {
    try {
      signRequest(request as never, context as never);
    } catch (error) {
      expect(error).toBeInstanceOf(RestoreJobsValidationError);
      expect((error as Error).message).toContain("Invalid signRequest arguments");
      expect(JSON.stringify(error) + String(error)).not.toContain("SECRET-NOT-TO-BE-QUOTED");
      return (error as RestoreJobsValidationError).issues.map((i) => i.pointer);
    }
    throw new Error("expected a RestoreJobsValidationError");
  };

  it("names each bad argument", () => {
    expect(issues(null, null)).toEqual(["/request", "/context"]);
    expect(
      issues(
        { method: "P UT", url: "https://x", headers: { a: 1 }, body: 5 },
        { credentials, region: "moon" },
      ),
    ).toEqual(["/request/method", "/request/url", "/request/headers", "/request/body", "/context/region"]);
    expect(
      issues(
        { method: "PUT", url },
        {
          credentials: { accessKeyId: "", secretAccessKey: credentials.secretAccessKey },
          region: "us-east-1",
          date: new Date("nope"),
        },
      ),
    ).toEqual(["/context/credentials/accessKeyId", "/context/date"]);
  });

  it("signs good arguments", () => {
    expect(
      signRequest({ method: "PUT", url, body: "{}" }, { credentials, region: "us-east-1" }).authorization,
    ).toMatch(/^AWS4-HMAC-SHA256 /);
  });
});
