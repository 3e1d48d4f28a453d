import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyRequest, type OpenRequest } from './launch-args.ts';
import {
  chooseStartupProject,
  FIRST_PROJECT_NAME,
  type OpenHandlers,
  OpenQueue,
  projectForImport,
} from './open-queue.ts';

/** Handlers that record what they were asked to do (and can be made slow or failing). */
function recorder(options: { failOpen?: string; openDelayMs?: number } = {}) {
  const log: string[] = [];
  const handlers: OpenHandlers = {
    openProject: async (dir) => {
      log.push(`open-start ${dir}`);
      if (options.openDelayMs) await new Promise((resolve) => setTimeout(resolve, options.openDelayMs));
      if (dir === options.failOpen) throw new Error(`cannot open ${dir}`);
      log.push(`open-done ${dir}`);
    },
    importFiles: async (paths) => {
      log.push(`import ${paths.join(',')}`);
      await Promise.resolve();
    },
    reject: (rejected) => log.push(`reject ${rejected.map((r) => r.arg).join(',')}`),
    onError: (error) => log.push(`error ${(error as Error).message}`),
  };
  return { log, handlers };
}

function request(parts: Partial<OpenRequest>): OpenRequest {
  return { ...emptyRequest(), ...parts };
}

describe('OpenQueue', () => {
  it('holds requests until start, gives the last early project to the window, then handles the rest', async () => {
    const { log, handlers } = recorder();
    const queue = new OpenQueue(handlers);
    await queue.add(request({ projects: ['/p/A.facet'], dataFiles: [{ path: '/d/a.csv', format: 'csv' }] }));
    await queue.add(request({ projects: ['/p/B.facet'], rejected: [{ arg: 'x.doc', reason: 'no' }] }));
    expect(log).toEqual([]);
    expect(queue.takeStartupProject()).toBe('/p/B.facet');
    expect(queue.takeStartupProject()).toBeUndefined();
    await queue.start();
    expect(log).toEqual(['reject x.doc', 'import /d/a.csv']);
  });

  it('after start, handles each request in arrival order, the project before its data files', async () => {
    const { log, handlers } = recorder({ openDelayMs: 20 });
    const queue = new OpenQueue(handlers);
    await queue.start();
    const first = queue.add(
      request({ projects: ['/p/A.facet'], dataFiles: [{ path: '/d/a.csv', format: 'csv' }] }),
    );
    const second = queue.add(request({ dataFiles: [{ path: '/d/b.parquet', format: 'parquet' }] }));
    await Promise.all([first, second]);
    expect(log).toEqual([
      'open-start /p/A.facet',
      'open-done /p/A.facet',
      'import /d/a.csv',
      'import /d/b.parquet',
    ]);
  });

  it('reports a failed request and goes on with the next one', async () => {
    const { log, handlers } = recorder({ failOpen: '/p/Bad.facet' });
    const queue = new OpenQueue(handlers);
    await queue.start();
    await queue.add(
      request({ projects: ['/p/Bad.facet'], dataFiles: [{ path: '/d/a.csv', format: 'csv' }] }),
    );
    await queue.add(request({ projects: ['/p/Good.facet'] }));
    expect(log).toEqual([
      'open-start /p/Bad.facet',
      'error cannot open /p/Bad.facet',
      'open-start /p/Good.facet',
      'open-done /p/Good.facet',
    ]);
  });
});

describe('chooseStartupProject', () => {
  it('prefers the requested project, then the most recent, else none (Home)', () => {
    const known = [{ dir: '/home/u/Recent.facet' }, { dir: '/home/u/Older.facet' }];
    expect(chooseStartupProject('/x/Asked.facet', known)).toBe('/x/Asked.facet');
    expect(chooseStartupProject(undefined, known)).toBe('/home/u/Recent.facet');
    expect(chooseStartupProject(undefined, [])).toBeUndefined();
  });
});

describe('projectForImport', () => {
  it('puts files in the most recent project, or a new first project when there is none', () => {
    expect(projectForImport([{ dir: '/home/u/Recent.facet' }], '/root')).toEqual({
      dir: '/home/u/Recent.facet',
      create: false,
    });
    expect(projectForImport([], '/root')).toEqual({
      dir: path.join('/root', `${FIRST_PROJECT_NAME}.facet`),
      create: true,
    });
  });
});
