/**
 * `npm run bench:store [-- --updates 100000 --blocks 10000]`
 *
 *   1. append: N edit updates through our DocLog (durability full and normal, no compaction) and
 *      through a Project canvas (the app's path: checks, bookkeeping, compaction from the live doc),
 *      against a bare better-sqlite3 INSERT of the same bytes (the floor of any SQLite log)
 *   2. cold open of a canvas with N updates: our load (one Yjs transaction) without compaction and after
 *      compaction, against applying the updates one by one and against Y.mergeUpdates
 *   3. search over a canvas with M blocks: FTS5 (ours) against a LIKE scan of the same text
 *
 * Reports timings and ratios only; it never fails on a slow result.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { CanvasDoc } from '@facet/engine/common';
import { DocLog, type Durability, openDatabase, Project, SearchIndex } from '@facet/desktop/host';
import { formatMs, formatRatio, median } from '../engine/stats.ts';
import { canvasWithBlocks, generateEdits, searchQueries } from './workload.ts';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return Math.round(value);
}

const UPDATES = option('updates', 100_000);
const BLOCKS = option('blocks', 10_000);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-bench-store-'));
const rows: [string, string, string][] = [];
const log = (line: string): void => console.error(`  ${line}`);

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

try {
  console.error(`Generating ${UPDATES} edit updates…`);
  const updates: Uint8Array[] = [];
  const final = generateEdits(UPDATES, (u) => updates.push(u));
  const bytes = updates.reduce((n, u) => n + u.byteLength, 0);
  log(`${updates.length} updates, ${(bytes / 1e6).toFixed(1)} MB, ${final.blocks().length} blocks`);
  /** The document's content in a fixed order (map order after a load is not insertion order). */
  const contentOf = (blocks: ReturnType<CanvasDoc['blocks']>): string =>
    JSON.stringify(blocks.map((b) => [b.id, b.x, b.y, b.type === 'sql' ? b.sql : '']).sort());
  const expected = contentOf(final.blocks());

  // 1. Append.
  console.error('append:');
  const floorDb = new Database(path.join(work, 'floor.sqlite'));
  floorDb.pragma('journal_mode = WAL');
  floorDb.pragma('synchronous = FULL');
  floorDb.exec('CREATE TABLE u (seq INTEGER PRIMARY KEY, canvas TEXT, data BLOB, at INTEGER)');
  const insert = floorDb.prepare('INSERT INTO u (canvas, data, at) VALUES (?, ?, ?)');
  const floor = time(() => updates.forEach((u) => insert.run('c', Buffer.from(u), Date.now()))).ms;
  floorDb.close();
  log(`bare INSERT (synchronous=FULL): ${formatMs(floor)}`);
  rows.push(['append: bare better-sqlite3 INSERT, sync FULL (floor)', formatMs(floor), '1.00×']);
  const appendMs: Partial<Record<Durability, number>> = {};
  for (const durability of ['full', 'normal'] as const) {
    const db = openDatabase(path.join(work, `append-${durability}.sqlite`), durability);
    // The log alone; compaction is measured on the app's real path (the Project row below).
    const docLog = new DocLog(db, undefined, false);
    appendMs[durability] = time(() => updates.forEach((u) => docLog.append('c', u))).ms;
    db.close();
    const ms = appendMs[durability] ?? 0;
    log(`DocLog append (${durability}): ${formatMs(ms)}`);
    rows.push([
      `append: ours, log only, durability ${durability} (${Math.round(updates.length / (ms / 1000)).toLocaleString('en')} updates/s)`,
      formatMs(ms),
      formatRatio(ms / floor),
    ]);
  }

  // The app's real path: a Project canvas storing each update with its bookkeeping.
  const project = Project.create(path.join(work, 'Bench.facet'));
  const canvasId = project.defaultCanvas();
  const projectMs = time(() => updates.forEach((u) => project.canvases.applyUpdate(canvasId, u))).ms;
  await project.close();
  log(`Project canvas (full): ${formatMs(projectMs)}`);
  rows.push([
    `append: ours through a Project canvas (checks, bookkeeping, compaction), full (${Math.round(updates.length / (projectMs / 1000)).toLocaleString('en')} updates/s)`,
    formatMs(projectMs),
    formatRatio(projectMs / floor),
  ]);

  // 2. Cold open.
  console.error('cold open:');
  const rawDb = openDatabase(path.join(work, 'raw.sqlite'), 'normal');
  const rawLog = new DocLog(rawDb, { updates: Number.MAX_SAFE_INTEGER, bytes: Number.MAX_SAFE_INTEGER });
  rawDb.transaction(() => updates.forEach((u) => rawLog.append('c', u)))();
  rawDb.close();
  const compactDb = openDatabase(path.join(work, 'compact.sqlite'), 'normal');
  const compactLog = new DocLog(compactDb, {
    updates: Number.MAX_SAFE_INTEGER,
    bytes: Number.MAX_SAFE_INTEGER,
  });
  compactDb.transaction(() => updates.forEach((u) => compactLog.append('c', u)))();
  compactLog.compact('c');
  compactDb.close();

  const openWith = (file: string, load: (db: Database.Database) => CanvasDoc, runs = 3): number[] =>
    Array.from({ length: runs }, () => {
      const { ms, value } = time(() => {
        const db = openDatabase(path.join(work, file), 'normal');
        const canvas = load(db);
        const blocks = canvas.blocks();
        db.close();
        return blocks;
      });
      if (contentOf(value) !== expected)
        throw new Error(`cold open of ${file} produced a different document`);
      return ms;
    });
  const naive =
    median(
      openWith('raw.sqlite', (db) => {
        const doc = new Y.Doc();
        for (const row of db
          .prepare<[], { data: Buffer }>('SELECT data FROM doc_updates ORDER BY seq')
          .iterate()) {
          Y.applyUpdate(doc, row.data);
        }
        return new CanvasDoc(doc);
      }),
    ) ?? 0;
  // Y.mergeUpdates grows much faster than linearly (about 10 minutes for 100k updates on this
  // machine), so it is measured only up to 20k updates.
  const merged =
    updates.length > 20_000
      ? undefined
      : (median(
          openWith(
            'raw.sqlite',
            (db) => {
              const parts = db
                .prepare<[], { data: Buffer }>('SELECT data FROM doc_updates ORDER BY seq')
                .all()
                .map((r) => new Uint8Array(r.data));
              return CanvasDoc.fromUpdate(Y.mergeUpdates(parts));
            },
            1,
          ),
        ) ?? 0);
  const ours = (file: string) =>
    median(openWith(file, (db) => new CanvasDoc(new DocLog(db).loadDoc('c').doc))) ?? 0;
  const raw = ours('raw.sqlite');
  const compacted = ours('compact.sqlite');
  log(
    `apply-each ${formatMs(naive)}, merge ${merged === undefined ? 'skipped' : formatMs(merged)}, ours raw ${formatMs(raw)}, compacted ${formatMs(compacted)}`,
  );
  rows.push([`cold open ${updates.length} updates: apply each update (naive)`, formatMs(naive), '1.00×']);
  rows.push(
    merged === undefined
      ? ['cold open: Y.mergeUpdates, then apply (skipped above 20k updates)', '', '']
      : ['cold open: Y.mergeUpdates, then apply', formatMs(merged), formatRatio(merged / naive)],
  );
  rows.push(['cold open: ours, raw log (one transaction)', formatMs(raw), formatRatio(raw / naive)]);
  rows.push(['cold open: ours, compacted snapshot', formatMs(compacted), formatRatio(compacted / naive)]);

  // 3. Search.
  console.error(`search over ${BLOCKS} blocks:`);
  const searchDb = openDatabase(path.join(work, 'search.sqlite'), 'normal');
  const index = new SearchIndex(searchDb);
  const canvas = canvasWithBlocks(BLOCKS);
  const indexMs = time(() => index.indexCanvas('c', 'Bench', canvas)).ms;
  const queries = searchQueries(200);
  const fts = queries.map((q) => time(() => index.search(q, 20)).ms);
  const like = searchDb.prepare<[string, string], unknown>(
    // Every match, since ranking needs them all (FTS5 ranks them inside SQLite).
    `SELECT kind, ref, title, body FROM search_index WHERE title LIKE ? OR body LIKE ?`,
  );
  const scan = queries.map((q) => {
    const pattern = `%${q.split(' ')[0] ?? ''}%`;
    return time(() => like.all(pattern, pattern)).ms;
  });
  const hits = queries.reduce((n, q) => n + index.search(q, 20).length, 0);
  if (hits === 0) throw new Error('search found nothing; the benchmark is broken');
  searchDb.close();
  log(
    `indexed in ${formatMs(indexMs)}; FTS p50 ${formatMs(percentile(fts, 50))}, LIKE p50 ${formatMs(percentile(scan, 50))}`,
  );
  rows.push([`search index build, ${BLOCKS} blocks`, formatMs(indexMs), '']);
  rows.push([
    `search: LIKE scan of all matches, unranked, p50 (p95 ${formatMs(percentile(scan, 95))})`,
    formatMs(percentile(scan, 50)),
    '1.00×',
  ]);
  rows.push([
    `search: ours FTS5 ranked + snippets, p50 (p95 ${formatMs(percentile(fts, 95))})`,
    formatMs(percentile(fts, 50)),
    formatRatio(percentile(fts, 50) / percentile(scan, 50)),
  ]);

  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(
    `\nStore benchmark: ${updates.length} updates (${(bytes / 1e6).toFixed(1)} MB), ${BLOCKS} blocks; ` +
      `${os.availableParallelism()} cores, Node ${process.version}\n`,
  );
  console.log(`${''.padEnd(width)}  ${'ms'.padStart(10)}  vs the first row of its group`);
  for (const [name, ms, ratio] of rows) console.log(`${name.padEnd(width)}  ${ms.padStart(10)}  ${ratio}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
