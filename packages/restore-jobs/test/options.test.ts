import { afterEach, describe, expect, it } from "vitest";
import { createRestoreJobsClient, credentialsFromEnv, RestoreJobsConfigError } from "../src/index.js";
import { resolveOptions } from "../src/options.js";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-real-secret" };
const configError = (fn: () => unknown): RestoreJobsConfigError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RestoreJobsConfigError) return error;
    throw error;
  }
  throw new Error("expected a RestoreJobsConfigError");
};

describe("client options", () => {
  it("defaults the region from AWS_REGION, then AWS_DEFAULT_REGION, and the endpoint from the region", () => {
    expect(
      resolveOptions({ credentials }, { AWS_REGION: "eu-west-3", AWS_DEFAULT_REGION: "us-west-2" }),
    ).toMatchObject({
      region: "eu-west-3",
      endpoint: new URL("https://backup.eu-west-3.amazonaws.com"),
      maxAttempts: 3,
    });
    expect(resolveOptions({ credentials }, { AWS_DEFAULT_REGION: "us-west-2" }).region).toBe("us-west-2");
    expect(resolveOptions({ credentials, region: "cn-north-1" }, {}).endpoint.host).toBe(
      "backup.cn-north-1.amazonaws.com.cn",
    );
  });

  it("keeps an endpoint's base path and port", () => {
    const client = createRestoreJobsClient({
      credentials,
      region: "us-east-1",
      endpoint: "http://127.0.0.1:8080/proxy/",
    });
    expect(client.endpoint).toBe("http://127.0.0.1:8080/proxy");
  });

  it("reads credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN", async () => {
    const options = resolveOptions(
      { region: "us-east-1" },
      { AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "s3cr3t", AWS_SESSION_TOKEN: "tok" },
    );
    expect(await options.credentials.get()).toEqual({
      accessKeyId: "AKID",
      secretAccessKey: "s3cr3t",
      sessionToken: "tok",
    });
  });

  it("treats an empty AWS_SESSION_TOKEN as unset: long-term credentials, no token sent", async () => {
    const env = { AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "s3cr3t", AWS_SESSION_TOKEN: "" };
    const expected = { accessKeyId: "AKID", secretAccessKey: "s3cr3t" };
    // The one rule, whoever reads the environment: the client's options and the verify job alike.
    expect(credentialsFromEnv(env)).toStrictEqual(expected);
    expect(await resolveOptions({ region: "us-east-1" }, env).credentials.get()).toStrictEqual(expected);
    expect(credentialsFromEnv({ ...env, AWS_SECRET_ACCESS_KEY: "" })).toBeUndefined();
  });

  it("says where it looked when no credentials are found", () => {
    const error = configError(() => resolveOptions({ region: "us-east-1" }, {}));
    expect(error.issues).toEqual([
      { pointer: "/credentials", message: expect.stringContaining("AWS_ACCESS_KEY_ID") },
    ]);
    expect(error.message).toContain("options.credentials");
  });

  it("lists every bad option with its name, and never quotes a secret", () => {
    const error = configError(() =>
      resolveOptions(
        {
          region: "Mars-1",
          endpoint: "not a url",
          credentials: { accessKeyId: "", secretAccessKey: 42 } as never,
          fetch: "nope" as never,
          maxAttempts: 0,
          timeoutMs: -5,
          retryDelay: { baseMs: Number.NaN },
        },
        {},
      ),
    );
    expect(error.issues.map((i) => i.pointer)).toEqual([
      "/region",
      "/endpoint",
      "/credentials/accessKeyId",
      "/credentials/secretAccessKey",
      "/fetch",
      "/maxAttempts",
      "/timeoutMs",
      "/retryDelay/baseMs",
    ]);
    const withSecret = configError(() =>
      resolveOptions(
        { region: "us-east-1", credentials: { accessKeyId: "", secretAccessKey: "TOP-SECRET-KEY" } },
        {},
      ),
    );
    expect(`${withSecret.message}${withSecret.stack}${JSON.stringify(withSecret)}`).not.toContain(
      "TOP-SECRET-KEY",
    );
  });

  it("refuses an endpoint with user:password, which every error message would print", () => {
    const error = configError(() =>
      resolveOptions(
        { credentials, region: "us-east-1", endpoint: "http://user:hunter2@127.0.0.1:8080" },
        {},
      ),
    );
    expect(error.issues).toEqual([
      { pointer: "/endpoint", message: expect.stringContaining("user:password") },
    ]);
    expect(error.message).not.toContain("hunter2");
  });

  it("refuses times longer than a Node timer holds (a longer one fires at once or throws)", () => {
    const tooLong = 2 ** 31;
    const error = configError(() =>
      resolveOptions(
        {
          credentials,
          region: "us-east-1",
          timeoutMs: tooLong,
          deadlineMs: tooLong,
          retryDelay: { baseMs: tooLong, maxMs: tooLong },
        },
        {},
      ),
    );
    expect(error.issues.map((i) => i.pointer)).toEqual([
      "/timeoutMs",
      "/deadlineMs",
      "/retryDelay/baseMs",
      "/retryDelay/maxMs",
    ]);
    expect(resolveOptions({ credentials, region: "us-east-1", timeoutMs: tooLong - 1 }, {}).timeoutMs).toBe(
      tooLong - 1,
    );
  });

  it("refuses credentials a header cannot carry, without quoting them", () => {
    const error = configError(() =>
      resolveOptions(
        {
          region: "us-east-1",
          credentials: {
            accessKeyId: "AKID/WITH\nSLASH",
            secretAccessKey: "any secret: never sent",
            sessionToken: "SESSION\nTOKEN-VALUE",
          },
        },
        {},
      ),
    );
    expect(error.issues.map((i) => i.pointer)).toEqual([
      "/credentials/accessKeyId",
      "/credentials/sessionToken",
    ]);
    expect(error.message).not.toContain("TOKEN-VALUE");
  });

  it("has no region when none is set anywhere", () => {
    expect(configError(() => resolveOptions({ credentials }, {})).issues).toEqual([
      { pointer: "/region", message: expect.stringContaining("AWS_REGION") },
    ]);
  });
});

describe("environment defaults through createRestoreJobsClient", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  it("uses process.env when no options are given", () => {
    process.env.AWS_REGION = "ap-southeast-2";
    process.env.AWS_ACCESS_KEY_ID = "AKID";
    process.env.AWS_SECRET_ACCESS_KEY = "secret";
    expect(createRestoreJobsClient().region).toBe("ap-southeast-2");
  });
});
