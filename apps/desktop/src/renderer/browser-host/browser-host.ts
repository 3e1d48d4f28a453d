/**
 * The browser app's host: the whole HostApi with no process behind it. Projects live in this
 * browser (IndexedDB, OPFS); queries run in DuckDB-WASM in a Web Worker. One project is open at a
 * time per tab; a reload reopens the tab's project (kept in sessionStorage), and a new tab opens
 * the most recently opened one.
 *
 *   page (Root, App) ─ api: HostApi ─► BrowserHost ─► BrowserProject ─► IndexedDB, OPFS, DuckDB-WASM
 *                    ◄─ on('doc-update') ── changes made here (restore, merge) or in other tabs
 */
import { type Engine, InvalidArgumentError } from '@facet/engine/common';
import type { HostApi, HostEventName, HostEvents, ProjectSummary } from '../../shared/host-api.ts';
import { createBrowserApi } from './browser-api.ts';
import { BlobStore } from './blob-store.ts';
import { BrowserProject, type BrowserProjectOptions } from './browser-project.ts';
import { randomId } from './canvas-store.ts';
import { copyProjectDb, deleteProjectDb, openProjectDb } from './project-db.ts';
import { Uploads } from './uploads.ts';
import { checkProjectName, ProjectRegistry, type ProjectRecord, summaryOf } from './project-registry.ts';

export type HostOn = <E extends HostEventName>(
  event: E,
  listener: (data: HostEvents[E]) => void,
) => () => void;

export interface BrowserHostOptions {
  /** Starts a query engine for a project (DuckDB-WASM; see engine-assets.ts). */
  startEngine: () => Promise<Engine>;
  /** The sample dataset's CSV bytes (fetched from beside the page). */
  sampleData?: () => Promise<Uint8Array>;
  /** Name of the registry database (tests use their own). */
  registryName?: string;
  /** Reopen the tab's (or the last) project on start (default true). */
  reopen?: boolean;
  project?: BrowserProjectOptions;
}

const TAB_PROJECT = 'facet.project';

/** The project this tab had open (sessionStorage survives a reload); sets it when given one. */
function tabProject(id?: string): string | null {
  try {
    if (id !== undefined) sessionStorage.setItem(TAB_PROJECT, id);
    return sessionStorage.getItem(TAB_PROJECT);
  } catch {
    return null; // storage refused (a sandboxed frame): a new tab's rules apply
  }
}

export class BrowserHost {
  readonly api: HostApi;
  /** Identifies the page's own updates, which are not echoed back to it. */
  readonly session = Symbol('page');
  readonly subscribed = new Set<string>();
  /** Files being sent in pieces to the open project. */
  readonly uploads = new Uploads();
  private project: BrowserProject | undefined;
  private record: ProjectRecord | undefined;
  private readonly listeners = new Map<string, Set<(data: never) => void>>();
  private stopUpdates: (() => void) | undefined;
  private opening: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly registry: ProjectRegistry,
    readonly options: BrowserHostOptions,
  ) {
    this.api = createBrowserApi(this);
  }

  static async start(options: BrowserHostOptions): Promise<BrowserHost> {
    const host = new BrowserHost(await ProjectRegistry.open(options.registryName), options);
    if (options.reopen !== false) {
      const wanted = tabProject();
      const tab = wanted ? await host.registry.get(wanted) : undefined;
      const last = tab ?? (await host.registry.list())[0];
      if (last)
        await host.openProject(last.id).catch((e: unknown) => console.warn('[facet] reopen failed', e));
    }
    return host;
  }

  /** Listens to host events (`doc-update`). */
  on: HostOn = (event, listener) => {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  };

  /** The open project; throws a readable error when there is none. */
  current(): BrowserProject {
    if (!this.project) throw new InvalidArgumentError('Open or create a project first.');
    return this.project;
  }

  summary(): ProjectSummary | null {
    return this.record ? summaryOf(this.record) : null;
  }

  /** Opens a project by id; opens run one at a time. */
  openProject(id: string): Promise<ProjectSummary> {
    const next = this.opening.then(
      () => this.openNow(id),
      () => this.openNow(id),
    );
    this.opening = next.catch(() => undefined);
    return next;
  }

  /** Creates a project (with one empty canvas) and opens it. */
  async createProject(name: string): Promise<ProjectSummary> {
    const record: ProjectRecord = { id: randomId(), name: checkProjectName(name), createdAt: Date.now() };
    await this.registry.add(record);
    try {
      const db = await openProjectDb(record.id);
      const project = new BrowserProject(record.id, db, this.options.startEngine, this.options.project);
      try {
        await project.canvases.create('Canvas 1');
      } finally {
        project.canvases.close();
        db.close();
      }
    } catch (error) {
      await this.deleteProject(record.id).catch(() => undefined);
      throw error;
    }
    return this.openProject(record.id);
  }

  async duplicateProject(id: string, name: string): Promise<ProjectSummary> {
    const source = await this.registry.require(`browser:${id}`);
    const copy: ProjectRecord = { id: randomId(), name: checkProjectName(name), createdAt: Date.now() };
    await this.registry.add(copy);
    try {
      await this.project?.canvases.flush();
      const [from, to] = await Promise.all([openProjectDb(source.id), openProjectDb(copy.id)]);
      try {
        await copyProjectDb(from, to);
        await new BlobStore(from, source.id).copyTo(new BlobStore(to, copy.id));
      } finally {
        from.close();
        to.close();
      }
    } catch (error) {
      await this.deleteProject(copy.id).catch(() => undefined);
      throw error;
    }
    return summaryOf(copy);
  }

  async deleteProject(id: string): Promise<void> {
    if (this.record?.id === id) await this.closeProject();
    await deleteProjectDb(id);
    await BlobStore.deleteProject(id);
    await this.registry.remove(id);
  }

  async renameProject(id: string, name: string): Promise<ProjectSummary> {
    const renamed = await this.registry.rename(id, name);
    if (this.record?.id === id) this.record = renamed;
    return summaryOf(renamed);
  }

  async closeProject(): Promise<void> {
    this.stopUpdates?.();
    this.stopUpdates = undefined;
    this.subscribed.clear();
    this.uploads.cancelAll();
    const project = this.project;
    this.project = undefined;
    this.record = undefined;
    await project?.close();
  }

  async close(): Promise<void> {
    await this.closeProject();
    this.registry.close();
  }

  private async openNow(id: string): Promise<ProjectSummary> {
    const record = await this.registry.require(`browser:${id}`);
    if (this.record?.id === record.id) return summaryOf(this.record);
    await this.closeProject();
    const project = new BrowserProject(
      record.id,
      await openProjectDb(record.id),
      this.options.startEngine,
      this.options.project,
    );
    this.project = project;
    this.record = record;
    this.stopUpdates = project.canvases.onUpdate((canvasId, update, origin) => {
      if (origin !== this.session && this.subscribed.has(canvasId))
        this.emit('doc-update', { canvasId, update });
    });
    await this.registry.touch(record.id);
    tabProject(record.id);
    // Start DuckDB now, while the page draws: the first query then does not wait for it.
    void project.engine().catch((e: unknown) => console.warn('[facet] the engine did not start', e));
    return summaryOf(record);
  }

  private emit<E extends HostEventName>(event: E, data: HostEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as (d: HostEvents[E]) => void)(data);
      } catch (error) {
        console.error('[facet] event listener failed', error);
      }
    }
  }
}
