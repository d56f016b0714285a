/**
 * What an operation is to the runtime: one descriptor per operation (start-restore-job.ts is the
 * first), read by the one call path of runtime/. It says the method and path, how an input is
 * checked and put on the wire (restJson1's bindings: URI labels, query, headers, the JSON body),
 * how a success answer is read, and whether the call may be retried. The runtime knows nothing of
 * any one operation, as openapi-fetch's one `coreFetch` sits behind its thin `GET`/`PUT` (the model).
 */
import type { ValidationIssue } from "../errors.js";
import type { JsonObject } from "../json.js";

/**
 * The members an operation sends outside its JSON body (URI labels, query, headers), made by
 * `httpBindings` (http-bindings.ts), which only operations with bindings import.
 */
export interface HttpBindings {
  /** What the bindings refuse in an input already read into plain data (an empty URI label). */
  issues(input: unknown): ValidationIssue[];
  /** The path with its labels filled and encoded once, the query string (no `?`), the headers. */
  apply(
    template: string,
    input: JsonObject,
  ): { path: string; query: string; headers: Record<string, string> };
}

export interface Operation<Input, Output> {
  /** The model's name (`StartRestoreJob`): what messages call it. */
  readonly name: string;
  /** Type only, never set: the input `send` takes for this operation. */
  readonly input?: Input;
  readonly method: "GET" | "PUT" | "POST" | "DELETE";
  /** The path template as the spec writes it, URI labels in braces: `/restore-jobs/{restoreJobId}`. */
  readonly path: string;
  /**
   * Every problem with an input already read into plain data (runtime/prepare.ts): the spec's
   * schema and the documented rules it cannot hold, each at its JSON pointer. Empty when valid.
   */
  readonly check: (input: unknown) => ValidationIssue[];
  /** The members that are not in the body; none when absent. */
  readonly bindings?: HttpBindings;
  /**
   * The body's members in the order the AWS SDK serializes them (its serializer walks the model),
   * so both send the same bytes; absent when the operation sends no body.
   */
  readonly body?: readonly string[];
  /** Members that may be given as a `Date` (timestamps); anywhere else a Date is refused. */
  readonly timestamps?: readonly string[];
  /** The member carrying the idempotency token, filled with a UUID v4 when the caller gives none. */
  readonly idempotencyToken?: string;
  /** Whether a failed attempt may be sent again (a GET; a PUT with an idempotency token). */
  readonly idempotent: boolean;
  /**
   * The output of a success answer, its body parsed (undefined when it is not a JSON object) and
   * its text; throws `NotTheOutput` saying what is wrong (the runtime makes it a protocol error).
   */
  readonly read: (body: JsonObject | undefined, text: string) => Output;
}

/** Options of one call, any operation (declared here, with no Node type, for the published types). */
export interface CallOptions {
  /** Ends the call at once (no further attempts) with `RestoreJobsAbortError`. */
  signal?: AbortSignal;
}

/** Thrown by an operation's `read`: the success answer is not its output, and why. */
export class NotTheOutput extends Error {
  override name = "NotTheOutput";
}

/** The JSON object of a success answer, or `NotTheOutput` saying why there is none. */
export function successBody(body: JsonObject | undefined, text: string): JsonObject {
  if (body) return body;
  throw new NotTheOutput(
    text === "" ? "an empty success answer" : "a success answer whose body is not a JSON object",
  );
}
