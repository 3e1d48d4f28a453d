/**
 * Phase "cold": a document whose log holds N small updates (written straight into the relay's store
 * through its DocLog, which is what N acknowledged edits leave behind before any compaction). Each run
 * starts a fresh relay process on that store and times one client from connect to synced.
 *
 * The peer has no log; its persistence path is a stored document that `onLoadDocument` applies (what
 * `@hocuspocus/extension-database` does with the state its `fetch` returns), so it loads the same
 * content as one snapshot. The ratio is what an uncompacted log costs over loading a snapshot.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relayConfig, startRelay } from '@facet/sync-server';
import * as Y from 'yjs';
import { createDoc, login, register } from './accounts.ts';
import { ClientPool, LatencyRecorder, SyncTimeout } from './clients.ts';
import { startOurs, startPeer, type ServerKind, type ServerProcess } from './process-stats.ts';

export interface ColdResult {
  runsMs: Record<ServerKind, number[]>;
  /** Set when a server did not sync within the timeout (then its one run is not repeated). */
  timedOut: Partial<Record<ServerKind, number>>;
  logBytes: number;
  snapshotBytes: number;
  /** Ours again on the same data after the first load compacted the log (what a second open costs). */
  compactedMs: number[];
}

const BLOCKS = 200;

/**
 * N small edits of a canvas-like document, each one update as an editor would send it: mostly typing
 * (a keystroke at a cursor that now and then jumps to another block or position, some backspaces),
 * and every tenth edit a block moved (a position overwritten in the block's map).
 */
function generateUpdates(count: number): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const blocks = doc.getMap<Y.Map<unknown>>('blocks');
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  let block: Y.Map<unknown> | undefined;
  let cursor = 0;
  for (let i = 0; updates.length < count; i++) {
    if (i < BLOCKS) {
      const created = new Y.Map<unknown>();
      created.set('sql', new Y.Text());
      blocks.set(`b${i}`, created);
      continue;
    }
    if (!block || i % 500 === 0) {
      block = blocks.get(`b${random(BLOCKS)}`)!;
      cursor = random((block.get('sql') as Y.Text).length + 1);
    }
    const text = block.get('sql') as Y.Text;
    if (i % 10 === 0) block.set('x', random(2000));
    else if (i % 50 === 1 && cursor > 0) text.delete(--cursor, 1);
    else text.insert(cursor++, 'select '[i % 7]!);
  }
  return { updates, doc };
}

function contentOf(doc: Y.Doc): string {
  return JSON.stringify(Object.entries(doc.getMap('blocks').toJSON()).sort(([a], [b]) => a.localeCompare(b)));
}

export async function runColdLoad(
  updatesWanted: number,
  runs: number,
  timeoutMs: number,
): Promise<ColdResult> {
  const dir = mkdtempSync(join(tmpdir(), 'facet-bench-relay-cold-'));
  try {
    process.stderr.write(`    generating ${updatesWanted} updates…\n`);
    const { updates, doc } = generateUpdates(updatesWanted);
    const expected = contentOf(doc);
    const logBytes = updates.reduce((n, u) => n + u.byteLength, 0);

    // Fill the store with the relay's own code, in this process, then close it.
    const filler = await startRelay(relayConfig({ port: 0, dataDir: dir, logLevel: 'silent' }));
    const { email, token: fillerToken } = await register(filler.url);
    const docName = await createDoc(filler.url, fillerToken, 0);
    await Promise.all(updates.map((u) => filler.docLog.append(docName, u)));
    await filler.close();
    const snapshotFile = join(dir, 'peer-snapshot.bin');
    const snapshot = Y.encodeStateAsUpdate(doc);
    writeFileSync(snapshotFile, snapshot);

    const runsMs: Record<ServerKind, number[]> = { ours: [], peer: [] };
    const compactedMs: number[] = [];
    const timedOut: ColdResult['timedOut'] = {};
    for (let run = 0; run < runs; run++) {
      for (const kind of ['ours', 'peer'] as const) {
        if (timedOut[kind]) continue;
        // Each run of ours starts from a copy of the raw log: a load compacts a long log afterwards.
        const runDir = join(dir, `run-${run}`);
        if (kind === 'ours') {
          mkdirSync(runDir, { recursive: true });
          cpSync(join(dir, 'relay.sqlite'), join(runDir, 'relay.sqlite'));
        }
        const server = kind === 'ours' ? await startOurs(runDir) : await startPeer(snapshotFile);
        try {
          let token = 'bench';
          if (kind === 'ours') {
            const rows = (await server.stats()).logRows;
            if (rows !== updates.length)
              throw new Error(`the relay's log holds ${rows} updates, expected ${updates.length}`);
            token = await login(server.url, email);
          }
          const ms = await timeToSynced(server, token, docName, expected, timeoutMs);
          if (ms === undefined) timedOut[kind] = timeoutMs;
          else runsMs[kind].push(ms);
          if (kind === 'ours' && ms !== undefined) {
            // Let the load's background compaction finish, then open the same data again.
            const until = Date.now() + timeoutMs;
            while ((await server.stats()).logRows > 0 && Date.now() < until)
              await new Promise((r) => setTimeout(r, 100));
            await server.stop('SIGKILL');
            const again = await startOurs(runDir);
            try {
              const ms2 = await timeToSynced(
                again,
                await login(again.url, email),
                docName,
                expected,
                timeoutMs,
              );
              if (ms2 !== undefined) compactedMs.push(ms2);
            } finally {
              await again.stop('SIGKILL');
            }
          }
        } finally {
          // SIGKILL: a graceful stop could compact the log, and the next run must load it raw again.
          await server.stop('SIGKILL');
        }
      }
    }
    return { runsMs, timedOut, logBytes, snapshotBytes: snapshot.byteLength, compactedMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Connect → synced in ms, or undefined when it took longer than `timeoutMs`. */
async function timeToSynced(
  server: ServerProcess,
  token: string,
  docName: string,
  expected: string,
  timeoutMs: number,
): Promise<number | undefined> {
  const pool = new ClientPool(server.wsUrl, token, new LatencyRecorder());
  try {
    const started = performance.now();
    let client;
    try {
      client = await pool.connect(docName, 'cold', timeoutMs);
    } catch (error) {
      if (error instanceof SyncTimeout) return undefined;
      throw error;
    }
    const ms = performance.now() - started;
    if (contentOf(client.doc) !== expected)
      throw new Error(`the ${server.kind} server's cold load produced a different document`);
    return ms;
  } finally {
    pool.destroy();
  }
}
