import { CanvasDoc } from '@facet/engine/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDocsApi } from '../src/docs-api/docs-service.ts';
import { accessEvents, type RelayContext } from '../src/relay-context.ts';
import { createVersionsApi, type VersionMeta } from '../src/versions/versions-service.ts';
import { startTestRelay, type TestClient, type TestRelay } from './harness.ts';
import { makeTeam, raw, type Team } from './versions-fixture.ts';

/**
 * Shared versions against a real relay with real providers: save, list, diff, fetch, restore (seen by
 * connected clients at once, with a restore point kept) and delete.
 */
let relay: TestRelay;
let team: Team;
let client: TestClient;
let canvas: CanvasDoc;

beforeAll(async () => {
  relay = await startTestRelay();
  team = await makeTeam(relay, 'versions');
  client = await relay.connect(team.docId, team.editor.token);
  canvas = new CanvasDoc(client.doc);
});
afterAll(async () => {
  canvas.destroy();
  client.destroy();
  await relay.stop();
});

async function save(name: string, token = team.editor.token): Promise<VersionMeta> {
  const res = await relay.api('POST', `/api/docs/${team.docId}/versions`, { token, json: { name } });
  expect(res.status).toBe(201);
  return res.body as unknown as VersionMeta;
}

describe('versions', () => {
  it('saves the live state, lists newest first without state, and serves the state', async () => {
    const sql = canvas.add('sql', { name: 'orders', sql: 'select * from orders', title: 'Orders' });
    await client.settled();
    const first = await save('First draft');
    expect(first).toMatchObject({
      name: 'First draft',
      kind: 'manual',
      createdBy: { id: team.editor.userId },
    });
    expect(first.size).toBeGreaterThan(0);
    canvas.update(sql, { sql: 'select * from orders where paid' });
    await client.settled();
    const second = await save('Paid only 💸');

    const list = await relay.api('GET', `/api/docs/${team.docId}/versions`, { token: team.viewer.token });
    expect(list.status).toBe(200);
    const items = list.body as unknown as Record<string, unknown>[];
    expect(items.map((v) => v.id).slice(0, 2)).toEqual([second.id, first.id]);
    expect(items.every((v) => !('state' in v))).toBe(true);
    const older = await relay.api('GET', `/api/docs/${team.docId}/versions?before=${second.id}&limit=1`, {
      token: team.viewer.token,
    });
    expect((older.body as unknown as { id: string }[]).map((v) => v.id)).toEqual([first.id]);

    const state = await raw(relay, 'GET', `/api/docs/${team.docId}/versions/${first.id}/state`, {
      token: team.commenter.token,
    });
    expect(state.status).toBe(200);
    expect(state.headers.get('content-type')).toBe('application/octet-stream');
    const atFirst = CanvasDoc.fromUpdate(state.bytes);
    expect(atFirst.block(sql)).toMatchObject({ sql: 'select * from orders' });
    atFirst.destroy();
  });

  it('summarises what changed since a version', async () => {
    const base = await save('Before the chart');
    const chart = canvas.add('chart', { source: 'orders', spec: { kind: 'bar' }, title: 'Revenue' });
    canvas.setTerm('revenue', { definition: 'money in', synonyms: [] });
    await client.settled();
    const res = await relay.api('GET', `/api/docs/${team.docId}/versions/${base.id}`, {
      token: team.viewer.token,
    });
    expect(res.status).toBe(200);
    const diff = (res.body as { diff: Record<string, unknown> }).diff;
    expect(diff).toMatchObject({
      same: false,
      added: [{ id: chart, type: 'chart', label: 'Revenue' }],
      removed: [],
      changed: [],
      glossary: { added: ['revenue'], removed: [], changed: [] },
    });
    const now = await save('Now');
    const same = await relay.api('GET', `/api/docs/${team.docId}/versions/${now.id}`, {
      token: team.viewer.token,
    });
    expect((same.body as { diff: { same: boolean } }).diff.same).toBe(true);
  });

  it('restores a version as a forward change that connected clients see at once, keeping a restore point', async () => {
    const target = await save('Good state');
    const good = canvas
      .blocks()
      .map((b) => b.id)
      .sort();
    const extra = canvas.add('text', { text: '# Scratch' });
    const first = canvas.blocks().find((b) => b.type === 'sql')!;
    canvas.update(first.id, { sql: 'select broken' });
    await client.settled();
    const before = Y.encodeStateAsUpdate(client.doc);

    const watcher = await relay.connect(team.docId, team.viewer.token);
    const res = await relay.api('POST', `/api/docs/${team.docId}/versions/${target.id}/restore`, {
      token: team.editor.token,
    });
    expect(res.status).toBe(200);
    const { restored, restorePoint } = res.body as { restored: VersionMeta; restorePoint: VersionMeta };
    expect(restored.id).toBe(target.id);
    expect(restorePoint.kind).toBe('restore-point');
    expect(restorePoint.name).toBe('Before restoring “Good state”');

    // Both the editor who restored and a read-only watcher see it without reconnecting.
    const watched = new CanvasDoc(watcher.doc);
    for (const doc of [canvas, watched]) {
      await expect
        .poll(() =>
          doc
            .blocks()
            .map((b) => b.id)
            .sort(),
        )
        .toEqual(good);
      expect(doc.block(extra)).toBeUndefined();
      expect(doc.block(first.id)).toMatchObject({ sql: first.sql });
    }
    watched.destroy();
    watcher.destroy();

    // The restore is in the durable log, and the restore point holds the state just before it.
    const stored = await relay.docLog.load(team.docId);
    const fromStore = new Y.Doc();
    for (const part of [stored.snapshot, ...stored.updates]) if (part) Y.applyUpdate(fromStore, part);
    expect(new CanvasDoc(fromStore).block(extra)).toBeUndefined();
    const point = await raw(relay, 'GET', `/api/docs/${team.docId}/versions/${restorePoint.id}/state`, {
      token: team.viewer.token,
    });
    const pointDoc = CanvasDoc.fromUpdate(point.bytes);
    expect(pointDoc.block(extra)).toMatchObject({ text: '# Scratch' });
    expect(Y.encodeStateVectorFromUpdate(point.bytes)).toEqual(Y.encodeStateVectorFromUpdate(before));

    const activity = await relay.api('GET', `/api/docs/${team.docId}/activity`, { token: team.viewer.token });
    const kinds = (activity.body as { items: { kind: string; detail: Record<string, unknown> }[] }).items;
    expect(kinds[0]).toMatchObject({ kind: 'version-restored', detail: { versionId: target.id } });
  });

  it('deletes a version (owners) and 404s what is gone', async () => {
    const doomed = await save('Doomed');
    expect(
      (
        await relay.api('DELETE', `/api/docs/${team.docId}/versions/${doomed.id}`, {
          token: team.owner.token,
        })
      ).status,
    ).toBe(204);
    for (const path of ['', '/state', '/restore']) {
      const method = path === '/restore' ? 'POST' : 'GET';
      const res = await relay.api(method, `/api/docs/${team.docId}/versions/${doomed.id}${path}`, {
        token: team.owner.token,
      });
      expect(res.status).toBe(404);
    }
    expect(
      (
        await relay.api('DELETE', `/api/docs/${team.docId}/versions/${doomed.id}`, {
          token: team.owner.token,
        })
      ).status,
    ).toBe(404);
  });

  it('a version of one document is not reachable through another', async () => {
    const mine = await save('Mine');
    const other = await relay.createDoc(team.editor.token, 'Other');
    const res = await relay.api('GET', `/api/docs/${other}/versions/${mine.id}`, {
      token: team.editor.token,
    });
    expect(res.status).toBe(404);
  });

  it('tells listeners (notifications) about new versions and restores', async () => {
    const ctx: RelayContext = {
      db: relay.db,
      config: relay.config,
      log: relay.log,
      events: accessEvents(),
      publicUrl: relay.url,
      now: Date.now,
    };
    const service = createVersionsApi(ctx, { docs: createDocsApi(ctx), liveDocs: relay.liveDocs });
    const seen: VersionMeta[] = [];
    service.events.on('version-created', (v) => seen.push(v));
    service.events.on('version-created', () => {
      throw new Error('a broken listener must not fail the save');
    });
    const meta = await service.saveVersion(team.docId, { name: 'Nightly', kind: 'auto', createdBy: null });
    expect(seen).toEqual([meta]);
    expect(meta).toMatchObject({ kind: 'auto', createdBy: null });
  });

  it('drops the versions of a deleted document', async () => {
    const doc = await relay.createDoc(team.owner.token, 'Short-lived');
    await relay.api('POST', `/api/docs/${doc}/versions`, { token: team.owner.token, json: { name: 'v' } });
    expect((await relay.api('DELETE', `/api/docs/${doc}`, { token: team.owner.token })).status).toBe(204);
    await expect
      .poll(
        async () => (await relay.db.get('SELECT COUNT(*) AS n FROM doc_versions WHERE doc_id = ?', [doc]))?.n,
      )
      .toBe(0);
  });
});
