/**
 * Imported data in a browser project. A file arrives as bytes (the file chooser, a drop); the
 * engine reads it (all or nothing, with engine/common's readers), the bytes are kept in the blob
 * store by their hash, and each table it became is recorded. Opening the project registers every
 * kept file again, in import order, so later imports win where names collide.
 */
import { type Engine, InvalidArgumentError } from '@facet/engine/common';
import type { SourceCheck, SourceSummary } from '../../shared/host-api.ts';
import type { BlobStore } from './blob-store.ts';
import { req, transact, values } from './idb.ts';

/** A source table as stored: the contract's summary plus how to register its file again. */
export interface SourceRecord extends SourceSummary {
  /** SHA-256 of the file's bytes in the blob store. */
  blob: string;
  /** The options it was imported with (one file may make several tables). */
  options: { tableName?: string; sheet?: string };
}

export class SourceStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: IDBDatabase,
    private readonly blobs: BlobStore,
  ) {}

  /** Imports a file's bytes; importing a table name that exists replaces that table. */
  upload(
    engine: Engine,
    fileName: string,
    bytes: Uint8Array,
    options: { tableName?: string; sheet?: string } = {},
  ): Promise<SourceRecord[]> {
    return this.serial(async () => {
      const name = checkFileName(fileName);
      if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('The file must arrive as bytes.');
      const importOptions = {
        ...(options.tableName ? { tableName: String(options.tableName) } : {}),
        ...(options.sheet ? { sheet: String(options.sheet) } : {}),
      };
      const tables = await engine.register({ name, bytes, ...importOptions });
      let records: SourceRecord[];
      try {
        const blob = await this.blobs.put(bytes);
        const importedAt = Date.now();
        records = tables.map((t) => ({
          table: t.name,
          fileName: name,
          format: t.format ?? null,
          originalPath: null,
          rowCount: t.rowCount,
          columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
          importedAt,
          blob,
          options: importOptions,
        }));
        await transact(this.db, 'sources', 'readwrite', (tx) => {
          for (const record of records) tx.objectStore('sources').put(record);
        });
      } catch (error) {
        // Not kept, so not imported: the tables would be gone after a reload anyway.
        for (const t of tables) await engine.drop(t.name).catch(() => undefined);
        throw error;
      }
      await this.collectGarbage();
      return records;
    });
  }

  /**
   * Registers every kept file with the engine. A file that is missing or unreadable is reported
   * and skipped, so the rest of the project keeps working; tables a file makes that were since
   * removed are dropped again.
   */
  async attach(engine: Engine): Promise<{ table: string; reason: string }[]> {
    const records = (await this.records()).sort((a, b) => a.importedAt - b.importedAt);
    const wanted = new Set(records.map((r) => r.table));
    const failed: { table: string; reason: string }[] = [];
    const groups = new Map<string, SourceRecord[]>();
    for (const r of records) {
      const key = JSON.stringify([r.blob, r.fileName, r.options]);
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const group of groups.values()) {
      const first = group[0] as SourceRecord;
      try {
        const bytes = await this.blobs.get(first.blob);
        if (!bytes) throw new Error(`the stored copy of ${first.fileName} is missing`);
        // The same name and bytes are detected as the same format as on the first import.
        const made = await engine.register({ name: first.fileName, bytes, ...first.options });
        for (const t of made) if (!wanted.has(t.name)) await engine.drop(t.name).catch(() => undefined);
      } catch (error) {
        for (const r of group) failed.push({ table: r.table, reason: (error as Error).message });
      }
    }
    return failed;
  }

  async list(): Promise<SourceSummary[]> {
    return (await this.records()).map(summary);
  }

  records(): Promise<SourceRecord[]> {
    return transact(this.db, 'sources', 'readonly', (tx) => values<SourceRecord>(tx.objectStore('sources')));
  }

  /** Files that came from the browser have no original on disk to compare with. */
  async check(): Promise<SourceCheck[]> {
    return (await this.records()).map((r) => ({ table: r.table, status: 'no-original', originalPath: null }));
  }

  async reimport(table: string): Promise<never> {
    if (!(await this.get(table))) throw new InvalidArgumentError(`There is no source table "${table}".`);
    throw new InvalidArgumentError(
      `Table "${table}" came from a file picked in the browser, which keeps no link to the original: import the file again to update it.`,
    );
  }

  remove(engine: Engine, table: string): Promise<void> {
    return this.serial(async () => {
      if (!(await this.get(table))) throw new InvalidArgumentError(`There is no source table "${table}".`);
      await transact(this.db, 'sources', 'readwrite', (tx) => void tx.objectStore('sources').delete(table));
      await engine.drop(table).catch(() => undefined);
      await this.collectGarbage();
    });
  }

  private get(table: string): Promise<SourceRecord | undefined> {
    return transact(this.db, 'sources', 'readonly', (tx) =>
      req(tx.objectStore('sources').get(String(table)) as IDBRequest<SourceRecord | undefined>),
    );
  }

  /** Deletes stored files no source refers to any more. */
  private async collectGarbage(): Promise<void> {
    await this.blobs.retain(new Set((await this.records()).map((r) => r.blob)));
  }

  /**
   * Imports and removals run one at a time, so garbage collection never races an import — also
   * across tabs of the same project (a Web Lock named after its database), where one tab's
   * collection could otherwise delete the bytes another tab has stored but not yet recorded.
   */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    const run = (): Promise<T> =>
      locks ? (locks.request(`${this.db.name}:sources`, work) as Promise<T>) : work();
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function summary(record: SourceRecord): SourceSummary {
  const { blob: _blob, options: _options, ...rest } = record;
  return rest;
}

/** A file's base name without control characters; refuses names that are empty or a folder. */
function checkFileName(fileName: string): string {
  const base = String(fileName ?? '')
    .split(/[\\/]/)
    .pop();
  const clean = [...(base ?? '')].filter((ch) => ch.charCodeAt(0) >= 32).join('');
  if (!clean || clean === '.' || clean === '..') throw new InvalidArgumentError('The file needs a name.');
  return clean;
}
