import type { Breakage } from "./invalid-body-arbitrary.js";

/** The stable names of the checks, in the order they run and are reported. */
export const checkNames = [
  "positive_data_accepted",
  "negative_data_rejected",
  "status_code_conformance",
  "content_type_conformance",
  "response_schema_conformance",
  "not_a_server_error",
  "auth_enforced",
  "idempotency",
  "proxy_violations",
] as const;
export type CheckName = (typeof checkNames)[number];

/**
 * SigV4 rules a target that verifies signatures must enforce, each a way to break one (the table
 * of docs/verify.md, "SigV4 rules checked"): signed for another service, for another region; an
 * X-Amz-Date 20 minutes old or 20 minutes ahead (outside the 15-minute window, both ways); the
 * signed headers of an accepted request replayed with another body; signed without the session
 * token the credentials have; `host` left out of SignedHeaders; `UNSIGNED-PAYLOAD` for the payload
 * hash (S3's alone); a credential scope dated another day than X-Amz-Date; a query string sent
 * but not signed; an Authorization that is not SigV4 at all (Bearer, Basic).
 */
export const sigv4Breaches = [
  "other_service",
  "other_region",
  "stale_date",
  "future_date",
  "body_changed",
  "token_missing",
  "host_unsigned",
  "unsigned_payload",
  "scope_date_mismatch",
  "query_unsigned",
  "bearer_token",
  "basic_auth",
] as const;
export type Sigv4Breach = (typeof sigv4Breaches)[number];

/**
 * One generated request: what kind of case it is, the body text sent and (for JSON bodies) the
 * value it encodes, and how it is signed.
 */
export interface RequestCase {
  /** `near_miss`: invalid by one small step from a valid value (near-miss.ts). */
  kind: "valid" | "invalid" | "near_miss" | "not_json";
  /**
   * `signed` (SigV4), `unsigned` (no Authorization), `bad_signature` (a signature that does not
   * verify), or one of the SigV4 breaches (`sigv4Breaches`).
   */
  auth: "signed" | "unsigned" | "bad_signature" | Sigv4Breach;
  /** With `body_changed`: the body sent second, with the headers of the first, accepted request. */
  replayBody?: string;
  /**
   * For idempotency, the request sent second: absent, the same request again (the same token
   * must give the same id); present, the same body with another token, or another body with
   * another token (either must give another id).
   */
  pairedWith?: RequestCase;
  /**
   * For idempotency's repeat (no `pairedWith`): how the same request comes again: at once on the
   * same connection (the default), on a new connection, after `between` (a request with another
   * token), or after a pause of a few seconds.
   */
  repeat?: "at_once" | "new_connection" | "after_others" | "after_pause";
  between?: RequestCase;
  /** Sent on a connection of its own, not a kept-alive one. */
  connection?: "new";
  body: string;
  value?: unknown;
  breakage?: Breakage;
}

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Sent on a connection of its own, not a kept-alive one. */
  connection?: "new";
}

export interface ReceivedResponse {
  status: number;
  contentType: string;
  headers: Record<string, string>;
  bodyText: string;
  durationMs: number;
  /** The body is not valid UTF-8 (`bodyText` has U+FFFD in its place): it is not JSON. */
  invalidUtf8?: boolean;
}

/**
 * One request and what came back: a response, or why none did. An answer beyond the bounds
 * (`too_large`: over --max-response-bytes, or too many header fields) has both: its status,
 * headers and first bytes, and why it was read no further; but for a header section over 16 KiB,
 * which node:http does not read at all.
 */
export interface Exchange {
  request: SentRequest;
  response?: ReceivedResponse;
  failure?: { kind: "timeout" | "connection" | "too_large"; message: string; durationMs: number };
}

/** A check's judgement of one case; `skip` when the case is another check's business. */
export type Verdict =
  | { result: "pass" }
  | { result: "skip"; reason: string }
  | { result: "fail"; message: string };

/** A check's failure, with what replays it: the check, fast-check's seed and path of the case. */
export interface Finding {
  check: CheckName;
  message: string;
  seed: number;
  path: string;
  /** The shrunk counterexample, as fast-check prints it. */
  counterexample: string;
  /** The exchanges of the shrunk counterexample (two for idempotency); secrets redacted. */
  exchanges: Exchange[];
  curl: string[];
  /**
   * The failure did not come back: judged again `replaysPassed` times, the same case passed. The
   * finding is the first failure (its exchanges first, then the replays'); the target still
   * breaks the contract, intermittently.
   */
  flaky?: { replaysPassed: number };
  /** Found on the answer to another check's case (every-answer.ts): that check, whose path this is. */
  sentBy?: CheckName;
}

export interface CheckResult {
  check: CheckName;
  description: string;
  /** Cases sent (shrinking included) and cases judged (the rest were another check's business). */
  cases: number;
  judged: number;
  /** HTTP requests the cases sent (a pair for idempotency, a replay for a changed body). */
  requests?: number;
  /** Of the planned cases, how many are the check's deterministic ones, sent on every run first. */
  deterministic?: number;
  /** `not_judged`: it ran, but every answer was another check's business: no pass, no finding. */
  result: "pass" | "fail" | "skipped" | "not_judged";
  skippedBecause?: string;
  /** What part of the check did not run against this target, and why. */
  partlySkipped?: string;
  durationMs: number;
  finding?: Finding;
}
