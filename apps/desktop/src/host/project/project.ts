/**
 * One open project: the folder `Name.facet/` with `project.sqlite` (WAL) and `data/`.
 *
 *   Project ─ canvases   live Yjs documents, every change appended to the update log
 *           ├ history    versions, diff, restore, branches
 *           ├ sources    imported data as content-addressed Parquet in data/
 *           ├ runs       block runs through the native engine, results kept, history recorded
 *           ├ records    query history, favorites, notifications, settings, onboarding
 *           └ search     FTS5 over canvases, blocks, comments and columns
 *
 * The native DuckDB engine starts on first use, with every stored source attached.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type DocDiff,
  diffDocs,
  type Engine,
  InvalidArgumentError,
  type ResultChanges,
} from '@facet/engine/common';
import { openDatabase, type Db, type Durability } from '../store/database.ts';
import { type CompactionPolicy, DocLog } from '../store/doc-log.ts';
import { Records } from '../store/records.ts';
import { Uploads } from './uploads.ts';
import { ResultStore } from '../store/result-store.ts';
import { type SearchHit, SearchIndex } from '../store/search-index.ts';
import { type SourceInfo, SourceStore } from '../store/sources.ts';
import { VersionStore } from '../store/versions.ts';
import { BlockRuns } from './block-runs.ts';
import { Canvases } from './canvases.ts';
import { History } from './history.ts';

export interface ProjectOptions {
  durability?: Durability;
  compaction?: CompactionPolicy;
  /** Time between automatic checkpoints while editing (default 10 minutes). */
  checkpointEveryMs?: number;
  /** Starts the engine (default: native DuckDB from @facet/engine/node). */
  createEngine?: () => Promise<Engine>;
  /** Who is editing (version authors). Default: the OS user name. */
  author?: string;
}

export const DATABASE_FILE = 'project.sqlite';

/** A version diff plus the result numbers that changed, where both results are stored. */
export interface VersionDiff extends DocDiff {
  results: { id: string; block: string; changes: ResultChanges }[];
}

export class Project {
  readonly canvases: Canvases;
  readonly history: History;
  readonly sources: SourceStore;
  readonly records: Records;
  readonly runs: BlockRuns;
  /** Files arriving in chunks from a browser. */
  readonly uploads: Uploads;
  private readonly search: SearchIndex;
  private enginePromise: Promise<Engine> | undefined;
  private closed = false;

  private constructor(
    /** The project folder. */
    readonly dir: string,
    readonly db: Db,
    private readonly options: ProjectOptions,
  ) {
    // The canvases hold the live documents and compact from them (no log replay).
    const log = new DocLog(db, options.compaction, false);
    const versions = new VersionStore(db);
    this.search = new SearchIndex(db);
    this.records = new Records(db);
    this.sources = new SourceStore(db, dir);
    this.canvases = new Canvases(db, log, this.search, (id) => this.history.maybeCheckpoint(id));
    this.history = new History(this.canvases, versions, log, () => this.author, options.checkpointEveryMs);
    this.runs = new BlockRuns(() => this.engine(), new ResultStore(db), this.records, this.sources);
    this.uploads = new Uploads(dir);
  }

  /** Creates a project folder (which must not exist or be empty) with one empty canvas. */
  static create(dir: string, options: ProjectOptions & { name?: string } = {}): Project {
    const root = path.resolve(dir);
    if (fs.existsSync(root) && fs.readdirSync(root).length > 0) {
      throw new InvalidArgumentError(`${dir} already exists and is not empty.`);
    }
    fs.mkdirSync(path.join(root, 'data'), { recursive: true });
    const project = new Project(
      root,
      openDatabase(path.join(root, DATABASE_FILE), options.durability),
      options,
    );
    project.setMeta('name', options.name ?? projectNameOf(root));
    project.setMeta('createdAt', String(Date.now()));
    project.canvases.create('Canvas 1');
    return project;
  }

  /** Opens an existing project folder. */
  static open(dir: string, options: ProjectOptions = {}): Project {
    const root = path.resolve(dir);
    const file = path.join(root, DATABASE_FILE);
    if (!fs.existsSync(file))
      throw new InvalidArgumentError(`${dir} is not a Facet project (it has no ${DATABASE_FILE}).`);
    fs.mkdirSync(path.join(root, 'data'), { recursive: true });
    return new Project(root, openDatabase(file, options.durability), options);
  }

  static isProject(dir: string): boolean {
    return fs.existsSync(path.join(dir, DATABASE_FILE));
  }

  get name(): string {
    return this.meta('name') ?? projectNameOf(this.dir);
  }

