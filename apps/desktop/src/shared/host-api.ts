/**
 * HostApi: everything the renderer asks of the host, declared once. The host implements it
 * (`satisfies HostApi`); transports carry it unchanged — Electron IPC in the desktop app, a
 * WebSocket on 127.0.0.1 in web mode. Every call is async; bytes (Arrow IPC results, Yjs updates)
 * travel as Uint8Array. Types only: nothing here runs.
 */
import type {
  ColumnInfo,
  DocDiff,
  MergeReport,
  ResultChanges,
  TableInfo,
  TableProfile,
  ValidationResult,
} from '@facet/engine/common';

export interface ProjectSummary {
  /** The project folder (`…/Name.facet`). */
  dir: string;
  name: string;
  /** Milliseconds since the epoch it was last opened, when known. */
  openedAt?: number;
}

export interface CanvasSummary {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** For a branch: the canvas it was forked from, and the version it was forked at. */
  branchOf?: string;
  forkVersion?: string;
  mergedAt?: number;
}

export interface SourceSummary {
  table: string;
  fileName: string;
  format: string | null;
  originalPath: string | null;
  rowCount: number;
  columns: { name: string; type: string }[];
  importedAt: number;
}

export interface SourceCheck {
  table: string;
  status: 'ok' | 'missing' | 'changed' | 'no-original';
  originalPath: string | null;
}

/** A query's result: Arrow IPC stream bytes plus what the UI shows without decoding them. */
export interface QueryReply {
  ipc: Uint8Array;
  columns: ColumnInfo[];
  rowCount: number;
  elapsedMs: number;
  cached: boolean;
  /** For pages: rows in the whole result, when asked for. */
  totalRows?: number;
}

export interface QueryRequest {
  sql: string;
  params?: Record<string, string | number | boolean | null>;
  timeoutMs?: number;
  /** Lets `engine.cancel(requestId)` stop it. */
  requestId?: string;
}

export interface VersionSummary {
  id: string;
  canvasId: string;
  kind: 'named' | 'auto' | 'restore' | 'merge' | 'fork';
  message: string;
  author: string;
  tag?: string;
  createdAt: number;
  details?: unknown;
}

export interface VersionDiffReply extends DocDiff {
  results: { id: string; block: string; changes: ResultChanges }[];
}

export interface SearchResult {
  kind: 'canvas' | 'block' | 'comment' | 'source';
  ref: string;
  canvasId: string | null;
  title: string;
  snippet: { text: string; match: boolean }[];
}

export interface HistoryEntry {
  id: number;
  canvasId: string | null;
  block: string | null;
  sql: string;
  startedAt: number;
  durationMs: number | null;
  rowCount: number | null;
  error: string | null;
}

