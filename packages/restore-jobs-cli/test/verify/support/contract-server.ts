import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { findInputProblems } from "restore-jobs";
import { validateStartRestoreJobInput } from "../../../../../test-support/request-validator.js";
import {
  joinedHeaders,
  sigv4Rejection,
  type VerifierCredentials,
} from "../../../../../test-support/sigv4-verify.js";
import { loadSpec } from "../../../src/openapi-document.js";
import { signByHand } from "../../../src/verify/sigv4-breaches.js";
import { testCredentials, testRegion } from "./run-job.js";

/** The spec's ResourceType values, which a case-insensitive server matches loosely. */
const resourceTypes = ((await loadSpec()).components?.schemas?.ResourceType?.enum ?? []) as string[];

/** The ways a test server can break the contract, one at a time. */
export type Breakage =
  | "accepts_missing_metadata"
  | "rejects_valid_resource_type"
  | "success_without_success"
  | "created_at_not_date_time"
  // A created_at ajv-formats takes but RFC 3339 does not: a space for T, an offset +0000 or +00.
  | "created_at_with_space"
  | "created_at_offset_without_colon"
  | "created_at_short_offset"
  | "answers_201"
  | "answers_text_plain"
  | "error_without_message"
  | "crashes_on_unicode_metadata"
  | "ignores_signature"
  | "new_id_for_repeated_token"
  | "same_id_for_every_token"
  // Idempotency keyed by the body: identical bodies get one id, whatever their token.
  | "dedups_identical_bodies"
  // Idempotency as real stores fail: a store per connection, a cache of one token, a time-to-live
  // of a second, the same id with a new created_at.
  | "store_per_connection"
  | "remembers_one_token"
  | "forgets_after_a_second"
  | "new_created_at_for_repeat"
  // Lenient, as real implementations are (each coerces one kind of near miss before validating):
  | "accepts_trailing_bytes"
  | "loose_account_digits"
  | "case_insensitive_enum"
  | "coerces_boolean_strings"
  | "numbers_in_metadata"
  | "accepts_empty_recovery_point"
  | "accepts_iam_user"
  // Lenient parsers: member names matched in any case (Go's encoding/json), unknown members
  // looked up with `in` (the prototype's names pass), patterns matched line by line, an array
  // taken for an empty map, and a crash past a nesting depth.
  | "case_insensitive_members"
  | "in_lookup_members"
  | "multiline_patterns"
  | "array_as_metadata"
  | "crashes_on_deep_nesting"
  // The EFS rule checked loosely: Encrypted compared in any case and trimmed; KmsKeyId tested for
  // truthiness, so an empty one does not trigger it.
  | "loose_encrypted"
  | "truthy_kms_key"
  // SigV4 checked less than it promises:
  | "accepts_any_service"
  | "accepts_any_region"
  | "no_replay_window"
  | "caches_authorization"
  | "token_optional"
  // SigV4's promise kept in part: a window of 30 minutes, or one that only looks back; `host`
  // unsigned taken; UNSIGNED-PAYLOAD honoured as S3 does; the scope's date trusted over
  // X-Amz-Date's; the query left out of the canonical request; a Bearer or Basic header let in.
  | "window_thirty_minutes"
  | "window_past_only"
  | "host_optional"
  | "honors_unsigned_payload"
  | "trusts_scope_date"
  | "ignores_query"
  | "accepts_bearer"
  // A 500 for a request signed for another region or service, instead of a 403.
  | "errors_on_foreign_scope"
  // Conforming, each in a way the job once took for a break (they must pass):
  // the client's documented rules the schema cannot hold (findInputProblems) refused with a 400;
  | "holds_documented_rules"
  // one token with another body refused (400 IDEMPOTENCY_CONFLICT), as many AWS APIs do;
  | "refuses_token_reuse"
  // above 20 requests a second, a 429 with Retry-After: 1;
  | "throttles_above_20_per_second"
  // every other path (`/` included) answered by a reset connection.
  | "resets_other_paths"
  // Not conforming, not a break either: every request throttled (the job must stop, exit 2).
  | "always_throttles"
  // Every request a 500.
  | "always_fails"
  // Not a contract rule: for the redaction test, every signed request gets a 400 whose message
  // echoes the request's session token (across the cut of the reports' body excerpt) and its
  // Authorization header.
  | "echoes_request_headers";

