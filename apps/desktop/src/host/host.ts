/**
 * The host: one open project at a time and the HostApi over it. Each connected renderer (an
 * Electron window, a web-mode WebSocket) gets a session: its own HostApi object, its document
 * subscriptions and its running queries. Updates a session pushes reach every other session
 * subscribed to that canvas, never the sender.
 */
/* eslint-disable @typescript-eslint/require-await -- HostApi methods are async so that every error
   becomes a rejection the transport can report, even where the work itself is synchronous. */
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import {
  type Engine,
  engineQueries,
  InvalidArgumentError,
  requireRequest,
  requireString,
  RunningRequests,
} from '@facet/engine/common';
import type { HostApi, HostEvents, ProjectSummary } from '../shared/host-api.ts';
import { exportTable } from './project/exports.ts';
import { Project, type ProjectOptions } from './project/project.ts';
import {
  SAMPLE_PROJECT_NAME,
  buildSampleCanvas,
  defaultSampleDataPath,
  importSampleData,
} from './project/sample.ts';
import { Projects } from './projects.ts';

export type EmitEvent = <E extends keyof HostEvents>(event: E, data: HostEvents[E]) => void;

export interface HostSession {
  api: HostApi;
  close(): void;
}

export interface HostOptions {
  /** Where projects are created by default (and listed from). */
  projectsRoot: string;
  projectOptions?: ProjectOptions;
  /** The sample dataset's CSV (default: from the vega-datasets package). */
  sampleDataPath?: string;
}

export class Host {
  readonly projects: Projects;
  private project: Project | undefined;
  private readonly sessions = new Set<{ id: symbol; subscribed: Set<string>; emit: EmitEvent }>();
  private unsubscribeUpdates: (() => void) | undefined;

  constructor(private readonly options: HostOptions) {
    this.projects = new Projects(options.projectsRoot);
  }

  /**
   * Opens a project folder (creating it when `create` is set and it does not exist). Opens run one
   * at a time, so two requests never leave two projects open.
   */
  openProject(dir: string, create = false): Promise<ProjectSummary> {
    const next = this.opening.then(
      () => this.openNow(dir, create),
      () => this.openNow(dir, create),
    );
    this.opening = next.catch(() => undefined);
    return next;
  }

  private opening: Promise<unknown> = Promise.resolve();

  private async openNow(dir: string, create: boolean): Promise<ProjectSummary> {
    const resolved = path.resolve(dir);
    if (this.project?.dir === resolved) return this.summary(this.project);
    const next =
      create && !Project.isProject(resolved)
        ? Project.create(resolved, this.options.projectOptions)
        : Project.open(resolved, this.options.projectOptions);
    await this.closeProject();
    this.project = next;
    this.unsubscribeUpdates = next.canvases.onUpdate((canvasId, update, origin) => {
      for (const session of this.sessions) {
        if (session.id !== origin && session.subscribed.has(canvasId))
          session.emit('doc-update', { canvasId, update });
      }
    });
    this.projects.touch(next.dir, next.name);
    return this.summary(next);
  }

  async closeProject(): Promise<void> {
    this.unsubscribeUpdates?.();
    this.unsubscribeUpdates = undefined;
    const project = this.project;
    this.project = undefined;
    await project?.close();
  }

  /** The open project; throws a readable error when there is none. */
  current(): Project {
    if (!this.project) throw new InvalidArgumentError('Open or create a project first.');
    return this.project;
  }

  session(emit: EmitEvent): HostSession {
    const state = { id: Symbol('session'), subscribed: new Set<string>(), emit };
    const requests = new RunningRequests();
    this.sessions.add(state);
    const api = this.api(state, requests);
    return {
      api,
      close: () => {
        requests.abortAll();
        this.project?.uploads.cancelOwnedBy(state.id);
        this.sessions.delete(state);
      },
    };
  }

  async close(): Promise<void> {
    this.sessions.clear();
    await this.closeProject();
  }

  /**
   * Creates (or opens) the sample project. One build at a time: a second request while the first is
   * importing gets the same result rather than a half-built project or a second copy of the blocks.
   */
  private createSample(current: () => Project): Promise<ProjectSummary> {
    this.sampleBuild ??= (async () => {
      const dir = this.projects.dirFor(SAMPLE_PROJECT_NAME, this.projects.root);
      if (Project.isProject(dir)) return this.openProject(dir);
      const summary = await this.openProject(dir, true);
      try {
        await buildSampleCanvas(current(), this.sampleData());
      } catch (error) {
        // A half-built sample is worse than none: the next request starts again.
        await this.closeProject();
        this.projects.delete(dir);
        throw error;
      }
      return summary;
    })().finally(() => (this.sampleBuild = undefined));
    return this.sampleBuild;
  }

  private sampleBuild: Promise<ProjectSummary> | undefined;

  private sampleData(): string | undefined {
    return this.options.sampleDataPath ?? defaultSampleDataPath();
  }

  private summary(project: Project): ProjectSummary {
    return { dir: project.dir, name: project.name, openedAt: Date.now() };
  }

