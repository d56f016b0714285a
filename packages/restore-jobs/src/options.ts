import { RestoreJobsConfigError, type ValidationIssue } from "./errors.js";
import {
  type CredentialsSource,
  credentialsFromEnv,
  credentialsProblems,
  providerCredentials,
  staticCredentials,
} from "./signing/credentials.js";
import type { AwsCredentials, AwsCredentialsProvider, Environment } from "./signing/credentials-types.js";
import { regionPattern } from "./signing/sign.js";
import type { FetchLike } from "./transport/bounded-fetch.js";

export interface RestoreJobsClientOptions {
  /** The AWS Region; defaults to `AWS_REGION`, then `AWS_DEFAULT_REGION`. */
  region?: string;
  /** Where to send requests (a mock, a proxy, a test server); defaults to the regional AWS endpoint. */
  endpoint?: string | URL;
  /** Credentials, or an async provider such as `fromNodeProviderChain()`; defaults to the AWS_* variables. */
  credentials?: AwsCredentials | AwsCredentialsProvider;
  /** Send through this fetch instead of the client's node:http transport (a mock, a tracer, undici). */
  fetch?: FetchLike;
  /** Attempts per call, the first included. Default 3. */
  maxAttempts?: number;
  /** Time allowed to one attempt, answer body included. Default 30000 ms. */
  timeoutMs?: number;
  /** Time allowed to a whole call, retries and backoff included. Default: none. */
  deadlineMs?: number;
  /** Exponential backoff with full jitter: delay before retry n is random in [0, min(maxMs, baseMs·2ⁿ⁻¹)]. */
  retryDelay?: { baseMs?: number; maxMs?: number };
  /** Answers larger than this are not read. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Inputs whose request body would be larger than this are refused before sending. Default 1 MiB. */
  maxRequestBytes?: number;
  /** Capacity of the retry quota all calls of this client share (AWS SDK standard mode: 500). */
  retryQuota?: number;
}

export interface ResolvedOptions {
  region: string;
  endpoint: URL;
  credentials: CredentialsSource;
  /** The caller's fetch; undefined means the client's own node:http transport. */
  fetch: FetchLike | undefined;
  maxAttempts: number;
  timeoutMs: number;
  deadlineMs: number | undefined;
  retryDelay: { baseMs: number; maxMs: number };
  maxResponseBytes: number;
  maxRequestBytes: number;
  retryQuota: number;
}

/**
 * The longest timer Node keeps (about 24.8 days): a longer setTimeout fires after 1 ms, and
 * AbortSignal.timeout throws a RangeError.
 */
const maxTimerMs = 2 ** 31 - 1;

function defaultEndpoint(region: string): string {
  // https://docs.aws.amazon.com/general/latest/gr/bk.html: China's partition has its own domain.
  return `https://backup.${region}.${region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com"}`;
}

function positiveInteger(
  value: unknown,
  pointer: string,
  issues: ValidationIssue[],
  max = Number.MAX_SAFE_INTEGER,
) {
  if (
    value !== undefined &&
    !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max)
  ) {
    issues.push({ pointer, message: `must be a whole number from 1 to ${max}` });
  }
}

function resolveCredentials(option: unknown, env: Environment, issues: ValidationIssue[]) {
  if (typeof option === "function") return providerCredentials(option as AwsCredentialsProvider);
  if (option !== undefined) {
    const problems = credentialsProblems(option, "/credentials");
    issues.push(...problems);
    return problems.length ? undefined : staticCredentials(option as AwsCredentials);
  }
  const fromEnv = credentialsFromEnv(env);
  if (fromEnv) return staticCredentials(fromEnv);
  issues.push({
    pointer: "/credentials",
    message:
      "no credentials found: looked at options.credentials and the environment variables " +
      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN); pass credentials " +
      "or a provider such as fromNodeProviderChain()",
  });
  return undefined;
}