/**
 * One answer of the run bent, the rest kept: the `at`-th answer (counting from 1) a 500
 * (`server_error`), or the `at`-th success envelope without `data.id` (`success_without_id`), as
 * an intermittent fault of a staging server or a proxy in front of it looks.
 */
export interface BentAnswer {
  at: number;
  how: "server_error" | "success_without_id";
}

export interface ContractServer {
  url: URL;
  /** The bodies of the `PUT /restore-jobs` requests received, in order. */
  received: string[];
  /** How many answers it sent so far. */
  answers(): number;
  /** How many of them were 200s. */
  successes(): number;
  close(): Promise<void>;
}

/**
 * A loopback StartRestoreJob server that keeps the contract (SigV4 verified for real, the
 * request schema through the generated validator, idempotency by token), or breaks it in one way.
 */
export async function startContractServer(
  credentials: VerifierCredentials,
  region: string,
  breakage?: Breakage,
  bent?: BentAnswer,
): Promise<ContractServer> {
  type Stored = { id: string; created_at: string; storedAt: number };
  const byToken = new Map<string, Stored>();
  const bodies = new Map<string, string>();
  const window = { second: 0, count: 0 };
  const byConnection = new WeakMap<object, Map<string, Stored>>();
  const connectionStore = (req: IncomingMessage) => {
    const store = byConnection.get(req.socket) ?? new Map<string, Stored>();
    byConnection.set(req.socket, store);
    return store;
  };
  const verified = new Set<string>();
  const received: string[] = [];
  let answers = 0;
  let successes = 0;
  const send = (res: ServerResponse, kept: number, body: unknown) => {
    answers++;
    if (kept === 200) successes++;
    let status = kept;
    if (bent?.how === "server_error" && answers === bent.at) {
      status = 500;
      body = { success: false, error: { code: "INTERNAL_ERROR", message: "An internal error occurred" } };
    } else if (bent?.how === "success_without_id" && kept === 200 && successes === bent.at) {
      const { id: _id, ...data } = (body as { data: Record<string, unknown> }).data;
      body = { ...(body as object), data };
    }
    res.writeHead(status, {
      "content-type": breakage === "answers_text_plain" ? "text/plain" : "application/json",
    });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: string, message: string) =>
    send(res, status, {
      success: false,
      error: breakage === "error_without_message" ? { code } : { code, message },
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const text = bytes.toString("utf8");
    if (req.method === "PUT") received.push(text);
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (breakage === "resets_other_paths" && path !== "/restore-jobs") {
      res.socket?.destroy();
      return;
    }
    if (breakage === "always_fails") return error(res, 500, "INTERNAL_ERROR", "An internal error occurred");
    const second = Math.floor(Date.now() / 1000);
    if (second !== window.second) Object.assign(window, { second, count: 0 });
    window.count++;
    if (
      breakage === "always_throttles" ||
      (breakage === "throttles_above_20_per_second" && window.count > 20)
    ) {
      res.setHeader("retry-after", "1");
      return error(res, 429, "RATE_LIMITED", "Rate exceeded");
    }
    if (req.method !== "PUT" || path !== "/restore-jobs")
      return error(res, 400, "VALIDATION_ERROR", "no such operation");
    if (!req.headers.authorization) return error(res, 401, "UNAUTHORIZED", "Missing authentication token");
    if (breakage === "echoes_request_headers") {
      const head = JSON.stringify({ success: false, error: { code: "VALIDATION_ERROR", message: "" } });
      const echo = `${req.headers.authorization} `;
      const padding = "x".repeat(Math.max(0, 596 - head.length - echo.length));
      return error(res, 400, "VALIDATION_ERROR", `${echo}${padding}${req.headers["x-amz-security-token"]}`);
    }
    const scope =
      /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization)?.slice(1) ?? [];
    if (breakage === "errors_on_foreign_scope" && (scope[0] !== region || scope[1] !== "backup"))
      return error(res, 500, "INTERNAL_ERROR", "An internal error occurred");
    // A server that caches verified Authorization headers skips verifying one it has seen.
    const cached = breakage === "caches_authorization" && verified.has(req.headers.authorization);
    const notSigv4 = /^(Bearer|Basic) /.test(req.headers.authorization);
    if (breakage !== "ignores_signature" && !cached && !(breakage === "accepts_bearer" && notSigv4)) {
      const headers = joinedHeaders(req.headersDistinct);
      const windows: Record<string, number> = {
        window_thirty_minutes: 30 * 60_000,
        window_past_only: 5 * 60_000,
      };
      const replayWindow = windows[breakage ?? ""];
      // The same verifier the client's tests trust: token, scope, clock and signature, as AWS checks.
      let rejection = await sigv4Rejection(
        {
          method: "PUT",
          target: breakage === "ignores_query" ? path : (req.url ?? path),
          headers,
          body: bytes,
        },
        credentials,
        region,
        {
          anyService: breakage === "accepts_any_service",
          anyRegion: breakage === "accepts_any_region",
          anyAge: breakage === "no_replay_window" || replayWindow !== undefined,
          tokenOptional: breakage === "token_optional",
          hostOptional: breakage === "host_optional",
          unsignedPayload: breakage === "honors_unsigned_payload",
        },
      );
      const skew = Date.now() - amzDateMs(headers["x-amz-date"]);
      if (
        replayWindow !== undefined &&
        (skew > replayWindow || (breakage === "window_thirty_minutes" && -skew > replayWindow))
      )
        rejection = "expired";
      if (breakage === "trusts_scope_date" && rejection === "signature")
        rejection = signedForScopeDate(req.url ?? path, headers, text) ? undefined : rejection;
      if (rejection)
        return error(
          res,
          403,
          "FORBIDDEN",
          "The request signature we calculated does not match the signature you provided",
        );
      verified.add(req.headers.authorization);
    }
    if (breakage === "crashes_on_deep_nesting" && nestingDepth(text) > 500)
      return error(res, 500, "INTERNAL_ERROR", "An internal error occurred");
    let body: unknown;
    try {
      body = breakage === "accepts_trailing_bytes" ? parseLeadingJson(text) : JSON.parse(text);
    } catch {
      return error(res, 400, "VALIDATION_ERROR", "The body is not JSON");
    }
    body = lenient(breakage, body);
    const isObject = typeof body === "object" && body !== null && !Array.isArray(body);
    const input = (isObject ? body : {}) as {
      Metadata?: unknown;
      ResourceType?: unknown;
      IdempotencyToken?: unknown;
    };
    const valid = validateStartRestoreJobInput(body);
    // Broken: a body whose only fault is a missing Metadata is accepted.
    const acceptedAnyway =
      breakage === "accepts_missing_metadata" &&
      isObject &&
      input.Metadata === undefined &&
      validateStartRestoreJobInput({ ...input, Metadata: {} });
    if (!valid && !acceptedAnyway) return error(res, 400, "VALIDATION_ERROR", "Invalid request parameters");
    if (breakage === "holds_documented_rules" && findInputProblems(body).length > 0)
      return error(res, 400, "VALIDATION_ERROR", "Invalid request parameters");
    if (breakage === "rejects_valid_resource_type" && input.ResourceType === "Storage Gateway") {
      return error(res, 400, "VALIDATION_ERROR", "Invalid request parameters");
    }
    if (
      breakage === "crashes_on_unicode_metadata" &&
      /[^\p{ASCII}]/u.test(JSON.stringify(input.Metadata ?? {}))
    ) {
      res.socket?.destroy(); // as a process dying mid-request looks from the client
      return;
    }
    const { IdempotencyToken: _token, ...rest } = input as Record<string, unknown>;
    const token =
      breakage === "dedups_identical_bodies"
        ? JSON.stringify(rest)
        : breakage === "same_id_for_every_token"
          ? "one id for all"
          : typeof input.IdempotencyToken === "string"
            ? input.IdempotencyToken
            : undefined;
    const store = breakage === "store_per_connection" ? connectionStore(req) : byToken;
    const now = () => {
      const iso = new Date().toISOString();
      const lenientForms: Record<string, string> = {
        created_at_not_date_time: "yesterday",
        created_at_with_space: iso.replace("T", " "),
        created_at_offset_without_colon: iso.replace("Z", "+0000"),
        created_at_short_offset: iso.replace("Z", "+00"),
      };
      return lenientForms[breakage ?? ""] ?? iso;
    };
    let data = token === undefined ? undefined : store.get(token);
    const bodyOfToken = JSON.stringify(rest);
    if (breakage === "refuses_token_reuse" && token !== undefined) {
      const first = bodies.get(token);
      if (first !== undefined && first !== bodyOfToken)
        return error(res, 400, "IDEMPOTENCY_CONFLICT", "The token was used with another request");
      bodies.set(token, bodyOfToken);
    }
    if (data && Date.now() - data.storedAt > (breakage === "forgets_after_a_second" ? 1000 : Infinity))
      data = undefined;
    if (data === undefined || breakage === "new_id_for_repeated_token") {
      data = { id: randomUUID(), created_at: now(), storedAt: Date.now() };
      // A cache of one token: the previous token is forgotten as soon as another one comes.
      if (breakage === "remembers_one_token") store.clear();
      if (token !== undefined) store.set(token, data);
    } else if (breakage === "new_created_at_for_repeat") {
      data = { ...data, created_at: now() };
    }
    const { storedAt: _storedAt, ...kept } = data;
    const status = breakage === "answers_201" ? 201 : 200;
    send(
      res,
      status,
      breakage === "success_without_success" ? { data: kept } : { success: true, data: kept },
    );
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          success: false,
          error: { code: "INTERNAL_ERROR", message: "An internal error occurred" },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    received,
    answers: () => answers,
    successes: () => successes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The first complete JSON value of `text`, ignoring what follows it: a lenient parser. */
function parseLeadingJson(text: string): unknown {
  for (let end = text.length; end > 0; end--) {
    try {
      return JSON.parse(text.slice(0, end));
    } catch {
      // shorter
    }
  }
  throw new SyntaxError("no JSON value");
}

/** What a lenient server makes of a near miss before it validates: the body it then accepts. */
function lenient(breakage: Breakage | undefined, body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const input = { ...(body as Record<string, unknown>) };
  const arns = ["RecoveryPointArn", "IamRoleArn"] as const;
  switch (breakage) {
    case "loose_account_digits":
      // An account of 11 to 13 digits taken for one of 12.
      for (const key of arns)
        if (typeof input[key] === "string")
          input[key] = (input[key] as string).replace(
            /:(\d{11,13}):/,
            (_, d: string) => `:${d.padEnd(12, "0").slice(0, 12)}:`,
          );
      break;
    case "case_insensitive_enum": {
      const given =
        typeof input.ResourceType === "string" ? input.ResourceType.trim().toLowerCase() : undefined;
      const match = resourceTypes.find((t) => t.toLowerCase() === given);
      if (match) input.ResourceType = match;
      break;
    }
    case "coerces_boolean_strings":
      if (
        input.CopySourceTagsToRestoredResource === "true" ||
        input.CopySourceTagsToRestoredResource === "false"
      )
        input.CopySourceTagsToRestoredResource = input.CopySourceTagsToRestoredResource === "true";
      break;
    case "numbers_in_metadata":
      if (typeof input.Metadata === "object" && input.Metadata !== null)
        input.Metadata = Object.fromEntries(
          Object.entries(input.Metadata).map(([k, v]) => [k, typeof v === "number" ? String(v) : v]),
        );
      break;
    case "accepts_empty_recovery_point":
      if (input.RecoveryPointArn === "")
        input.RecoveryPointArn = "arn:aws:backup:us-east-1:123456789012:recovery-point:x";
      break;
    case "case_insensitive_members":
      for (const key of Object.keys(input)) {
        const known = knownMembers.find((name) => name.toLowerCase() === key.toLowerCase());
        if (known && known !== key) {
          input[known] = input[key];
          delete input[key];
        }
      }
      break;
    case "in_lookup_members":
      // `key in known` is true for the prototype's names: they pass as known, and are dropped.
      for (const key of Object.keys(input)) if (key in {}) delete input[key];
      break;
    case "multiline_patterns":
      for (const key of arns)
        if (typeof input[key] === "string")
          input[key] =
            (input[key] as string).split("\n").find((line) => line.startsWith("arn:")) ?? input[key];
      break;
    case "array_as_metadata":
      if (Array.isArray(input.Metadata))
        input.Metadata = Object.fromEntries(input.Metadata.map((v, i) => [i, String(v)]));
      break;
    case "loose_encrypted":
    case "truthy_kms_key": {
      const metadata = { ...((input.Metadata ?? {}) as Record<string, unknown>) };
      if (breakage === "loose_encrypted" && typeof metadata.Encrypted === "string")
        metadata.Encrypted = metadata.Encrypted.trim().toLowerCase();
      if (breakage === "truthy_kms_key" && metadata.KmsKeyId === "") delete metadata.KmsKeyId;
      if (typeof input.Metadata === "object" && input.Metadata !== null && !Array.isArray(input.Metadata))
        input.Metadata = metadata;
      break;
    }
    case "accepts_iam_user":
      // A user where a role is asked, as a check for "an IAM principal" does: its pattern is
      // `:(role|user)/`, so arn:aws:iam::123456789012:user/x passes and a misspelt type does not.
      if (typeof input.IamRoleArn === "string")
        input.IamRoleArn = input.IamRoleArn.replace(/^(arn:aws[a-z-]*:iam::\d{12}:)user\//, "$1role/");
      break;
    default:
      return body;
  }
  return input;
}

/** `20150830T123600Z` in milliseconds (NaN when it is not that). */
function amzDateMs(value: string | undefined): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  return m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : Number.NaN;
}

/**
 * A verifier that takes the signing key's date from the credential scope and the string to sign's
 * from X-Amz-Date, never comparing the two (the broken `trusts_scope_date`).
 */
function signedForScopeDate(target: string, headers: Record<string, string>, body: string): boolean {
  const auth = /Credential=[^/]+\/(\d{8})\/[^,]+, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)/.exec(
    headers.authorization ?? "",
  );
  if (!auth) return false;
  const [, day, names, signature] = auth;
  const set = (sourceHeaders: string[]) =>
    Object.fromEntries(sourceHeaders.map((name) => [name, headers[name] ?? ""]));
  const own = ["host", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"];
  const resigned = signByHand({
    method: "PUT",
    url: new URL(target, `http://${headers.host}`),
    headers: set((names ?? "").split(";").filter((name) => !own.includes(name))),
    body,
    credentials: testCredentials,
    region: testRegion,
    service: "backup",
    date: new Date(amzDateMs(headers["x-amz-date"])),
    scopeDate: new Date(`${day!.slice(0, 4)}-${day!.slice(4, 6)}-${day!.slice(6, 8)}T12:00:00Z`),
  });
  return resigned.authorization?.endsWith(`Signature=${signature}`) ?? false;
}

/** The members of StartRestoreJob's input, as the spec names them. */
const knownMembers = Object.keys(
  ((await loadSpec()).components?.schemas?.StartRestoreJobInput?.properties ?? {}) as object,
);

/** How deep the brackets of a JSON text nest (outside strings). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return deepest;
}
