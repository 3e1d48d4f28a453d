/**
 * The result of the SQL block a view (metric, chart) reads: fetched once, then kept in step with
 * every later run of that block.
 */
import type { Table } from 'apache-arrow';
import { useEffect, useState } from 'react';
import type { CanvasServices } from '../services.ts';

export type BlockResultState = { table: Table } | { error: string } | undefined;

export function useBlockResult(services: CanvasServices, source: string): BlockResultState {
  const [state, setState] = useState<BlockResultState>();
  useEffect(() => {
    let live = true;
    const key = source.toLowerCase();
    const stop = services.onBlockRun?.((name, result) => {
      if (live && name.toLowerCase() === key) setState({ table: result.table });
    });
    services.runBlock(source).then(
      (run) => live && setState({ table: run.table }),
      (error: unknown) => live && setState({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
      stop?.();
    };
  }, [services, source]);
  return state;
}