  private api(session: { id: symbol; subscribed: Set<string> }, requests: RunningRequests): HostApi {
    const p = () => this.current();
    const engine = (): Promise<Engine> => p().engine();
    const queries = engineQueries(engine, requests);
    return {
      projects: {
        list: async () => this.projects.list(),
        create: async ({ name, parentDir }) => {
          requireString(name, 'name');
          if (parentDir !== undefined) requireString(parentDir, 'parentDir');
          const dir = this.projects.dirFor(name, parentDir ?? this.projects.root);
          if (Project.isProject(dir))
            throw new InvalidArgumentError(`A project named "${name}" already exists.`);
          return this.openProject(dir, true);
        },
        open: async (dir) => this.openProject(dir),
        current: async () => (this.project ? this.summary(this.project) : null),
        rename: async (dir, name) => {
          const wasOpen = this.project?.dir === path.resolve(dir);
          if (wasOpen) await this.closeProject();
          const target = this.projects.rename(path.resolve(dir), name);
          const project = Project.open(target, this.options.projectOptions);
          project.name = name;
          await project.close();
          return wasOpen ? this.openProject(target) : { dir: target, name };
        },
        duplicate: async (dir, name) => {
          const source = path.resolve(dir);
          if (this.project?.dir === source) this.project.db.pragma('wal_checkpoint(TRUNCATE)');
          const target = this.projects.duplicate(source, name);
          const copy = Project.open(target, this.options.projectOptions);
          copy.name = name;
          await copy.close();
          return { dir: target, name };
        },
        delete: async (dir) => {
          if (this.project?.dir === path.resolve(dir)) await this.closeProject();
          this.projects.delete(path.resolve(dir));
        },
        createSample: async () => this.createSample(p),
      },
      canvases: {
        list: async (options) => p().canvases.list(options),
        create: async (name) => p().canvases.create(name),
        rename: async (id, name) => p().canvases.rename(id, name),
        delete: async (id) => p().canvases.delete(id),
      },
      docs: {
        state: async (canvasId, stateVector) => p().canvases.encodeState(canvasId, stateVector),
        push: async (canvasId, update) => p().canvases.applyUpdate(canvasId, update, session.id),
        subscribe: async (canvasId) => {
          p().canvases.info(canvasId);
          session.subscribed.add(canvasId);
        },
        unsubscribe: async (canvasId) => {
          session.subscribed.delete(canvasId);
        },
      },
      sources: {
        list: async () => p().sources.list(),
        import: async (file, options) => p().importFile(file, options),
        upload: async (fileName, bytes, options) => p().importBytes(fileName, bytes, options),
        uploadStart: async (fileName, size) => {
          requireString(fileName, 'fileName');
          return p().uploads.start(fileName, size, session.id);
        },
        uploadChunk: async (id, offset, bytes) => {
          p().uploads.chunk(id, offset, bytes);
        },
        uploadFinish: async (id, options) => {
          const project = p();
          return project.uploads.finish(id, (file) => project.importUploaded(file, options));
        },
        uploadCancel: async (id) => p().uploads.cancel(id),
        check: async () => p().sources.check(),
        reimport: async (table) => p().sources.reimport(await engine(), table),
        remove: async (table) => p().removeSource(table),
        importSample: async () => importSampleData(p(), this.sampleData()),
      },
      engine: {
        ...queries,
        runBlock: async (canvasId, block, requestId) =>
          requests.run(requestId, async (signal) => {
            const run = await p().runs.run(canvasId, p().canvases.doc(canvasId), block, { signal });
            return {
              ipc: run.ipc,
              columns: run.columns,
              rowCount: run.rowCount,
              elapsedMs: run.elapsedMs,
              cached: run.cached,
            };
          }),
        queryCanvas: async (canvasId, sql, requestId) =>
          requests.run(requireRequest(sql, requestId), async (signal) => {
            const run = await p().runs.query(p().canvases.doc(canvasId), sql, { signal });
            return {
              ipc: run.ipc,
              columns: run.columns,
              rowCount: run.rowCount,
              elapsedMs: run.elapsedMs,
              cached: run.cached,
            };
          }),
        exportBlock: async (canvasId, block, format) => {
          const run = await p().runs.run(canvasId, p().canvases.doc(canvasId), block);
          const bytes = await exportTable(await engine(), tableFromIPC(run.ipc), format);
          return { fileName: `${block}.${format}`, bytes };
        },
        tables: async () => (await engine()).tables(),
        profile: async (table) => (await engine()).profile(table),
        validate: async (sql) => (await engine()).validate(sql),
        cancel: async (requestId) => requests.cancel(requestId),
      },
      versions: {
        list: async (canvasId) => p().history.list(canvasId),
        create: async (canvasId, input) => {
          requireString(input.message, 'message');
          if (input.tag !== undefined) requireString(input.tag, 'tag');
          return p().history.create(canvasId, input);
        },
        diff: async (canvasId, from, to) => p().diff(canvasId, from, to ?? 'now'),
        restore: async (canvasId, versionId) => p().history.restore(canvasId, versionId),
      },
      branches: {
        list: async (canvasId) => p().canvases.branches(canvasId),
        fork: async (canvasId, name, atVersion) => p().history.fork(canvasId, name, atVersion),
        merge: async (branchId) => p().history.merge(branchId),
      },
      search: {
        query: async (text, limit) => p().searchText(text, limit),
      },
      history: {
        list: async (options) => p().records.history(options),
      },
      settings: {
        get: async () => p().records.settings(),
        set: async (key, value) => p().records.setSetting(key, value),
      },
      onboarding: {
        get: async () => p().records.onboarding(),
        complete: async (step) => {
          requireString(step, 'step');
          p().records.completeStep(step);
        },
        reset: async () => p().records.resetOnboarding(),
      },
    } satisfies HostApi;
  }
}
