import { RestoreJobsCredentialsError, type ValidationIssue } from "../errors.js";
import type { AwsCredentials, AwsCredentialsProvider, Environment } from "./credentials-types.js";

/** Refresh provider credentials this long before they expire (the AWS SDK uses 5 minutes too). */
export const refreshBeforeExpiryMs = 5 * 60_000;

/** Where the client gets credentials, caching a provider's answer until shortly before expiry. */
export interface CredentialsSource {
  get(): Promise<AwsCredentials>;
  /**
   * Forget `expired` (after `ExpiredToken`) if they are still the cached ones, so calls that
   * failed with the same credentials share one refresh; static credentials stay.
   */
  invalidate(expired: AwsCredentials): void;
  /** Whether `invalidate` can bring other credentials (a provider), or not (static ones). */
  readonly refreshable: boolean;
}

// The AWS model's AccessKeyIdType (STS, IAM): `[\w]+`.
const accessKeyIdPattern = /^\w+$/;
// A session token is base64 in practice; what a header value can carry without escaping.
const sessionTokenPattern = /^[\x21-\x7e]+$/;

/** Problems with a credentials object, named by pointer, without ever quoting a secret. */
export function credentialsProblems(value: unknown, at: string): ValidationIssue[] {
  if (typeof value !== "object" || value === null) {
    return [
      {
        pointer: at,
        message: "must be an object {accessKeyId, secretAccessKey, sessionToken?} or a function",
      },
    ];
  }
  const c = value as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const key of ["accessKeyId", "secretAccessKey"]) {
    if (typeof c[key] !== "string" || c[key] === "")
      issues.push({ pointer: `${at}/${key}`, message: "must be a non-empty string" });
  }
  // Both are sent in headers: a character a header cannot carry would make fetch or node:http
  // throw an error that quotes the whole header value (the signature, the token).
  if (typeof c.accessKeyId === "string" && c.accessKeyId !== "" && !accessKeyIdPattern.test(c.accessKeyId)) {
    issues.push({ pointer: `${at}/accessKeyId`, message: "must be letters, digits and _ (like AKIA...)" });
  }
  if (c.sessionToken !== undefined && typeof c.sessionToken !== "string") {
    issues.push({ pointer: `${at}/sessionToken`, message: "must be a string when given" });
  } else if (c.sessionToken && !sessionTokenPattern.test(c.sessionToken)) {
    issues.push({
      pointer: `${at}/sessionToken`,
      message: "must be printable ASCII without spaces (it is sent as X-Amz-Security-Token)",
    });
  }
  if (
    c.expiration !== undefined &&
    !(c.expiration instanceof Date && !Number.isNaN(c.expiration.getTime()))
  ) {
    issues.push({ pointer: `${at}/expiration`, message: "must be a valid Date when given" });
  }
  return issues;
}

/** Static credentials: always the same. */
export function staticCredentials(credentials: AwsCredentials): CredentialsSource {
  const resolved = Promise.resolve(credentials);
  return { get: () => resolved, invalidate: () => {}, refreshable: false };
}

/**
 * A provider's credentials, cached until `refreshBeforeExpiryMs` before their `expiration`;
 * concurrent callers share one call to the provider.
 */
export function providerCredentials(
  provider: AwsCredentialsProvider,
  now: () => number = Date.now,
): CredentialsSource {
  let cached: AwsCredentials | undefined;
  let pending: Promise<AwsCredentials> | undefined;
  const fresh = (c: AwsCredentials) =>
    !c.expiration || c.expiration.getTime() - refreshBeforeExpiryMs > now();
  const refresh = async (): Promise<AwsCredentials> => {
    let value: unknown;
    try {
      value = await provider();
    } catch (cause) {
      throw new RestoreJobsCredentialsError("The credentials provider failed", { cause });
    }
    const issues = credentialsProblems(value, "(provider result)");
    if (issues.length) {
      const what = issues.map((i) => `${i.pointer} ${i.message}`).join("; ");
      throw new RestoreJobsCredentialsError(
        `The credentials provider returned no usable credentials: ${what}`,
      );
    }
    cached = value as AwsCredentials;
    return cached;
  };
  return {
    get() {
      if (cached && fresh(cached)) return Promise.resolve(cached);
      pending ??= refresh().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(expired) {
      if (cached === expired) cached = undefined;
    },
    refreshable: true,
  };
}

/**
 * Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`
 * (`process.env` unless given), or undefined when the first two are not both set. One rule for
 * every reader of the environment: an empty variable is an unset one, so an empty
 * `AWS_SESSION_TOKEN` means long-term credentials, with no token to send.
 * https://docs.aws.amazon.com/sdkref/latest/guide/environment-variables.html
 */
export function credentialsFromEnv(env: Environment = process.env): AwsCredentials | undefined {
  // Anything but a non-empty string is unset (an environment that is not an object included).
  const read = (name: string) => {
    const value = (env as Environment | null | undefined)?.[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const accessKeyId = read("AWS_ACCESS_KEY_ID");
  const secretAccessKey = read("AWS_SECRET_ACCESS_KEY");
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = read("AWS_SESSION_TOKEN");
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}
