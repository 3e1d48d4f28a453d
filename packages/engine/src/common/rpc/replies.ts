/**
 * Pieces both HostApi implementations (the desktop host, the browser app's host) use at their
 * boundary: checks on arguments that came from a page, and a query result as the bytes and numbers
 * a reply carries.
 */
import { tableToIPC } from 'apache-arrow';
import type { QueryResult } from '../engine/types.ts';
import { InvalidArgumentError } from '../errors.ts';

export function requireString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw new InvalidArgumentError(`"${name}" must be text.`);
}

/** Checks a query request's SQL and returns its request id (if any). */
export function requireRequest(sql: unknown, requestId: unknown): string | undefined {
  requireString(sql, 'sql');
  if (requestId !== undefined) requireString(requestId, 'requestId');
  return requestId;
}

/** A query's result as a reply: Arrow IPC stream bytes plus what a page shows without decoding. */
export function resultReply(result: QueryResult) {
  return {
    ipc: tableToIPC(result.table, 'stream'),
    columns: result.columns,
    rowCount: result.rowCount,
    elapsedMs: result.elapsedMs,
    cached: result.cached,
  };
}
