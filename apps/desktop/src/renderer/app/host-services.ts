/** CanvasServices (what the UI needs) over HostApi (what the host offers). */
import { tableFromIPC } from 'apache-arrow';
import type { CanvasServices } from '@facet/ui';
import type { HostApi } from '../../shared/host-api.ts';

export function hostServices(api: HostApi, canvasId: string): CanvasServices {
  let nextRequest = 0;
  return {
    runBlock: async (name, signal) => {
      const requestId = `run-${++nextRequest}`;
      const cancel = (): void => void api.engine.cancel(requestId).catch(() => undefined);
      signal?.addEventListener('abort', cancel, { once: true });
      try {
        const reply = await api.engine.runBlock(canvasId, name, requestId);
        return {
          table: tableFromIPC(reply.ipc),
          rowCount: reply.rowCount,
          elapsedMs: reply.elapsedMs,
          cached: reply.cached,
        };
      } finally {
        signal?.removeEventListener('abort', cancel);
      }
    },
    importFiles: async (files) => {
      const out = [];
      for (const file of files) {
        out.push(...(await api.sources.upload(file.name, new Uint8Array(await file.arrayBuffer()))));
      }
      return out.map((s) => ({ table: s.table, rowCount: s.rowCount }));
    },
    exportBlock: (name, format) => api.engine.exportBlock(canvasId, name, format),
    tables: () => api.engine.tables(),
    profile: (table) => api.engine.profile(table),
  };
}
