/** HostApi's contract, exercised over the WebSocket transport exactly as web mode's renderer uses it. */
import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CanvasDoc, tableToRows } from '@facet/engine/common';
import { Project } from '../src/host/index.ts';
import { HostError } from '../src/renderer/platform/host-client.ts';
import { startHarness } from './rpc-harness.ts';
import { tempDir } from './temp-project.ts';

describe('HostApi over WebSocket', () => {
  it('creates, lists, renames, duplicates and deletes projects', async () => {
    const { connect, root } = await startHarness();
    const { api } = await connect();
    expect(await api.projects.current()).toBeNull();
    await expect(api.canvases.list()).rejects.toThrow(/Open or create a project first/);

    const created = await api.projects.create({ name: 'Sales' });
    expect(created).toMatchObject({ name: 'Sales', dir: path.join(root, 'Sales.facet') });
    expect((await api.projects.current())?.name).toBe('Sales');
    await expect(api.projects.create({ name: 'Sales' })).rejects.toThrow(/already exists/);
    await expect(api.projects.create({ name: 'a/b' })).rejects.toThrow(/cannot be a folder name/);

    const renamed = await api.projects.rename(created.dir, 'Revenue');
    expect(renamed).toMatchObject({ name: 'Revenue', dir: path.join(root, 'Revenue.facet') });
    expect((await api.projects.current())?.dir).toBe(renamed.dir);
    const copy = await api.projects.duplicate(renamed.dir, 'Revenue copy');
    expect((await api.projects.list()).map((p) => p.name).sort()).toEqual(['Revenue', 'Revenue copy']);
    await api.projects.delete(copy.dir);
    expect(fs.existsSync(copy.dir)).toBe(false);
    expect((await api.projects.list()).map((p) => p.name)).toEqual(['Revenue']);
  });

  it('opens one project at a time, even when asked twice at once', async () => {
    const { host, root } = await startHarness();
    const [a, b] = [path.join(root, 'A.facet'), path.join(root, 'B.facet')];
    await Promise.all([host.openProject(a, true), host.openProject(b, true)]);
    expect(host.current().dir).toBe(b);
    // A was closed (its lock released): another owner can open it.
    const other = Project.open(a, { durability: 'normal' });
    await other.close();
  });

  it('imports data and answers queries as Arrow IPC, in pages, with tables, profiles and validation', async () => {
    const { connect } = await startHarness();
    const { api } = await connect();
    await api.projects.create({ name: 'Data' });
    const csv = path.join(tempDir(), 'sales.csv');
    fs.writeFileSync(csv, 'region,amount\nnorth,10\nsouth,20\nnorth,5\n');
    expect(await api.sources.import(csv)).toMatchObject([{ table: 'sales', rowCount: 3 }]);

    const reply = await api.engine.query({
      sql: 'SELECT region, sum(amount) AS total FROM sales GROUP BY 1 ORDER BY 1',
    });
    expect(reply.ipc).toBeInstanceOf(Uint8Array);
    expect(tableToRows(tableFromIPC(reply.ipc))).toEqual([
      { region: 'north', total: 15 },
      { region: 'south', total: 20 },
    ]);
    expect(reply.columns.map((c) => c.name)).toEqual(['region', 'total']);
    const page = await api.engine.page({
      sql: 'SELECT * FROM sales ORDER BY amount',
      offset: 1,
      limit: 1,
      withTotal: true,
    });
    expect(page.totalRows).toBe(3);
    expect(tableToRows(tableFromIPC(page.ipc))).toEqual([{ region: 'north', amount: 10 }]);
    expect((await api.engine.tables()).map((t) => t.name)).toEqual(['sales']);
    expect((await api.engine.profile('sales')).columns.map((c) => c.name)).toEqual(['region', 'amount']);
    expect(await api.engine.validate('SELECT nope FROM sales')).toMatchObject({ ok: false });
    const params = await api.engine.query({
      sql: 'SELECT count(*) AS n FROM sales WHERE region = $r',
      params: { r: 'north' },
    });
    expect(tableToRows(tableFromIPC(params.ipc))).toEqual([{ n: 2 }]);
    await expect(api.engine.query({ sql: 'SELEC 1' })).rejects.toMatchObject({ code: 'SQL' });
    expect(await api.sources.check()).toMatchObject([{ table: 'sales', status: 'ok' }]);

    // A browser gives bytes, not a path: uploaded files are imported the same way.
    const uploaded = await api.sources.upload(
      'stores.csv',
      new TextEncoder().encode('store,city\n1,Lyon\n2,Oslo\n'),
    );
    expect(uploaded).toMatchObject([{ table: 'stores', rowCount: 2, originalPath: null }]);
    await expect(
      api.sources.upload('../../evil.csv', new Uint8Array([1, 2, 3, 0, 255])),
    ).rejects.toBeInstanceOf(HostError);
    expect((await api.sources.check()).map((c) => [c.table, c.status])).toEqual([
      ['sales', 'ok'],
      ['stores', 'no-original'],
    ]);
  });

  it('cancels a running query by its request id', async () => {
    const { connect } = await startHarness();
    const { api } = await connect();
    await api.projects.create({ name: 'Slow' });
    const slow = api.engine.query({
      sql: 'SELECT count(*) FROM range(100000000) a, range(100000) b WHERE a.range * b.range = 7',
      requestId: 'q1',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await api.engine.cancel('q1')).toBe(true);
    await expect(slow).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await api.engine.cancel('q1')).toBe(false);
  });

  it('syncs a canvas between two renderers through the host, without echo, and stores it', async () => {
    const { connect, host } = await startHarness();
    const a = await connect();
    const b = await connect();
    await a.api.projects.create({ name: 'Shared' });
    const [canvas] = await a.api.canvases.list();
    const id = canvas?.id ?? '';

    const docA = CanvasDoc.fromUpdate(await a.api.docs.state(id));
    const docB = CanvasDoc.fromUpdate(await b.api.docs.state(id));
    const seenByA: Uint8Array[] = [];
    const seenByB: Uint8Array[] = [];
    a.on('doc-update', ({ update }) => seenByA.push(update));
    b.on('doc-update', ({ canvasId, update }) => {
      seenByB.push(update);
      if (canvasId === id) Y.applyUpdate(docB.doc, update, 'host');
    });
    await a.api.docs.subscribe(id);
    await b.api.docs.subscribe(id);

    const pushes: Promise<void>[] = [];
    docA.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'host') pushes.push(a.api.docs.push(id, update));
    });
    const block = docA.add('sql', { name: 'q', sql: 'SELECT 1' });
    docA.editText(block, 'sql', 7, 1, '42');
    await Promise.all(pushes);
    await expect.poll(() => docB.block(block)).toMatchObject({ sql: 'SELECT 42' });
    expect(seenByA).toEqual([]);
    expect(seenByB.length).toBe(2);

    // A peer catching up sends its state vector and gets only what it lacks.
    const missing = await b.api.docs.state(id, Y.encodeStateVector(docB.doc));
    expect(missing.length).toBeLessThan((await b.api.docs.state(id)).length);
    // Stored in the project: the host's own copy has it.
    expect(host.current().canvases.doc(id).block(block)).toMatchObject({ sql: 'SELECT 42' });
    await expect(a.api.docs.push(id, new Uint8Array([1, 2, 3]))).rejects.toThrow(/malformed/);
  });

  it('saves versions, diffs, restores, forks and merges, searches, and keeps history and settings', async () => {
    const { connect, host } = await startHarness();
    const { api } = await connect();
    await api.projects.create({ name: 'Versions' });
    const [canvas] = await api.canvases.list();
    const id = canvas?.id ?? '';
    const doc = host.current().canvases.doc(id);
    const block = doc.add('sql', { name: 'revenue', sql: 'SELECT 1 AS x' });

    const v1 = await api.versions.create(id, { message: 'first', tag: 'Q3 final' });
    doc.update(block, { sql: 'SELECT 2 AS x' });
    const diff = await api.versions.diff(id, v1.id);
    expect(diff.changed.map((c) => c.id)).toEqual([block]);
    const restored = await api.versions.restore(id, v1.id);
    expect(restored.kind).toBe('restore');
    expect(doc.block(block)).toMatchObject({ sql: 'SELECT 1 AS x' });
    expect((await api.versions.list(id)).map((v) => v.kind)).toEqual(['restore', 'auto', 'named']);

    const branch = await api.branches.fork(id, 'experiment');
    host.current().canvases.doc(branch.id).update(block, { sql: 'SELECT 3 AS x' });
    expect((await api.branches.list(id)).map((b) => b.name)).toEqual(['experiment']);
    const merged = await api.branches.merge(branch.id);
    expect(merged.report).toEqual({ fromBranch: [block], conflicts: [] });
    expect(doc.block(block)).toMatchObject({ sql: 'SELECT 3 AS x' });

    expect((await api.search.query('revenue')).map((h) => h.ref)).toContain(block);
    const run = await api.engine.runBlock(id, 'revenue');
    expect(tableToRows(tableFromIPC(run.ipc))).toEqual([{ x: 3 }]);
    expect((await api.history.list({ limit: 1 }))[0]).toMatchObject({ block: 'revenue', rowCount: 1 });

    // Exports: DuckDB writes CSV, Parquet and JSON; SheetJS writes Excel.
    const csv = await api.engine.exportBlock(id, 'revenue', 'csv');
    expect(csv.fileName).toBe('revenue.csv');
    expect(new TextDecoder().decode(csv.bytes).trim()).toBe('x\n3');
    expect(
      JSON.parse(new TextDecoder().decode((await api.engine.exportBlock(id, 'revenue', 'json')).bytes)),
    ).toEqual([{ x: 3 }]);
    expect(
      new TextDecoder().decode((await api.engine.exportBlock(id, 'revenue', 'parquet')).bytes.subarray(0, 4)),
    ).toBe('PAR1');
    expect(
      new TextDecoder().decode((await api.engine.exportBlock(id, 'revenue', 'xlsx')).bytes.subarray(0, 2)),
    ).toBe('PK');
    await expect(api.engine.exportBlock(id, 'revenue', 'exe' as 'csv')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect((await api.engine.tables()).map((t) => t.name)).not.toContainEqual(
      expect.stringMatching(/export/),
    );
    await api.settings.set('theme', { mode: 'dark', $bytes: 'not bytes' });
    expect(await api.settings.get()).toEqual({ theme: { mode: 'dark', $bytes: 'not bytes' } });
  });
});

