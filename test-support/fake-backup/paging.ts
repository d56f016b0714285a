/**
 * Pages of a list operation as AWS Backup gives them: at most MaxResults items, and a NextToken
 * while more remain. A token is opaque standard base64 (it carries `+`, `/` and `=`, so a client
 * that forgets to percent-encode it in the query is caught) of the operation, the filters it was
 * given and the offset; a token from another operation or other filters is refused, as a service
 * that binds its cursor to the query would.
 */
import { invalidParameter } from "./wire.js";

/** How a test makes a list misbehave (Misbehaviour sets these per operation). */
export interface PagingQuirks {
  /** Answer the token the request carried as the next one: the client sees a token twice. */
  repeatToken: boolean;
  /** End with `NextToken: ""` instead of leaving it out (both mean the last page). */
  emptyLastToken: boolean;
}

interface Cursor {
  operation: string;
  filters: string;
  offset: number;
}

/** The filters of a list request: its query but the token and the page size, in a stable order. */
export function filtersOf(params: URLSearchParams, tokenName: string, sizeName: string): string {
  return JSON.stringify(
    [...params]
      .filter(([name]) => name !== tokenName && name !== sizeName)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Bytes whose base64 is `++//`. */
const head = Buffer.from([0xfb, 0xef, 0xff]);

function encode(cursor: Cursor): string {
  let json = JSON.stringify(cursor);
  // Padded with spaces to one byte past a multiple of three, so the base64 ends with `==`.
  while ((head.length + Buffer.byteLength(json)) % 3 !== 1) json += " ";
  return Buffer.concat([head, Buffer.from(json)]).toString("base64");
}

function decode(token: string, operation: string, filters: string): number {
  let cursor: Partial<Cursor> | undefined;
  try {
    cursor = JSON.parse(
      Buffer.from(token, "base64").subarray(head.length).toString("utf8"),
    ) as Partial<Cursor>;
  } catch {
    cursor = undefined;
  }
  if (
    cursor?.operation !== operation ||
    cursor.filters !== filters ||
    !Number.isSafeInteger(cursor.offset) ||
    cursor.offset! < 0 ||
    encode(cursor as Cursor) !== token
  ) {
    throw invalidParameter("The NextToken is not valid for this request.");
  }
  return cursor.offset!;
}

export function pageOf<T>(
  items: readonly T[],
  at: { operation: string; filters: string; token: string | undefined; size: number; quirks: PagingQuirks },
): { items: T[]; NextToken?: string } {
  const offset = at.token === undefined || at.token === "" ? 0 : decode(at.token, at.operation, at.filters);
  const end = offset + at.size;
  const page = items.slice(offset, end);
  if (at.quirks.repeatToken && at.token) return { items: page, NextToken: at.token };
  if (end < items.length) {
    return { items: page, NextToken: encode({ operation: at.operation, filters: at.filters, offset: end }) };
  }
  return at.quirks.emptyLastToken ? { items: page, NextToken: "" } : { items: page };
}
