/**
 * Results of block runs kept across sessions (Arrow IPC bytes), keyed by what produced them: the
 * compiled SQL, its parameters and the fingerprints of the data it read. Least recently used
 * entries go first once the cache passes its byte budget.
 */
import { createHash } from 'node:crypto';
import type { Db } from './database.ts';

export interface StoredResult {
  sql: string;
  ipc: Uint8Array;
  rowCount: number;
  createdAt: number;
}

export class ResultStore {
  constructor(
    private readonly db: Db,
    private readonly budgetBytes = 512 * 1024 * 1024,
  ) {}

  /** The cache key of a run: the same SQL with the same parameters over the same data. */
  static key(sql: string, params: unknown, fingerprints: readonly string[]): string {
    return createHash('sha256')
      .update(JSON.stringify([sql, params ?? null, [...fingerprints].sort()]))
      .digest('hex');
  }

  get(key: string): StoredResult | undefined {
    const row = this.db
      .prepare<[string], { sql: string; data: Buffer; row_count: number; created_at: number }>(
        'SELECT sql, data, row_count, created_at FROM result_cache WHERE key = ?',
      )
      .get(key);
    if (!row) return undefined;
    this.db.prepare('UPDATE result_cache SET used_at = ? WHERE key = ?').run(Date.now(), key);
    return {
      sql: row.sql,
      ipc: new Uint8Array(row.data),
      rowCount: row.row_count,
      createdAt: row.created_at,
    };
  }

  put(key: string, sql: string, ipc: Uint8Array, rowCount: number): void {
    if (ipc.byteLength > this.budgetBytes / 4) return; // one huge result must not evict everything
    const now = Date.now();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT OR REPLACE INTO result_cache (key, sql, data, row_count, bytes, created_at, used_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(key, sql, Buffer.from(ipc), rowCount, ipc.byteLength, now, now);
      this.evict();
    })();
  }

  bytes(): number {
    return (
      this.db.prepare<[], { b: number | null }>('SELECT sum(bytes) AS b FROM result_cache').get()?.b ?? 0
    );
  }

  clear(): void {
    this.db.prepare('DELETE FROM result_cache').run();
  }

  private evict(): void {
    let total = this.bytes();
    if (total <= this.budgetBytes) return;
    const rows = this.db
      .prepare<[], { key: string; bytes: number }>(
        'SELECT key, bytes FROM result_cache ORDER BY used_at, rowid',
      )
      .all();
    const remove = this.db.prepare('DELETE FROM result_cache WHERE key = ?');
    for (const row of rows) {
      if (total <= this.budgetBytes) break;
      remove.run(row.key);
      total -= row.bytes;
    }
  }
}
