/**
 * Pieces both HostApi implementations (the desktop host, the browser app's host) use at their
 * boundary: checks on arguments that came from a page, a query result as the bytes and numbers a
 * reply carries, cancellable requests, and the engine's query and page calls.
 */
import { tableToIPC } from 'apache-arrow';
import type { Engine, QueryResult } from '../engine/types.ts';
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

/** Requests that can be cancelled by id (`engine.cancel(requestId)`), for one connection. */
export class RunningRequests {
  private readonly running = new Map<string, AbortController>();

  /** Runs `work` with an abort signal registered under `requestId` (if any). */
  async run<T>(requestId: string | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (requestId !== undefined) this.running.set(requestId, controller);
    try {
      return await work(controller.signal);
    } finally {
      if (requestId !== undefined && this.running.get(requestId) === controller)
        this.running.delete(requestId);
    }
  }

  /** Whether a request of that id was running (and is now told to stop). */
  cancel(requestId: string): boolean {
    const controller = this.running.get(requestId);
    controller?.abort();
    return controller !== undefined;
  }

  abortAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}

/** A query as a page asks for it (HostApi's QueryRequest). */
export interface EngineRequest {
  sql: string;
  params?: Record<string, string | number | boolean | null>;
  timeoutMs?: number;
  requestId?: string;
}

/** HostApi's `engine.query` and `engine.page` over an engine: the same in every host. */
export function engineQueries(engine: () => Promise<Engine>, requests: RunningRequests) {
  const options = (request: EngineRequest, signal: AbortSignal) => ({
    ...(request.params ? { params: request.params } : {}),
    ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
    signal,
  });
  return {
    query: (request: EngineRequest) =>
      requests.run(requireRequest(request.sql, request.requestId), async (signal) =>
        resultReply(await (await engine()).query(request.sql, options(request, signal))),
      ),
    page: (request: EngineRequest & { offset: number; limit: number; withTotal?: boolean }) =>
      requests.run(requireRequest(request.sql, request.requestId), async (signal) => {
        const page = await (
          await engine()
        ).page(request.sql, {
          offset: request.offset,
          limit: request.limit,
          ...(request.withTotal ? { withTotal: request.withTotal } : {}),
          ...options(request, signal),
        });
        return {
          ...resultReply(page),
          ...(page.totalRows !== undefined ? { totalRows: page.totalRows } : {}),
        };
      }),
  };
}
