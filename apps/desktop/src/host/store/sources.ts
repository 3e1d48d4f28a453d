/**
 * Imported data. Each table a file becomes is kept in the project's `data/` folder as Parquet,
 * named by the SHA-256 of its bytes, so the project keeps working when the original file moves or
 * disappears. The original's path, size, mtime and hash are remembered: a changed original is
 * detected (by size and time first, then by hash) and can be re-imported.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  type Engine,
  InvalidArgumentError,
  quoteIdent,
  quoteString,
  SourceNotFoundError,
  type TableInfo,
} from '@facet/engine/common';
import type { Db } from './database.ts';

export interface SourceInfo {
  table: string;
  fileName: string;
  format: string | null;
  originalPath: string | null;
  /** The Parquet copy inside the project, relative to the project folder. */
  dataFile: string;
  rowCount: number;
  columns: { name: string; type: string }[];
  importedAt: number;
}

export type SourceStatus = 'ok' | 'missing' | 'changed' | 'no-original';

interface SourceRow {
  table_name: string;
  file_name: string;
  format: string | null;
  original_path: string | null;
  original_size: number | null;
  original_mtime: number | null;
  original_hash: string | null;
  data_file: string;
  row_count: number;
  columns: string;
  imported_at: number;
}

export class SourceStore {
  constructor(
    private readonly db: Db,
    /** The project folder; `data/` lives inside it. */
    private readonly root: string,
  ) {}

  /**
   * Imports a file: the engine reads it (all or nothing), each table it becomes is written to
   * `data/` as Parquet, and recorded. Importing a file whose table exists replaces that table.
   */
  /**
   * Imports run one at a time (with removals), so a garbage collection never deletes the Parquet
   * file of an import that has written it but not yet recorded it.
   */
  import(
    engine: Engine,
    file: string,
    options: { tableName?: string; sheet?: string; keepOriginal?: boolean } = {},
  ): Promise<SourceInfo[]> {
    return this.serial(() => this.importNow(engine, file, options));
  }

  private async importNow(
    engine: Engine,
    file: string,
    options: { tableName?: string; sheet?: string; keepOriginal?: boolean } = {},
  ): Promise<SourceInfo[]> {
    const keep = options.keepOriginal !== false;
    const original = path.resolve(file);
    const stat = await fs.stat(original).catch(() => undefined);
    if (!stat?.isFile()) throw new SourceNotFoundError(file);
    const hash = await hashFile(original);
    const tables = await engine.register({
      name: path.basename(original),
      path: original,
      ...(options.tableName ? { tableName: options.tableName } : {}),
      ...(options.sheet ? { sheet: options.sheet } : {}),
    });
    const imported: SourceInfo[] = [];
    for (const table of tables) {
      const dataFile = await this.writeParquet(engine, table.name);
      const row: SourceRow = {
        table_name: table.name,
        file_name: path.basename(original),
        format: table.format ?? null,
        original_path: keep ? original : null,
        original_size: keep ? stat.size : null,
        original_mtime: keep ? Math.round(stat.mtimeMs) : null,
        original_hash: keep ? hash : null,
        data_file: dataFile,
        row_count: table.rowCount,
        columns: JSON.stringify(table.columns.map((c) => ({ name: c.name, type: c.type }))),
        imported_at: Date.now(),
      };
      this.db
        .prepare(
          `INSERT OR REPLACE INTO sources VALUES (@table_name, @file_name, @format, @original_path, @original_size,
             @original_mtime, @original_hash, @data_file, @row_count, @columns, @imported_at)`,
        )
        .run(row);
      imported.push(toInfo(row));
    }
    await this.collectGarbage();
    return imported;
  }

  /**
   * Registers every stored table with the engine, from the Parquet copies. A copy that is missing
   * or unreadable is reported and skipped, so the rest of the project keeps working (and the
   * source can be re-imported or removed).
   */
  async attach(
    engine: Engine,
  ): Promise<{ tables: TableInfo[]; failed: { table: string; reason: string }[] }> {
    const tables: TableInfo[] = [];
    const failed: { table: string; reason: string }[] = [];
    for (const source of this.list()) {
      try {
        tables.push(
          ...(await engine.register({
            name: path.basename(source.dataFile),
            path: path.join(this.root, source.dataFile),
            format: 'parquet',
            tableName: source.table,
          })),
        );
      } catch (error) {
        failed.push({ table: source.table, reason: (error as Error).message });
      }
    }
    return { tables, failed };
  }

