/**
 * CanvasServices for one canvas: hostServices over HostApi, plus what the app layers on top — run
 * events (every view of a result follows re-runs), the block run last (for "New chart") and a hook
 * for runs the person asked for (the tour's query step).
 */
import { type MutableRefObject, useMemo, useRef } from 'react';
import type { BlockRunResult, CanvasServices } from '@facet/ui';
import type { HostApi } from '../../shared/host-api.ts';
import { hostServices } from './host-services.ts';

export function useCanvasServices(
  api: HostApi,
  canvasId: string,
  onAskedRun: () => void,
): { services: CanvasServices; lastRun: MutableRefObject<string | undefined> } {
  const lastRun = useRef<string | undefined>(undefined);
  const services = useMemo<CanvasServices>(() => {
    const inner = hostServices(api, canvasId);
    const listeners = new Set<(name: string, result: BlockRunResult) => void>();
    return {
      ...inner,
      runBlock: async (name, signal) => {
        // Runs the person asks for (Run, Ctrl+Enter) come with a signal to cancel them; views
        // fetching a result (charts, metrics, control re-runs) do not, and are not "the last run".
        if (signal) lastRun.current = name;
        const run = await inner.runBlock(name, signal);
        for (const listener of listeners) {
          try {
            listener(name, run);
          } catch (error) {
            console.error(error);
          }
        }
        if (signal) onAskedRun();
        return run;
      },
      onBlockRun: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  }, [api, canvasId, onAskedRun]);
  return { services, lastRun };
}
