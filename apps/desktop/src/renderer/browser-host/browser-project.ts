/**
 * One open browser project: its IndexedDB database and OPFS folder, and the services over them.
 *
 *   BrowserProject ─ canvases   live Yjs documents; each change committed to the update log
 *                  ├ history    versions, diff, restore, branches
 *                  ├ sources    imported files (bytes in OPFS) registered with the engine
 *                  ├ runs       block runs, results kept, query history recorded
 *                  ├ records    query history, settings, the tour's progress
 *                  └ search     an inverted index over canvases, blocks, comments and columns
 *
 * The project's engine (DuckDB-WASM in a Web Worker) starts on first use, with every stored
 * source registered again, and is closed with the project.
 */
import { diffDocs, type Engine, InvalidArgumentError } from '@facet/engine/common';
import type { SearchResult, SourceSummary, VersionDiffReply } from '../../shared/host-api.ts';
import { BlobStore } from './blob-store.ts';
import { BlockRuns } from './block-runs.ts';
import { CanvasStore } from './canvas-store.ts';
import { req, transact, values } from './idb.ts';
import { projectDbName } from './project-db.ts';
import { Records } from './records.ts';
import { canvasEntries, sourceEntry } from './search-entries.ts';
import { type SearchEntry, SearchIndex } from './search-index.ts';
import { SourceStore } from './source-store.ts';
import { type CompactionPolicy, UpdateLog } from './update-log.ts';
import { VersionHistory } from './version-history.ts';

interface SearchGroup {
  key: string;
  indexedAt: number;
  entries: SearchEntry[];
}

export interface BrowserProjectOptions {
  compaction?: CompactionPolicy;
  checkpointEveryMs?: number;
}

export class BrowserProject {
  readonly canvases: CanvasStore;
  readonly history: VersionHistory;
  readonly sources: SourceStore;
  readonly records: Records;
  readonly runs: BlockRuns;
  private readonly index = new SearchIndex();
  private searchLoaded = false;
  private attached: Promise<Engine> | undefined;

  constructor(
    readonly id: string,
    readonly db: IDBDatabase,
    private readonly startEngine: () => Promise<Engine>,
    options: BrowserProjectOptions = {},
  ) {
    this.records = new Records(db);
    this.sources = new SourceStore(db, new BlobStore(db, id));
    const log = new UpdateLog(db, options.compaction);
    this.canvases = new CanvasStore(db, log, projectDbName(id), (canvasId) =>
      this.history.maybeCheckpoint(canvasId),
    );
    this.history = new VersionHistory(db, this.canvases, () => this.author(), options.checkpointEveryMs);
    this.runs = new BlockRuns(
      db,
      () => this.engine(),
      this.records,
      () => this.sources.records(),
    );
  }

  /** Who is editing (version authors): the `user.name` setting, else "me". */
  async author(): Promise<string> {
    const name = await this.records.setting('user.name');
    return typeof name === 'string' && name.trim() ? name.trim() : 'me';
  }

  /** The engine with this project's sources registered (once per open project). */
  engine(): Promise<Engine> {
    this.attached ??= (async () => {
      const engine = await this.startEngine();
      for (const f of await this.sources.attach(engine))
        console.warn(`[facet] table ${f.table} could not be loaded: ${f.reason}`);
      return engine;
    })();
    this.attached.catch(() => (this.attached = undefined));
    return this.attached;
  }

  async upload(fileName: string, bytes: Uint8Array, options?: { tableName?: string; sheet?: string }) {
    const imported = await this.sources.upload(await this.engine(), fileName, bytes, options);
    for (const s of imported) await this.indexSource(s);
    return imported.map(({ blob: _b, options: _o, ...summary }) => summary);
  }

  async removeSource(table: string): Promise<void> {
    await this.sources.remove(await this.engine(), table);
    await this.storeGroup(`source:${table}`, undefined);
  }

  /** What changed between two versions (or a version and `now`), with changed numbers in kept results. */
  async diff(canvasId: string, from: string, to = 'now'): Promise<VersionDiffReply> {
    await this.canvases.settled(canvasId);
    const before = await this.history.docAt(canvasId, from);
    const after = await this.history.docAt(canvasId, to);
    try {
      const diff = diffDocs(before, after);
      const blocks = after.blocks().flatMap((b) => (b.type === 'sql' && before.block(b.id) ? [b] : []));
      const compared = await this.runs.compareAll(
        before,
        after,
        blocks.map((b) => b.name),
      );
      const results: VersionDiffReply['results'] = [];
      for (const block of blocks) {
        const changes = compared.get(block.name);
        if (changes && (changes.changedCells > 0 || changes.rowsBefore !== changes.rowsAfter))
          results.push({ id: block.id, block: block.name, changes });
      }
      return { ...diff, results };
    } finally {
      before.destroy();
      after.destroy();
    }
  }

  /** Searches the whole project, re-indexing canvases changed since they were last indexed. */
  async search(text: string, limit = 20): Promise<SearchResult[]> {
    if (typeof text !== 'string') throw new InvalidArgumentError('Search for some text.');
    await this.canvases.flush().catch(() => undefined); // what was typed before the search counts
    const groups = await transact(this.db, 'search', 'readonly', (tx) =>
      values<SearchGroup>(tx.objectStore('search')),
    );
    const indexedAt = new Map(groups.map((g) => [g.key, g.indexedAt]));
    if (!this.searchLoaded) {
      for (const g of groups) this.index.replace(g.key, g.entries);
      this.searchLoaded = true;
    }
    const canvases = await this.canvases.records();
    const alive = new Set(canvases.map((c) => `canvas:${c.id}`));
    for (const key of this.index.groups())
      if (key.startsWith('canvas:') && !alive.has(key)) this.index.remove(key);
    for (const c of canvases) {
      const key = `canvas:${c.id}`;
      // Fresh only when indexed strictly after the last change (a change in the same ms re-indexes).
      if ((indexedAt.get(key) ?? -1) > c.updatedAt && this.index.has(key)) continue;
      const at = Date.now();
      const entries = canvasEntries(c.id, c.name, await this.canvases.doc(c.id));
      await this.storeGroup(key, { key, indexedAt: at, entries });
    }
    return this.index.search(text, typeof limit === 'number' ? limit : 20);
  }

  async close(): Promise<void> {
    await this.canvases.flush().catch(() => undefined);
    this.canvases.close();
    const engine = this.attached;
    this.attached = undefined;
    await (await engine?.catch(() => undefined))?.close().catch(() => undefined);
    this.db.close();
  }

  private async indexSource(source: SourceSummary): Promise<void> {
    const entry = sourceEntry(
      source.table,
      source.fileName,
      source.columns.map((c) => c.name),
    );
    const key = `source:${source.table}`;
    await this.storeGroup(key, { key, indexedAt: Date.now(), entries: [entry] });
  }

  /** Replaces a group in the index and in storage (`undefined` removes it). */
  private async storeGroup(key: string, group: SearchGroup | undefined): Promise<void> {
    if (group) this.index.replace(key, group.entries);
    else this.index.remove(key);
    await transact(this.db, 'search', 'readwrite', async (tx) => {
      const store = tx.objectStore('search');
      if (group) store.put(group);
      else if ((await req(store.count(key))) > 0) store.delete(key);
    });
  }
}
