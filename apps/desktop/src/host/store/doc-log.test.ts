import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from './database.ts';
import { DocLog } from './doc-log.ts';

const open: { db: Db; dir: string }[] = [];
function tempDb(): Db {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-log-'));
  const db = openDatabase(path.join(dir, 'project.sqlite'), 'normal');
  open.push({ db, dir });
  return db;
}
afterEach(() =>
  open.splice(0).forEach(({ db, dir }) => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }),
);

/** A doc whose every change is appended to the log, like the project's live docs. */
function logged(log: DocLog, canvas: string): Y.Doc {
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => log.append(canvas, update));
  return doc;
}

function textOf(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc.getText('t').toString();
}

describe('DocLog', () => {
  it('appends updates and loads the same document back', () => {
    const log = new DocLog(tempDb());
    const doc = logged(log, 'c1');
    for (const word of ['hello', ' ', 'world']) doc.getText('t').insert(doc.getText('t').length, word);
    doc.getText('t').delete(0, 1);
    expect(textOf(log.load('c1').state)).toBe('ello world');
    expect(log.tailLength('c1')).toBe(4);
    expect(textOf(log.load('other').state)).toBe('');
  });

  it('compacts past the threshold in one transaction, keeping the content', () => {
    const log = new DocLog(tempDb(), { updates: 50, bytes: 1e9 });
    const doc = logged(log, 'c1');
    for (let i = 0; i < 120; i++) doc.getText('t').insert(0, String(i % 10));
    expect(log.tailLength('c1')).toBeLessThan(50);
    const expected = doc.getText('t').toString();
    expect(textOf(log.load('c1').state)).toBe(expected);
    expect(log.lastSeq('c1')).toBe(120);
    log.compact('c1');
    expect(log.tailLength('c1')).toBe(0);
    expect(textOf(log.load('c1').state)).toBe(expected);
  });

  it('refuses malformed, empty and non-byte updates and stores nothing', () => {
    const log = new DocLog(tempDb());
    const bad: unknown[] = [
      new Uint8Array(),
      new Uint8Array([1, 2, 3, 250, 251]),
      'text',
      null,
      { length: 3 },
    ];
    for (const update of bad) expect(() => log.append('c1', update as Uint8Array)).toThrow(/update/);
    let seed = 3;
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from(
        { length: 1 + (i % 40) },
        () => (seed = (seed * 16807) % 2147483647) % 256,
      );
      try {
        log.append('c2', bytes);
      } catch {
        // refused, as expected for most random bytes
      }
    }
    // Whatever was accepted still loads.
    expect(() => log.load('c2')).not.toThrow();
    expect(log.tailLength('c1')).toBe(0);
  });
});