export interface HostApi {
  projects: {
    /** Projects in the projects folder and recently opened ones, most recent first. */
    list(): Promise<ProjectSummary[]>;
    /** Creates `Name.facet` (in `parentDir`, default the projects folder) and opens it. */
    create(input: { name: string; parentDir?: string }): Promise<ProjectSummary>;
    open(dir: string): Promise<ProjectSummary>;
    /** The open project, if any. */
    current(): Promise<ProjectSummary | null>;
    rename(dir: string, name: string): Promise<ProjectSummary>;
    duplicate(dir: string, name: string): Promise<ProjectSummary>;
    /** Deletes the project folder (the UI confirms first). */
    delete(dir: string): Promise<void>;
    /**
     * Creates and opens the sample project (Seattle weather, with a canvas of queries and charts);
     * opens it when it already exists.
     */
    createSample(): Promise<ProjectSummary>;
  };
  canvases: {
    list(options?: { branches?: boolean }): Promise<CanvasSummary[]>;
    create(name: string): Promise<CanvasSummary>;
    rename(id: string, name: string): Promise<void>;
    delete(id: string): Promise<void>;
  };
  docs: {
    /** What the caller lacks of a canvas, given its Yjs state vector (everything without one). */
    state(canvasId: string, stateVector?: Uint8Array): Promise<Uint8Array>;
    /** Stores and applies a Yjs update from the caller. */
    push(canvasId: string, update: Uint8Array): Promise<void>;
    /** Starts `doc-update` events for a canvas (updates made by others than the caller). */
    subscribe(canvasId: string): Promise<void>;
    unsubscribe(canvasId: string): Promise<void>;
  };
  sources: {
    list(): Promise<SourceSummary[]>;
    import(path: string, options?: { tableName?: string; sheet?: string }): Promise<SourceSummary[]>;
    /** Imports a file's bytes (a browser's file chooser or drop gives bytes, not a path). */
    upload(
      fileName: string,
      bytes: Uint8Array,
      options?: { tableName?: string; sheet?: string },
    ): Promise<SourceSummary[]>;
    /**
     * A file sent in pieces (big files, with progress and cancel): start with its name and size,
     * send chunks in order (`offset` = bytes sent before; at most 16 MiB each), then finish to
     * import it, or cancel.
     */
    uploadStart(fileName: string, size: number): Promise<string>;
    uploadChunk(id: string, offset: number, bytes: Uint8Array): Promise<void>;
    uploadFinish(id: string, options?: { tableName?: string; sheet?: string }): Promise<SourceSummary[]>;
    uploadCancel(id: string): Promise<void>;
    check(): Promise<SourceCheck[]>;
    reimport(table: string): Promise<SourceSummary[]>;
    remove(table: string): Promise<void>;
    /** Imports the sample dataset (table `seattle_weather`) into the open project. */
    importSample(): Promise<SourceSummary[]>;
  };
  engine: {
    query(request: QueryRequest): Promise<QueryReply>;
    page(request: QueryRequest & { offset: number; limit: number; withTotal?: boolean }): Promise<QueryReply>;
    /** A block's result as a file: `{ fileName, bytes }` (CSV, Parquet, JSON or Excel). */
    exportBlock(
      canvasId: string,
      block: string,
      format: 'csv' | 'parquet' | 'json' | 'xlsx',
    ): Promise<{ fileName: string; bytes: Uint8Array }>;
    /** Runs a canvas's SQL block with what it reads (results kept in the project). */
    runBlock(canvasId: string, block: string, requestId?: string): Promise<QueryReply>;
    /**
     * Runs SQL that reads the canvas's SQL blocks by name (a chart's aggregate query, say): the
     * blocks it reads are compiled in as CTEs and controls bound, as for runBlock.
     */
    queryCanvas(canvasId: string, sql: string, requestId?: string): Promise<QueryReply>;
    tables(): Promise<TableInfo[]>;
    profile(table: string): Promise<TableProfile>;
    validate(sql: string): Promise<ValidationResult>;
    cancel(requestId: string): Promise<boolean>;
  };
  versions: {
    list(canvasId: string): Promise<VersionSummary[]>;
    create(canvasId: string, input: { message: string; tag?: string }): Promise<VersionSummary>;
    /** From a version to another or to `now`; `results` lists numbers changed in stored results. */
    diff(canvasId: string, from: string, to?: string): Promise<VersionDiffReply>;
    restore(canvasId: string, versionId: string): Promise<VersionSummary>;
  };
  branches: {
    list(canvasId: string): Promise<CanvasSummary[]>;
    fork(canvasId: string, name: string, atVersion?: string): Promise<CanvasSummary>;
    merge(branchId: string): Promise<{ version: VersionSummary; report: MergeReport }>;
  };
  search: {
    query(text: string, limit?: number): Promise<SearchResult[]>;
  };
  history: {
    list(options?: { limit?: number; canvasId?: string }): Promise<HistoryEntry[]>;
  };
  settings: {
    get(): Promise<Record<string, unknown>>;
    set(key: string, value: unknown): Promise<void>;
  };
  /** The guided tour's progress, kept in the project: step name → when it was done (ms). */
  onboarding: {
    get(): Promise<Record<string, number>>;
    complete(step: string): Promise<void>;
    /** Forgets the progress, so the tour starts again. */
    reset(): Promise<void>;
  };
}

/** Events the host sends to a connected renderer. */
export interface HostEvents {
  'doc-update': { canvasId: string; update: Uint8Array };
}

export type HostEventName = keyof HostEvents;