  set name(name: string) {
    if (!name.trim()) throw new InvalidArgumentError('A project needs a name.');
    this.setMeta('name', name.trim());
  }

  get author(): string {
    const setting = this.records.setting('user.name');
    return this.options.author ?? (typeof setting === 'string' && setting.trim() ? setting : safeUserName());
  }

  /** The default canvas: the first one that is not a branch. */
  defaultCanvas(): string {
    const first = this.canvases.list()[0];
    if (!first) return this.canvases.create('Canvas 1').id;
    return first.id;
  }

  /** The project's engine, started on first use with every stored source attached. */
  engine(): Promise<Engine> {
    this.enginePromise ??= (async () => {
      const create =
        this.options.createEngine ?? (async () => (await import('@facet/engine/node')).createNativeEngine());
      const engine = await create();
      const { failed } = await this.sources.attach(engine);
      for (const f of failed) {
        this.records.notify('source-missing', `Table ${f.table} could not be loaded`, f.reason);
      }
      return engine;
    })();
    // A failed start is not kept: the next call tries again.
    this.enginePromise.catch(() => (this.enginePromise = undefined));
    return this.enginePromise;
  }

  /** Imports a data file into the project (see SourceStore.import). */
  async importFile(file: string, options: { tableName?: string; sheet?: string } = {}) {
    return this.indexed(await this.sources.import(await this.engine(), file, options));
  }

  /**
   * Imports a file given as bytes (from a browser). The bytes are written to a scratch file in the
   * project folder, imported (so the Parquet copy in data/ is what stays), and the scratch file is
   * removed; such a source has no original to check for changes.
   */
  async importBytes(
    fileName: string,
    bytes: Uint8Array,
    options: { tableName?: string; sheet?: string } = {},
  ) {
    const base = [...path.basename(String(fileName))].filter((ch) => ch.charCodeAt(0) >= 32).join('');
    if (!base || base === '.' || base === '..') throw new InvalidArgumentError('The file needs a name.');
    const scratch = fs.mkdtempSync(path.join(this.dir, '.upload-'));
    const file = path.join(scratch, base);
    try {
      fs.writeFileSync(file, bytes);
      return await this.importUploaded(file, options);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }

  /** Imports a file that came from the person's browser (it has no original to check later). */
  async importUploaded(file: string, options: { tableName?: string; sheet?: string } = {}) {
    return this.indexed(
      await this.sources.import(await this.engine(), file, { ...options, keepOriginal: false }),
    );
  }

  /** Makes imported tables and their columns searchable. */
  private indexed(imported: SourceInfo[]): SourceInfo[] {
    for (const source of imported) {
      this.search.indexSource(
        source.table,
        source.fileName,
        source.columns.map((c) => c.name),
      );
    }
    return imported;
  }

  async removeSource(table: string): Promise<void> {
    await this.sources.remove(await this.engine(), table);
    this.search.removeSource(table);
  }

  /**
   * What changed between two versions (or a version and `now`), including, for SQL blocks whose
   * results are stored for both states, which numbers changed.
   */
  diff(canvasId: string, from: string, to = 'now'): VersionDiff {
    const before = this.history.docAt(canvasId, from);
    const after = this.history.docAt(canvasId, to);
    const diff = diffDocs(before, after);
    const blocks = after.blocks().flatMap((b) => (b.type === 'sql' && before.block(b.id) ? [b] : []));
    const compared = this.runs.compareAll(
      before,
      after,
      blocks.map((b) => b.name),
    );
    const results: VersionDiff['results'] = [];
    for (const block of blocks) {
      const changes = compared.get(block.name);
      if (changes && (changes.changedCells > 0 || changes.rowsBefore !== changes.rowsAfter)) {
        results.push({ id: block.id, block: block.name, changes });
      }
    }
    return { ...diff, results };
  }

  /** Full-text search over the whole project. */
  searchText(text: string, limit?: number): SearchHit[] {
    this.canvases.refreshSearch();
    return this.search.search(text, limit);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.uploads.closeAll();
    this.canvases.closeAll();
    const engine = this.enginePromise;
    this.enginePromise = undefined;
    if (engine) await (await engine.catch(() => undefined))?.close().catch(() => undefined);
    this.db.close();
  }

  private meta(key: string): string | undefined {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM project WHERE key = ?').get(key)
      ?.value;
  }

  private setMeta(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO project (key, value) VALUES (?, ?)').run(key, value);
  }
}

/** `Sales.facet` → `Sales`. */
export function projectNameOf(dir: string): string {
  return path.basename(dir).replace(/\.facet$/i, '') || 'Untitled';
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'me';
  }
}
