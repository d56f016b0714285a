/**
 * What every handler of the fake AWS Backup server is given and returns: the request as routed
 * (URI labels percent-decoded once, query members, body text) and the server's state; an Answer
 * on the wire, or a thrown ServiceError for a modelled error.
 */
import { filtersOf, type PagingQuirks, pageOf } from "./paging.js";
import { maxResults } from "./shapes.js";
import type { RestoreJob, RestoreJobStore } from "./store.js";
import { type Answer, jsonAnswer, missingParameter, notFound, type QueryReader } from "./wire.js";

export interface OperationRequest {
  /** URI labels by the model's locationName, percent-decoded once. */
  labels: Record<string, string>;
  query: QueryReader;
  params: URLSearchParams;
  body: string;
}

export interface HandlerContext {
  store: RestoreJobStore;
  region: string;
  accountId: string;
  now(): Date;
  quirks: PagingQuirks;
  /** Page size when the request gives no MaxResults. */
  defaultPageSize: number;
}

export type Handler = (request: OperationRequest, context: HandlerContext) => Answer;

/** A required URI label; an empty one (`/restore-jobs//metadata`) is a missing parameter. */
export function label(request: OperationRequest, name: string): string {
  const value = request.labels[name];
  if (!value) throw missingParameter(name);
  return value;
}

/** The job a `restoreJobId` label names, or ResourceNotFoundException. */
export function jobOf(request: OperationRequest, context: HandlerContext): RestoreJob {
  const id = label(request, "restoreJobId");
  const stored = context.store.get(id);
  if (!stored) throw notFound(`Restore job ${id}`);
  return stored.job;
}

/**
 * A list operation's answer: the items a page holds under `member`, and NextToken while more
 * remain (paging.ts); `tokenName` and `sizeName` are the query names of NextToken and MaxResults.
 */
export function listAnswer<T>(
  request: OperationRequest,
  context: HandlerContext,
  list: { operation: string; member: string; items: readonly T[]; tokenName: string; sizeName: string },
  extra: Record<string, unknown> = {},
): Answer {
  const size = request.query.integer(list.sizeName, maxResults) ?? context.defaultPageSize;
  const { items, NextToken } = pageOf(list.items, {
    operation: list.operation,
    filters: filtersOf(request.params, list.tokenName, list.sizeName),
    token: request.query.string(list.tokenName),
    size,
    quirks: context.quirks,
  });
  return jsonAnswer({ [list.member]: items, ...extra, ...(NextToken === undefined ? {} : { NextToken }) });
}

/** A date filter: true when there is none or the date is on its side of it (a missing date never is). */
export function within(date: Date | undefined, after: Date | undefined, before: Date | undefined): boolean {
  if (after === undefined && before === undefined) return true;
  if (date === undefined) return false;
  return (after === undefined || date > after) && (before === undefined || date < before);
}
