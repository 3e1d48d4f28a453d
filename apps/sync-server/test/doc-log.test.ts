import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteDb } from '../src/db/sqlite-db.ts';
import { migrate } from '../src/db/schema.ts';
import { applyStored, DocLog, foldUpdates } from '../src/docs/doc-log.ts';
import { startTestRelay } from './harness.ts';

function edits(n: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) doc.getMap('m').set(`k${i % 50}`, i);
    else doc.getText('t').insert(doc.getText('t').length, String(i % 10));
  }
  return { doc, updates };
}

const dir = mkdtempSync(join(tmpdir(), 'facet-doclog-'));
let db: SqliteDb;
beforeAll(async () => {
  db = new SqliteDb(join(dir, 'log.sqlite'));
  await migrate(db);
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DocLog', () => {
  it('folds many updates into the same document, whether merged directly or applied', () => {
    for (const n of [5, 5000]) {
      const { doc, updates } = edits(n);
      const folded = new Y.Doc();
      Y.applyUpdate(folded, foldUpdates(updates));
      expect(folded.getText('t').toString()).toBe(doc.getText('t').toString());
      expect(folded.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
    }
  });

  it('skips a stored update that does not decode instead of refusing to load', async () => {
    const log = new DocLog(db);
    const { doc, updates } = edits(40);
    for (const u of updates.slice(0, 20)) await log.append('bad-row', u);
    await log.append('bad-row', new Uint8Array([1, 2, 3, 250, 251]));
    for (const u of updates.slice(20)) await log.append('bad-row', u);
    const loaded = new Y.Doc();
    expect(applyStored(loaded, await log.load('bad-row'), null)).toBe(1);
    expect(loaded.getText('t').toString()).toBe(doc.getText('t').toString());
    // Compaction keeps the good content and drops the bad row with the rest of the tail.
    await log.compact('bad-row', Y.encodeStateAsUpdate(loaded));
    expect(await log.tail('bad-row')).toEqual({ updates: 0, bytes: 0 });
    const again = new Y.Doc();
    expect(applyStored(again, await log.load('bad-row'), null)).toBe(0);
    expect(again.getText('t').toString()).toBe(doc.getText('t').toString());
  });

  it('compaction keeps rows appended after the state it was given', async () => {
    const log = new DocLog(db);
    const { doc, updates } = edits(30);
    for (const u of updates) await log.append('late', u);
    // The live state passed in knows only the first half; the rest is only in the log.
    const half = new Y.Doc();
    for (const u of updates.slice(0, 15)) Y.applyUpdate(half, u);
    await log.compact('late', Y.encodeStateAsUpdate(half));
    const loaded = new Y.Doc();
    applyStored(loaded, await log.load('late'), null);
    expect(loaded.getText('t').toString()).toBe(doc.getText('t').toString());
  });
});

describe('compaction by log length', () => {
  it('compacts a busy document without waiting for the debounce', async () => {
    const relay = await startTestRelay({
      compactDebounceMs: 600_000,
      compactMaxDebounceMs: 600_000,
      compactEveryUpdates: 50,
    });
    try {
      const user = await relay.signUp('busy');
      const docId = await relay.createDoc(user.token);
      const client = await relay.connect(docId, user.token);
      for (let i = 0; i < 120; i++) {
        client.doc.getMap('m').set(`k${i}`, i);
        await new Promise((r) => setTimeout(r, 1));
      }
      await client.settled();
      await expect
        .poll(async () => (await relay.docLog.tail(docId)).updates, { timeout: 10_000 })
        .toBeLessThan(50);
      const fresh = await relay.connect(docId, user.token);
      expect(fresh.doc.getMap('m').size).toBe(120);
      client.destroy();
      fresh.destroy();
    } finally {
      await relay.stop();
    }
  });
});

describe('WAL checkpoints', () => {
  it('happen on the worker, so the WAL is reused instead of growing with every write', async () => {
    const file = join(dir, 'wal.sqlite');
    const walDb = new SqliteDb(file);
    await migrate(walDb);
    expect(walDb.raw.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const log = new DocLog(walDb);
    const chunk = new Uint8Array(2048).fill(7);
    const { statSync } = await import('node:fs');
    // Three rounds of ~4 MB. Checkpointed between rounds, the WAL restarts from its beginning and
    // stays near one round's size; never checkpointed, it would hold all three.
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 2000 }, () => log.append(`wal-${round}`, chunk)));
      await new Promise((r) => setTimeout(r, 1500));
    }
    expect(statSync(`${file}-wal`).size).toBeLessThan(9 * 1024 * 1024);
    await walDb.close();
  });
});
