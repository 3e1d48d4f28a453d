/**
 * `npm run bench:relay [-- --docs 500 --writers 10,50,100,200 --cold-updates 100000 --quick]`
 *
 * Issue 5 §7: our relay (apps/sync-server: durable log, append before ack, group commit) against a
 * stock Hocuspocus v4 `Server` with no durability, each in its own child process, driven by real
 * `@hocuspocus/provider` clients in this process:
 *   many  D docs × C clients: edit latency p50/p99, event-loop delay, updates/s flat out, memory
 *   hot   one document with 10 → 200 writers: latency p99 and event-loop delay per step
 *   cold  a document with N updates in its log: connect → synced on a fresh relay process
 * Every phase ends with all clients of each document converged to identical state, or it fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs, USAGE, UsageError, type RelayBenchOptions } from './cli-args.ts';
import { runColdLoad } from './cold-load.ts';
import { runHotDoc, type HotStep } from './hot-doc.ts';
import { runManyDocs, type ManyDocsResult } from './many-docs.ts';
import { median } from '../engine/stats.ts';
import {
  startOurs,
  startPeer,
  EVENT_LOOP_RESOLUTION_MS,
  type ServerKind,
  type ServerProcess,
} from './process-stats.ts';
import { printTable, type Heading, type Row } from './report.ts';

/** Runs `phase` against a fresh server of each kind (a fresh process, so no phase inherits another's state). */
async function onBoth<T>(
  name: string,
  phase: (server: ServerProcess) => Promise<T>,
): Promise<Record<ServerKind, T>> {
  const out: Partial<Record<ServerKind, T>> = {};
  for (const kind of ['ours', 'peer'] as const) {
    process.stderr.write(`  ${name} on ${kind}…\n`);
    const dir = mkdtempSync(join(os.tmpdir(), 'facet-bench-relay-'));
    const server = kind === 'ours' ? await startOurs(dir) : await startPeer();
    try {
      out[kind] = await phase(server);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out as Record<ServerKind, T>;
}

/** Event-loop delay beyond the sampling interval (each sample includes the 10 ms timer period). */
const lag = (ms: number) => Math.max(0, ms - EVENT_LOOP_RESOLUTION_MS);

function manyRows(o: RelayBenchOptions, r: Record<ServerKind, ManyDocsResult>): (Row | Heading)[] {
  const row = (
    measure: string,
    unit: Row['unit'],
    pick: (m: ManyDocsResult) => number,
    goalAtMost?: number,
  ) => ({
    measure,
    unit,
    ours: pick(r.ours),
    peer: pick(r.peer),
    goalAtMost,
  });
  return [
    {
      heading:
        `${o.docs} docs × ${o.clientsPerDoc} clients (${o.docs * o.clientsPerDoc} clients, ${r.ours.sockets} sockets, ` +
        `${o.docsPerSocket} docs per socket), ${o.rate} edit/s per client for ${o.seconds} s (${Math.round(r.ours.offeredPerSec)} edits/s)`,
    },
    row('edit → other clients, p50', 'ms', (m) => m.p50Ms),
    row('edit → other clients, p99', 'ms', (m) => m.p99Ms, o.docs * o.clientsPerDoc >= 1500 ? 5 : undefined),
    row('server event-loop delay p99', 'ms', (m) => lag(m.eventLoopP99Ms)),
    row('updates/s, every client flat out (acked)', '/s', (m) => m.flatOutPerSec),
    row('  edit → other clients p99, flat out', 'ms', (m) => m.flatOutP99Ms),
    row('RSS per document', 'KB', (m) => m.rssPerDoc),
    row('heap per document', 'KB', (m) => m.heapPerDoc),
    row('RSS per connection (a doc on a shared socket)', 'KB', (m) => m.rssPerConnection),
    row('heap per connection', 'KB', (m) => m.heapPerConnection),
  ];
}

function hotRows(o: RelayBenchOptions, r: Record<ServerKind, HotStep[]>): (Row | Heading)[] {
  const lines: (Row | Heading)[] = [
    {
      heading: `one document, every client a writer on its own socket; ${o.hotEdits} edits/s in total, shared by the writers, for ${o.seconds} s per step`,
    },
  ];
  const last = Math.max(...o.writers);
  r.ours.forEach((ours, i) => {
    const peer = r.peer[i];
    const n = ours.writers;
    lines.push(
      {
        measure: `${n} writers: edit → others, p99`,
        unit: 'ms',
        ours: ours.p99Ms,
        peer: peer?.p99Ms,
        goalAtMost: n === last && n >= 200 ? 50 : undefined,
      },
      { measure: `${n} writers: edit → others, p50`, unit: 'ms', ours: ours.p50Ms, peer: peer?.p50Ms },
      {
        measure: `${n} writers: server event-loop delay p99`,
        unit: 'ms',
        ours: lag(ours.eventLoopP99Ms),
        peer: peer && lag(peer.eventLoopP99Ms),
      },
      {
        measure: `${n} writers: updates delivered`,
        unit: '/s',
        ours: ours.deliveriesPerSec,
        peer: peer?.deliveriesPerSec,
      },
    );
  });
  return lines;
}

async function main(): Promise<void> {
  const o = parseBenchArgs(process.argv.slice(2));
  const started = performance.now();
  const loadBefore = os.loadavg()[0] ?? 0;
  const lines: (Row | Heading)[] = [];
  if (o.phases.includes('many'))
    lines.push(...manyRows(o, await onBoth('many documents', (s) => runManyDocs(s, o))));
  if (o.phases.includes('hot'))
    lines.push(...hotRows(o, await onBoth('hot document', (s) => runHotDoc(s, o))));
  if (o.phases.includes('cold')) {
    process.stderr.write('  cold load…\n');
    const cold = await runColdLoad(o.coldUpdates, o.coldRuns, o.coldTimeout * 1000);
    const spread = (kind: ServerKind) => {
      const ms = cold.runsMs[kind];
      if (cold.timedOut[kind]) return `${kind} did not sync in ${o.coldTimeout} s`;
      return `${kind} ${Math.round(Math.min(...ms))}–${Math.round(Math.max(...ms))} ms`;
    };
    const value = (kind: ServerKind) => cold.timedOut[kind] ?? median(cold.runsMs[kind]);
    lines.push(
      {
        heading: `cold load, ${o.coldUpdates.toLocaleString('en')} updates (${(cold.logBytes / 1e6).toFixed(1)} MB) in the log; peer: the same document as one ${(cold.snapshotBytes / 1e6).toFixed(2)} MB snapshot; median of ${o.coldRuns} fresh processes`,
      },
      {
        measure: `connect → synced (${spread('ours')}, ${spread('peer')})`,
        unit: 'ms',
        ours: value('ours'),
        peer: value('peer'),
        oursAtLeast: cold.timedOut.ours !== undefined,
        goalAtMost: o.coldUpdates >= 100_000 ? 300 : undefined,
      },
      ...(cold.compactedMs.length
        ? [
            {
              measure: 'the same document opened again (its first load compacted the log); peer as above',
              unit: 'ms' as const,
              ours: median(cold.compactedMs),
              peer: value('peer'),
              oursAtLeast: false,
              goalAtMost: o.coldUpdates >= 100_000 ? 300 : undefined,
            },
          ]
        : []),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  printTable(
    `Relay benchmark: ours (apps/sync-server, SQLite log, append before ack) vs a stock Hocuspocus ${'v4'} Server (in memory, no auth)`,
    lines,
    [
      `${os.availableParallelism()} cores, Node ${process.version}; load average ${loadBefore.toFixed(1)} at start, ${(os.loadavg()[0] ?? 0).toFixed(1)} at the end; ${Math.round(seconds)} s.`,
      'The clients run in this process on the same machine as the server under test, so latency includes',
      "the clients' own CPU time and anything else running here. Event-loop delay is the p99 beyond the",
      `${EVENT_LOOP_RESOLUTION_MS} ms sampling interval. Memory deltas are of the server process (RSS, V8 heap used) without a forced GC.`,
      'Goals apply to the sizes of issue 5 §7 (500 docs × 3 clients, 200 writers, 1e5 updates); smaller runs print no verdict for them.',
    ],
  );
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `bench:relay failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
