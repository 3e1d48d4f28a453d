/** Files sent in chunks (drag-and-drop and the file picker in a browser), over the WebSocket. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { uploadFiles } from '../src/renderer/platform/upload-files.ts';
import { startHarness } from './rpc-harness.ts';

const scratchDirs = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.startsWith('.upload-'));

describe('chunked uploads', () => {
  it('imports a file sent in chunks, reporting progress, and leaves no scratch behind', async () => {
    const { connect } = await startHarness();
    const { api } = await connect();
    const project = await api.projects.create({ name: 'Uploads' });
    const rows = Array.from({ length: 400_000 }, (_, i) => `${i},city${i % 50},${(i * 7) % 1000}`);
    const csv = new File([`id,city,amount\n${rows.join('\n')}\n`], 'big sales.csv');
    const progress: number[] = [];
    const imported = await uploadFiles(api, [csv], {
      onProgress: (p) => progress.push(p.importing ? -1 : p.sent),
    });
    expect(imported).toMatchObject([{ table: 'big_sales', rowCount: 400_000 }]);
    expect(progress.length).toBeGreaterThan(2); // several chunks, then "importing"
    expect(progress.at(-1)).toBe(-1);
    expect(progress.at(-2)).toBe(csv.size);
    expect(scratchDirs(project.dir)).toEqual([]);
  });

  it('stops when cancelled and keeps nothing of the file', async () => {
    const { connect } = await startHarness();
    const { api } = await connect();
    const project = await api.projects.create({ name: 'Cancel' });
    const file = new File([new Uint8Array(12 * 1024 * 1024).fill(65)], 'huge.csv');
    const controller = new AbortController();
    const upload = uploadFiles(api, [file], {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(upload).rejects.toThrow(/abort/i);
    expect(scratchDirs(project.dir)).toEqual([]);
    expect(await api.sources.list()).toEqual([]);
  });

  it('refuses chunks out of order, too big, past the announced size, and unknown uploads', async () => {
    const { connect } = await startHarness();
    const { api } = await connect();
    const project = await api.projects.create({ name: 'Hostile' });
    const id = await api.sources.uploadStart('a.csv', 10);
    await expect(api.sources.uploadChunk(id, 5, new Uint8Array(2))).rejects.toThrow(/at byte 0/);
    await api.sources.uploadChunk(id, 0, new TextEncoder().encode('x,y\n'));
    await expect(api.sources.uploadFinish(id)).rejects.toThrow(/incomplete \(4 of 10 bytes\)/);
    await expect(api.sources.uploadChunk(id, 4, new Uint8Array(1))).rejects.toThrow(/no such upload/);

    const other = await api.sources.uploadStart('b.csv', 3);
    await expect(api.sources.uploadChunk(other, 0, new Uint8Array(4))).rejects.toThrow(
      /larger than announced/,
    );
    await expect(api.sources.uploadFinish(other)).rejects.toThrow(/no such upload/);
    const big = await api.sources.uploadStart('c.csv', 64 * 1024 * 1024);
    await expect(api.sources.uploadChunk(big, 0, new Uint8Array(17 * 1024 * 1024))).rejects.toThrow(
      /at most/,
    );
    await api.sources.uploadCancel(big);

    await expect(api.sources.uploadStart('../../etc/passwd', -1)).rejects.toThrow(/whole number/);
    await expect(api.sources.uploadStart('', 1)).rejects.toThrow(/needs a name/);
    await expect(api.sources.uploadChunk('nope', 0, new Uint8Array(1))).rejects.toThrow(/no such upload/);
    expect(scratchDirs(project.dir)).toEqual([]);
    expect(await api.sources.list()).toEqual([]);
  });

  it('drops what a connection left unfinished when it closes', async () => {
    const { connect } = await startHarness();
    const first = await connect();
    const project = await first.api.projects.create({ name: 'Dropped' });
    const id = await first.api.sources.uploadStart('half.csv', 100);
    await first.api.sources.uploadChunk(id, 0, new Uint8Array(50));
    expect(scratchDirs(project.dir)).toHaveLength(1);
    first.close();
    await expect.poll(() => scratchDirs(project.dir)).toEqual([]);
    const second = await connect();
    await expect(second.api.sources.uploadChunk(id, 50, new Uint8Array(50))).rejects.toThrow(
      /no such upload/,
    );
    expect(fs.existsSync(path.join(project.dir, 'project.sqlite'))).toBe(true);
  });

  it('limits open uploads per connection, and a reopened project sweeps scratch left by a crash', async () => {
    const { connect, host } = await startHarness();
    const { api } = await connect();
    const project = await api.projects.create({ name: 'Limits' });
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(await api.sources.uploadStart(`f${i}.csv`, 10));
    await expect(api.sources.uploadStart('one-too-many.csv', 10)).rejects.toThrow(/At most 8 uploads/);
    await expect(api.sources.uploadStart(`${'x'.repeat(300)}.csv`, 1)).rejects.toThrow(/too long/);
    await api.sources.uploadCancel(ids[0]!);
    expect(scratchDirs(project.dir)).toHaveLength(7);
    // As if the process died: the scratch stays on disk until the project is opened again.
    fs.mkdirSync(path.join(project.dir, '.upload-crashed'));
    await host.closeProject();
    await api.projects.open(project.dir);
    expect(scratchDirs(project.dir)).toEqual([]);
  });
});
