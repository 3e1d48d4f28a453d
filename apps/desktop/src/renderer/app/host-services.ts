/** CanvasServices (what the UI needs) over HostApi (what the host offers). */
import { tableFromIPC } from 'apache-arrow';
import type { BlockRunResult, CanvasServices } from '@facet/ui';
import type { HostApi, QueryReply } from '../../shared/host-api.ts';
import { uploadFiles } from '../platform/upload-files.ts';

export function hostServices(api: HostApi, canvasId: string): CanvasServices {
  let nextRequest = 0;
  /** Calls the host with a request id, and cancels that request when `signal` aborts. */
  const cancellable = async (
    signal: AbortSignal | undefined,
    call: (requestId: string) => Promise<QueryReply>,
  ): Promise<BlockRunResult> => {
    const requestId = `run-${++nextRequest}`;
    const cancel = (): void => void api.engine.cancel(requestId).catch(() => undefined);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const pending = call(requestId);
      if (signal?.aborted) cancel();
      const reply = await pending;
      return {
        table: tableFromIPC(reply.ipc),
        rowCount: reply.rowCount,
        elapsedMs: reply.elapsedMs,
        cached: reply.cached,
      };
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  };
  return {
    runBlock: (name, signal) =>
      cancellable(signal, (requestId) => api.engine.runBlock(canvasId, name, requestId)),
    queryCanvas: (sql, signal) =>
      cancellable(signal, (requestId) => api.engine.queryCanvas(canvasId, sql, requestId)),
    importFiles: async (files, options) =>
      (await uploadFiles(api, files, options)).map((s) => ({ table: s.table, rowCount: s.rowCount })),
    exportBlock: (name, format) => api.engine.exportBlock(canvasId, name, format),
    tables: () => api.engine.tables(),
    profile: (table) => api.engine.profile(table),
  };
}
