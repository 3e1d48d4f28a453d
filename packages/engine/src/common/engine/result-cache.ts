/**
 * An LRU cache of query results, bounded by entry count and bytes. Keys are built by the engine
 * from the SQL, the parameter values and the fingerprints of the tables the SQL reads, so a
 * re-registered (changed) source never serves a stale result.
 */
import type { Table } from 'apache-arrow';
import type { ColumnInfo } from './types.ts';

export interface CachedResult {
  table: Table;
  columns: ColumnInfo[];
}

export interface ResultCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  /** Results bigger than this are never cached. */
  maxEntryBytes?: number;
}

export class ResultCache {
  private readonly entries = new Map<string, { value: CachedResult; bytes: number }>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;
  hits = 0;
  misses = 0;

  constructor(options: ResultCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 256;
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.maxEntryBytes = options.maxEntryBytes ?? 64 * 1024 * 1024;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedResult | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    // Re-insert to mark as most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry.value;
  }

  set(key: string, value: CachedResult): void {
    const bytes = tableBytes(value.table);
    if (bytes > this.maxEntryBytes) return;
    this.delete(key);
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

function tableBytes(table: Table): number {
  let total = 0;
  for (const batch of table.batches) total += batch.data.byteLength;
  return total;
}
