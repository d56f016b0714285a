/**
 * The paginators' one loop, for every list operation (ListRestoreJobs, ListRestoreJobsByProtected
 * Resource, ListRestoreJobSummaries): an async iterable of pages, each the operation's output,
 * that follows NextToken until it is absent or empty. Each page is one call through the client's
 * send, with its validation, retries, deadline and abort. A token that comes back twice would
 * page forever: it is a RestoreJobsProtocolError naming the operation, and nothing is sent after
 * it; the caller's signal stops the loop between pages (and a page in flight).
 */
import type { RestoreJobsCore } from "../core.js";
import { RestoreJobsAbortError, RestoreJobsConfigError, RestoreJobsProtocolError } from "../errors.js";
import { isObject } from "../json.js";
import {
  ListRestoreJobSummaries,
  type ListRestoreJobSummariesInput,
} from "../operations/list-restore-job-summaries.js";
import { ListRestoreJobs, type ListRestoreJobsInput } from "../operations/list-restore-jobs.js";
import {
  ListRestoreJobsByProtectedResource,
  type ListRestoreJobsByProtectedResourceInput,
} from "../operations/list-restore-jobs-by-protected-resource.js";
import type { Operation } from "../operations/operation.js";

export interface PaginateOptions {
  /** MaxResults of each page (1–1000); the input's own MaxResults when absent. */
  pageSize?: number;
  /** Stops the pages: the next page is not requested, one in flight is aborted. */
  signal?: AbortSignal;
}

/** What paginators and the waiter call through: the core's one `send`, its endpoint for messages. */
export type Sender = Pick<RestoreJobsCore, "send" | "endpoint">;

function checkOptions(options: unknown): PaginateOptions {
  if (!isObject(options)) {
    throw new RestoreJobsConfigError([
      { pointer: "", message: "paginator options must be an object { pageSize?, signal? }" },
    ]);
  }
  const { pageSize, signal } = options as PaginateOptions;
  const issues = [];
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 1000)) {
    issues.push({
      pointer: "/pageSize",
      message: "must be an integer from 1 to 1000 (the operation's MaxResults)",
    });
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    issues.push({ pointer: "/signal", message: "must be an AbortSignal" });
  }
  if (issues.length) throw new RestoreJobsConfigError(issues);
  return options as PaginateOptions;
}

/** The URL a call of `operation` with `input` goes to, for messages (the template when the input is unreadable). */
export function urlOf(
  sender: Sender,
  operation: Pick<Operation<unknown, unknown>, "path" | "bindings">,
  input: unknown,
): string {
  try {
    if (isObject(input) && operation.bindings)
      return `${sender.endpoint}${operation.bindings.apply(operation.path, input).path}`;
  } catch {
    // An input send will refuse; the template says enough.
  }
  return `${sender.endpoint}${operation.path}`;
}

/** Pages of `operation` from `input` on. Bad options throw here, before anything is sent. */
export function paginate<Input extends { NextToken?: string }, Output extends { NextToken?: string }>(
  sender: Sender,
  operation: Operation<Input, Output>,
  input: Input,
  options: PaginateOptions = {},
): AsyncIterable<Output> {
  const { pageSize, signal } = checkOptions(options);
  const url = urlOf(sender, operation, input);
  return {
    async *[Symbol.asyncIterator]() {
      // An input that is not an object goes as given, for send to say what is wrong with it.
      const base = isObject(input) && pageSize !== undefined ? { ...input, MaxResults: pageSize } : input;
      const seen = new Set<string>();
      let token = isObject(input) ? input.NextToken : undefined;
      if (token) seen.add(token);
      for (;;) {
        if (signal?.aborted) throw new RestoreJobsAbortError(operation.method, url, signal.reason);
        const page = await sender.send(
          operation,
          token === undefined ? base : { ...base, NextToken: token },
          signal ? { signal } : {},
        );
        yield page;
        const next = page.NextToken;
        if (next === undefined || next === "") return;
        if (seen.has(next)) {
          throw new RestoreJobsProtocolError({
            status: 200,
            method: operation.method,
            url,
            requestId: undefined,
            retryable: false,
            reason: `${operation.name} answered a NextToken it had already given (${JSON.stringify(next.length > 40 ? `${next.slice(0, 40)}…` : next)}); following it would page forever`,
            excerpt: "",
          });
        }
        seen.add(next);
        token = next;
      }
    },
  };
}

/** ListRestoreJobs, page by page: `for await (const page of paginateListRestoreJobs(core, {}))`. */
export const paginateListRestoreJobs = (
  core: Sender,
  input: ListRestoreJobsInput,
  options?: PaginateOptions,
) => paginate(core, ListRestoreJobs, input, options);

/** ListRestoreJobsByProtectedResource, page by page. */
export const paginateListRestoreJobsByProtectedResource = (
  core: Sender,
  input: ListRestoreJobsByProtectedResourceInput,
  options?: PaginateOptions,
) => paginate(core, ListRestoreJobsByProtectedResource, input, options);

/** ListRestoreJobSummaries, page by page (the SDK pages it too, though AWS's paginators file omits it). */
export const paginateListRestoreJobSummaries = (
  core: Sender,
  input: ListRestoreJobSummariesInput,
  options?: PaginateOptions,
) => paginate(core, ListRestoreJobSummaries, input, options);
