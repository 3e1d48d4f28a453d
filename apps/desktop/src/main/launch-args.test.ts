import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../host/project/project.ts';
import { classifyPaths, mergeRequests, openArgs } from './launch-args.ts';

describe('openArgs', () => {
  it('drops the executable, switches, and the app script when run as `electron main.mjs`', () => {
    const argv = ['/opt/Facet/facet', '--no-sandbox', 'Sales.facet', '--enable-logging=stderr', 'a.csv'];
    expect(openArgs(argv, '/home/u')).toEqual(['Sales.facet', 'a.csv']);
    const script = '/repo/apps/desktop/dist/electron/main.mjs';
    const dev = ['/usr/bin/electron', '--inspect=0', 'apps/desktop/dist/electron/main.mjs', 'b.parquet'];
    expect(openArgs(dev, '/repo', script)).toEqual(['b.parquet']);
    expect(openArgs(['/usr/bin/electron', script], '/elsewhere', script)).toEqual([]);
  });
});

describe('classifyPaths', () => {
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-launch-args-'));
    const project = Project.create(path.join(dir, 'Sales.facet'));
    await project.close();
    fs.mkdirSync(path.join(dir, 'Empty.facet'));
    fs.writeFileSync(path.join(dir, 'weather.csv'), 'city,temp\nOslo,4\n');
    fs.writeFileSync(path.join(dir, 'events.json'), '{"a":1}\n{"a":2}\n');
    // A Parquet file with a misleading name: the magic number decides.
    fs.writeFileSync(path.join(dir, 'export.bin'), Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(16)]));
    fs.writeFileSync(path.join(dir, 'notes.docx'), 'not data');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sorts projects, importable files and everything else, resolving relative paths against cwd', () => {
    const request = classifyPaths(
      ['Sales.facet', 'weather.csv', 'events.json', 'export.bin', 'notes.docx', 'Empty.facet', 'gone.csv'],
      dir,
    );
    expect(request.projects).toEqual([path.join(dir, 'Sales.facet')]);
    expect(request.dataFiles).toEqual([
      { path: path.join(dir, 'weather.csv'), format: 'csv' },
      { path: path.join(dir, 'events.json'), format: 'ndjson' },
      { path: path.join(dir, 'export.bin'), format: 'parquet' },
    ]);
    expect(request.rejected).toEqual([
      { arg: 'notes.docx', reason: 'Facet cannot read this kind of file' },
      { arg: 'Empty.facet', reason: 'it is a folder but not a Facet project' },
      { arg: 'gone.csv', reason: 'it does not exist' },
    ]);
  });

  it('accepts file:// URLs (Linux desktop entries) and a project database path as its project', () => {
    const request = classifyPaths(
      [
        pathToFileURL(path.join(dir, 'weather.csv')).href,
        path.join(dir, 'Sales.facet', 'project.sqlite'),
        'file://remote-host/share/x.csv',
      ],
      '/',
    );
    expect(request.dataFiles.map((f) => f.path)).toEqual([path.join(dir, 'weather.csv')]);
    expect(request.projects).toEqual([path.join(dir, 'Sales.facet')]);
    expect(request.rejected).toHaveLength(1);
    expect(request.rejected[0]?.arg).toBe('file://remote-host/share/x.csv');
  });

  it('merges requests in arrival order', () => {
    const a = classifyPaths(['weather.csv'], dir);
    const b = classifyPaths(['Sales.facet', 'export.bin'], dir);
    const merged = mergeRequests(a, b);
    expect(merged.projects).toEqual([path.join(dir, 'Sales.facet')]);
    expect(merged.dataFiles.map((f) => path.basename(f.path))).toEqual(['weather.csv', 'export.bin']);
  });
});
