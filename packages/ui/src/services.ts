/**
 * What the canvas UI needs from its platform. The desktop renderer implements it over HostApi
 * (IPC or web mode's WebSocket); the browser app over DuckDB-WASM. Components never talk to a
 * transport directly.
 */
import type { Table } from 'apache-arrow';
import type { TableInfo, TableProfile } from '@facet/engine/common';

export interface BlockRunResult {
  table: Table;
  rowCount: number;
  elapsedMs: number;
  cached: boolean;
}

export type ExportFormat = 'csv' | 'parquet' | 'json' | 'xlsx';

export interface CanvasServices {
  /** Runs the SQL block named `name` with the blocks it reads. */
  runBlock(name: string, signal?: AbortSignal): Promise<BlockRunResult>;
  /**
   * Runs SQL that may read the canvas's SQL blocks by name (`SELECT … FROM "block" GROUP BY …`):
   * they are compiled in as for a block run. Charts use it to aggregate in the engine.
   */
  queryCanvas(sql: string, signal?: AbortSignal): Promise<BlockRunResult>;
  /**
   * Imports files the user picked or dropped; resolves with the tables they became. Progress is
   * reported as bytes sent of the total (then `importing` while the platform reads them); aborting
   * the signal stops the import and keeps nothing of it.
   */
  importFiles(
    files: readonly File[],
    options?: {
      onProgress?: (progress: { fileName: string; sent: number; total: number; importing: boolean }) => void;
      signal?: AbortSignal;
    },
  ): Promise<{ table: string; rowCount: number }[]>;
  /** A block's result as a file to download. */
  exportBlock(name: string, format: ExportFormat): Promise<{ fileName: string; bytes: Uint8Array }>;
  /** The tables there are to query, with columns and row counts. */
  tables(): Promise<TableInfo[]>;
  /** Per-column statistics of a table. */
  profile(table: string): Promise<TableProfile>;
  /**
   * Calls `listener` after every successful run of a block (whoever asked for it), so views of a
   * result — metrics, charts, the block itself — follow re-runs. Returns the unsubscribe.
   */
  onBlockRun?(listener: (name: string, result: BlockRunResult) => void): () => void;
}