  list(): SourceInfo[] {
    return this.db.prepare<[], SourceRow>('SELECT * FROM sources ORDER BY table_name').all().map(toInfo);
  }

  get(table: string): SourceInfo | undefined {
    const row = this.row(table);
    return row && toInfo(row);
  }

  /** Whether each source's original file is still there and unchanged. */
  async check(): Promise<{ table: string; status: SourceStatus; originalPath: string | null }[]> {
    const rows = this.db.prepare<[], SourceRow>('SELECT * FROM sources ORDER BY table_name').all();
    const out: { table: string; status: SourceStatus; originalPath: string | null }[] = [];
    for (const row of rows)
      out.push({ table: row.table_name, status: await this.status(row), originalPath: row.original_path });
    return out;
  }

  /** Imports the original file of a source again (after it changed). */
  async reimport(engine: Engine, table: string): Promise<SourceInfo[]> {
    const row = this.row(table);
    if (!row) throw new InvalidArgumentError(`There is no source table "${table}".`);
    if (!row.original_path)
      throw new InvalidArgumentError(`Table "${table}" has no original file to re-import.`);
    return this.import(engine, row.original_path, { tableName: table });
  }

  remove(engine: Engine, table: string): Promise<void> {
    return this.serial(async () => {
      if (!this.row(table)) throw new InvalidArgumentError(`There is no source table "${table}".`);
      this.db.prepare('DELETE FROM sources WHERE table_name = ?').run(table);
      await engine.drop(table).catch(() => undefined);
      await this.collectGarbage();
    });
  }

  private queue: Promise<unknown> = Promise.resolve();

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private row(table: string): SourceRow | undefined {
    return this.db.prepare<[string], SourceRow>('SELECT * FROM sources WHERE table_name = ?').get(table);
  }

  private async status(row: SourceRow): Promise<SourceStatus> {
    if (!row.original_path) return 'no-original';
    const stat = await fs.stat(row.original_path).catch(() => undefined);
    if (!stat?.isFile()) return 'missing';
    if (stat.size === row.original_size && Math.round(stat.mtimeMs) === row.original_mtime) return 'ok';
    // Touched but maybe not changed: the hash decides.
    return (await hashFile(row.original_path)) === row.original_hash ? 'ok' : 'changed';
  }

  /** Writes a table to data/ as Parquet named by its hash; returns the path relative to the root. */
  private async writeParquet(engine: Engine, table: string): Promise<string> {
    const dir = path.join(this.root, 'data');
    await fs.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.import-${randomBytes(6).toString('hex')}.parquet`);
    try {
      await engine.query(
        `COPY (SELECT * FROM ${quoteIdent(table)}) TO ${quoteString(temp)} (FORMAT parquet, COMPRESSION zstd)`,
        { cache: false },
      );
      const name = `${await hashFile(temp)}.parquet`;
      await fs.rename(temp, path.join(dir, name));
      return path.join('data', name);
    } finally {
      await fs.rm(temp, { force: true });
    }
  }

  /** Deletes Parquet files no source refers to any more. */
  private async collectGarbage(): Promise<void> {
    const used = new Set(this.list().map((s) => path.basename(s.dataFile)));
    const dir = path.join(this.root, 'data');
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      // Names starting with a dot are imports in progress.
      if (!used.has(name) && !name.startsWith('.')) await fs.rm(path.join(dir, name), { force: true });
    }
  }
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function toInfo(row: SourceRow): SourceInfo {
  return {
    table: row.table_name,
    fileName: row.file_name,
    format: row.format,
    originalPath: row.original_path,
    dataFile: row.data_file,
    rowCount: row.row_count,
    columns: JSON.parse(row.columns) as { name: string; type: string }[],
    importedAt: row.imported_at,
  };
}