/** Checks and completes the options; throws `RestoreJobsConfigError` listing every problem. */
export function resolveOptions(
  options: RestoreJobsClientOptions = {},
  env: Environment = process.env,
): ResolvedOptions {
  const issues: ValidationIssue[] = [];
  if (typeof options !== "object" || options === null) {
    throw new RestoreJobsConfigError([{ pointer: "", message: "options must be an object" }]);
  }
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (region === undefined || region === "") {
    issues.push({
      pointer: "/region",
      message: "no region: pass options.region or set AWS_REGION or AWS_DEFAULT_REGION",
    });
  } else if (typeof region !== "string" || !regionPattern.test(region)) {
    issues.push({
      pointer: "/region",
      // The value is not quoted: a secret pasted into the wrong option must not reach a log.
      message: 'is not an AWS Region (like "us-east-1")',
    });
  }
  let endpoint: URL | undefined;
  const rawEndpoint =
    options.endpoint ??
    (typeof region === "string" && regionPattern.test(region) ? defaultEndpoint(region) : undefined);
  if (rawEndpoint !== undefined) {
    try {
      endpoint = new URL(String(rawEndpoint));
      if (endpoint.protocol !== "http:" && endpoint.protocol !== "https:") throw new Error("not http");
      if (endpoint.search || endpoint.hash) throw new Error("query");
      // A user:password would be dropped by the transport and printed in every error's message.
      if (endpoint.username || endpoint.password) throw new Error("userinfo");
    } catch {
      endpoint = undefined;
      issues.push({
        pointer: "/endpoint",
        // Not quoted: a URL can carry user:password.
        message: "is not an http(s) URL without user:password, query or fragment",
      });
    }
  }
  const credentials = resolveCredentials(options.credentials, env, issues);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    issues.push({ pointer: "/fetch", message: "must be a fetch function" });
  }
  positiveInteger(options.maxAttempts, "/maxAttempts", issues, 100);
  positiveInteger(options.timeoutMs, "/timeoutMs", issues, maxTimerMs);
  positiveInteger(options.deadlineMs, "/deadlineMs", issues, maxTimerMs);
  positiveInteger(options.maxResponseBytes, "/maxResponseBytes", issues);
  positiveInteger(options.maxRequestBytes, "/maxRequestBytes", issues);
  if (
    options.retryQuota !== undefined &&
    !(Number.isInteger(options.retryQuota) && options.retryQuota >= 0)
  ) {
    issues.push({ pointer: "/retryQuota", message: "must be a whole number, 0 or more" });
  }
  if (
    options.retryDelay !== undefined &&
    (typeof options.retryDelay !== "object" || options.retryDelay === null)
  ) {
    issues.push({ pointer: "/retryDelay", message: "must be an object {baseMs?, maxMs?}" });
  } else {
    for (const key of ["baseMs", "maxMs"] as const) {
      const value = options.retryDelay?.[key];
      if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= maxTimerMs)) {
        issues.push({
          pointer: `/retryDelay/${key}`,
          message: `must be a number of milliseconds from 0 to ${maxTimerMs}`,
        });
      }
    }
  }
  if (issues.length || !endpoint || !credentials || !region) throw new RestoreJobsConfigError(issues);
  // A base path is kept (a proxy at https://host/backup); an operation's path is appended.
  endpoint.pathname = endpoint.pathname.replace(/\/+$/, "");
  return {
    region,
    endpoint,
    credentials,
    fetch: options.fetch,
    maxAttempts: options.maxAttempts ?? 3,
    timeoutMs: options.timeoutMs ?? 30_000,
    deadlineMs: options.deadlineMs,
    retryDelay: { baseMs: options.retryDelay?.baseMs ?? 100, maxMs: options.retryDelay?.maxMs ?? 20_000 },
    maxResponseBytes: options.maxResponseBytes ?? 1024 * 1024,
    maxRequestBytes: options.maxRequestBytes ?? 1024 * 1024,
    retryQuota: options.retryQuota ?? 500,
  };
}
