/**
 * The HostApi of the browser app, over a BrowserHost. Each method checks what it is given (the
 * page is the only caller, but a bad argument must read as a clear error, never a crash) and
 * delegates to the open project. Queries can be cancelled by request id.
 */
/* eslint-disable @typescript-eslint/require-await -- HostApi methods are async so that every error
   becomes a rejection, even where the work itself is synchronous. */
import { tableFromIPC } from 'apache-arrow';
import {
  engineQueries,
  InvalidArgumentError,
  requireRequest,
  requireString,
  RunningRequests,
} from '@facet/engine/common';
import type { HostApi } from '../../shared/host-api.ts';
import type { BrowserHost } from './browser-host.ts';
import { EXPORT_FORMATS, exportTable } from './exports.ts';
import { idOf, summaryOf } from './project-registry.ts';
import { createSampleProject, importSampleData } from './sample-project.ts';

export function createBrowserApi(host: BrowserHost): HostApi {
  const p = () => host.current();
  const engine = () => p().engine();
  const requests = new RunningRequests();
  const queries = engineQueries(engine, requests);
  const project = (dir: string): string => {
    requireString(dir, 'dir');
    const id = idOf(dir);
    if (id === undefined) throw new InvalidArgumentError(`${dir} is not a Facet project in this browser.`);
    return id;
  };
  const runBlock = async (canvasId: string, block: string, signal?: AbortSignal) => {
    requireString(canvasId, 'canvasId');
    requireString(block, 'block');
    return p().runs.run(canvasId, await p().canvases.settled(canvasId), block, signal ? { signal } : {});
  };

  return {
    projects: {
      list: async () => (await host.registry.list()).map(summaryOf),
      create: async ({ name, parentDir }) => {
        requireString(name, 'name');
        if (parentDir !== undefined)
          throw new InvalidArgumentError(
            'The browser app keeps projects in this browser; it has no folders.',
          );
        return host.createProject(name);
      },
      open: async (dir) => host.openProject(project(dir)),
      current: async () => host.summary(),
      rename: async (dir, name) => {
        requireString(name, 'name');
        return host.renameProject(project(dir), name);
      },
      duplicate: async (dir, name) => {
        requireString(name, 'name');
        return host.duplicateProject(project(dir), name);
      },
      delete: async (dir) => host.deleteProject(project(dir)),
      createSample: async () => createSampleProject(host),
    },
    canvases: {
      list: async (options) => p().canvases.list(options ?? {}),
      create: async (name) => p().canvases.create(name),
      rename: async (id, name) => p().canvases.rename(id, name),
      delete: async (id) => p().canvases.delete(id),
    },
    docs: {
      state: async (canvasId, stateVector) => {
        await p().canvases.settled(canvasId);
        return p().canvases.encodeState(canvasId, stateVector);
      },
      push: async (canvasId, update) => p().canvases.applyUpdate(canvasId, update, host.session),
      subscribe: async (canvasId) => {
        await p().canvases.info(canvasId);
        host.subscribed.add(canvasId);
      },
      unsubscribe: async (canvasId) => void host.subscribed.delete(canvasId),
    },
    sources: {
      list: async () => p().sources.list(),
      import: async () => {
        throw new InvalidArgumentError(
          'The browser app cannot open files by path: use "Import data" to pick them, or drop them on the canvas.',
        );
      },
      upload: async (fileName, bytes, options) => p().upload(fileName, bytes, options),
      uploadStart: async (fileName, size) => {
        p();
        return host.uploads.start(fileName, size);
      },
      uploadChunk: async (id, offset, bytes) => void host.uploads.chunk(id, offset, bytes),
      uploadFinish: async (id, options) => {
        const { fileName, bytes } = host.uploads.finish(id);
        return p().upload(fileName, bytes, options);
      },
      uploadCancel: async (id) => host.uploads.cancel(id),
      check: async () => p().sources.check(),
      reimport: async (table) => p().sources.reimport(table),
      remove: async (table) => p().removeSource(table),
      importSample: async () => importSampleData(host),
    },
    engine: {
      ...queries,
      runBlock: async (canvasId, block, requestId) =>
        requests.run(requestId, async (signal) => {
          const { sql: _sql, ...run } = await runBlock(canvasId, block, signal);
          return run;
        }),
      queryCanvas: async (canvasId, sql, requestId) =>
        requests.run(requireRequest(sql, requestId), async (signal) => {
          requireString(canvasId, 'canvasId');
          const { sql: _sql, ...run } = await p().runs.query(await p().canvases.settled(canvasId), sql, {
            signal,
          });
          return run;
        }),
      exportBlock: async (canvasId, block, format) => {
        if (!(EXPORT_FORMATS as readonly string[]).includes(format))
          throw new InvalidArgumentError(
            `Cannot export as "${String(format)}"; use ${EXPORT_FORMATS.join(', ')}.`,
          );
        const run = await runBlock(canvasId, block);
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
        requireString(input?.message, 'message');
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
      query: async (text, limit) => p().search(text, limit),
    },
    history: {
      list: async (options) => p().records.history(options ?? {}),
    },
    settings: {
      get: async () => p().records.settings(),
      set: async (key, value) => p().records.setSetting(key, value),
    },
    onboarding: {
      get: async () => p().records.onboarding(),
      complete: async (step) => p().records.completeStep(step),
      reset: async () => p().records.resetOnboarding(),
    },
  } satisfies HostApi;
}