describe('WebSocket transport security and robustness', () => {
  it('refuses a missing or wrong secret and a foreign origin', async () => {
    const { server } = await startHarness();
    const { default: WebSocket } = await import('ws');
    const status = (url: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => undefined);
      });
    const base = `ws://127.0.0.1:${server.port}/rpc`;
    expect(await status(base)).toBe(401);
    expect(await status(`${base}?secret=${'0'.repeat(64)}`)).toBe(401);
    expect(await status(server.url, { Origin: 'http://evil.example' })).toBe(403);
    expect(await status(server.url, { Origin: `http://127.0.0.1:${server.port}` })).toBe(101);
    expect(await status(`ws://127.0.0.1:${server.port}/other?secret=${server.secret}`)).toBe(404);
  });

  it('closes a connection that sends malformed frames, and keeps serving others', async () => {
    const { server, connect } = await startHarness();
    const { default: WebSocket } = await import('ws');
    const healthy = await connect();
    const frames: (string | Uint8Array)[] = [
      '{"id":1}',
      new Uint8Array([1, 2, 3]),
      new Uint8Array([2, 0, 0, 0, 91, 93]),
    ];
    for (const frame of frames) {
      const code = await new Promise<number>((resolve) => {
        const ws = new WebSocket(server.url);
        ws.on('open', () => ws.send(frame));
        ws.on('close', (c) => resolve(c));
      });
      expect(code).toBe(4400);
    }
    expect(await healthy.api.projects.current()).toBeNull();
  });

  it('answers unknown methods, hostile names and wrong argument types with a readable error', async () => {
    const { connect } = await startHarness();
    const { api } = await connect();
    const raw = api as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>;
    const attempts: [string, string, unknown[]][] = [
      ['projects', 'nope', []],
      ['__proto__', 'constructor', []],
      ['projects', 'constructor', []],
      ['projects', 'hasOwnProperty', []],
      ['toString', 'call', []],
      ['projects', 'open', [42]],
      ['projects', 'open', []],
      ['projects', 'create', ['Sales']],
      ['docs', 'push', ['c', 'not bytes']],
      ['search', 'query', ['x', Number.NaN]],
      ['projects', 'open', ['a', 'b', 'c']],
      ['projects', 'create', [{ name: 5 }]],
      ['engine', 'query', [{ sql: 5 }]],
      ['engine', 'query', [{ sql: 'SELECT 1', requestId: {} }]],
    ];
    for (const [ns, name, args] of attempts) {
      const error = await (raw[ns]?.[name]?.(...args) ?? Promise.reject(new Error('no proxy'))).catch(
        (e: unknown) => e,
      );
      expect(error, `${ns}.${name}`).toBeInstanceOf(HostError);
      expect((error as HostError).code).toBe('INVALID_ARGUMENT');
      expect((error as HostError).message).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(await api.projects.current()).toBeNull();
  });
});
