/**
 * Phase "many": D documents × C clients on one server. Measures memory per document and per
 * connection while clients join, edit latency at a fixed rate (an edit's send time to each other
 * client's observation of it), the server's event-loop delay meanwhile, and updates/s flat out.
 */
import { assertConverged, ClientPool, LatencyRecorder } from './clients.ts';
import { createWorkspace } from './accounts.ts';
import { editAtRate, editFlatOut, percentile, sleep } from './load.ts';
import type { RelayBenchOptions } from './cli-args.ts';
import type { ProcessStats, ServerProcess } from './process-stats.ts';

export interface ManyDocsResult {
  sockets: number;
  p50Ms: number;
  p99Ms: number;
  /** Edits sent per second in the fixed-rate window. */
  offeredPerSec: number;
  eventLoopP99Ms: number;
  /** Acknowledged updates per second with every client editing flat out, and their latency. */
  flatOutPerSec: number;
  flatOutP99Ms: number;
  rssPerDoc: number;
  rssPerConnection: number;
  heapPerDoc: number;
  heapPerConnection: number;
}

/** Reads stats after a pause, so connection bursts and their garbage have settled. */
async function settledStats(server: ServerProcess): Promise<ProcessStats> {
  await sleep(1500);
  return server.stats();
}

export async function runManyDocs(server: ServerProcess, o: RelayBenchOptions): Promise<ManyDocsResult> {
  const { token, docNames } = await createWorkspace(server, o.docs);
  const recorder = new LatencyRecorder();
  const pool = new ClientPool(server.wsUrl, token, recorder);
  try {
    // Slot j of every document is one simulated device; each device multiplexes docsPerSocket documents.
    const slot = (j: number) =>
      docNames.map((docName, i) => ({ docName, socketKey: `s${j}-${Math.floor(i / o.docsPerSocket)}` }));
    const base = await settledStats(server);
    await pool.connectAll(slot(0));
    const oneEach = await settledStats(server);
    for (let j = 1; j < o.clientsPerDoc; j++) await pool.connectAll(slot(j));
    const all = await settledStats(server);
    const extra = o.docs * (o.clientsPerDoc - 1);
    const rssPerConnection = (all.rss - oneEach.rss) / extra;
    const heapPerConnection = (all.heapUsed - oneEach.heapUsed) / extra;
    process.stderr.write(`    ${pool.clients.length} clients on ${pool.socketCount} sockets connected\n`);

    recorder.start();
    await server.stats(); // restarts the server's event-loop histogram
    await editAtRate(pool.clients, o.rate, o.seconds);
    await assertConverged(pool.clients);
    const window = await server.stats();
    const fixed = recorder.samples;
    const sent = pool.clients.reduce((n, c) => n + c.sent, 0);
    expectSamples(fixed.length, sent, o.clientsPerDoc - 1, 'fixed-rate window');

    recorder.start();
    const sentBefore = pool.clients.reduce((n, c) => n + c.sent, 0);
    const flatOutPerSec = await editFlatOut(pool.clients, o.seconds);
    await assertConverged(pool.clients);
    const flatOut = recorder.samples;
    const flatSent = pool.clients.reduce((n, c) => n + c.sent, 0) - sentBefore;
    expectSamples(flatOut.length, flatSent, o.clientsPerDoc - 1, 'flat-out window');
    pool.assertNoCloses();
    return {
      sockets: pool.socketCount,
      p50Ms: percentile(fixed, 50),
      p99Ms: percentile(fixed, 99),
      offeredPerSec: sent / o.seconds,
      eventLoopP99Ms: window.eventLoopP99Ms,
      flatOutPerSec,
      flatOutP99Ms: percentile(flatOut, 99),
      rssPerDoc: (oneEach.rss - base.rss) / o.docs - rssPerConnection,
      rssPerConnection,
      heapPerDoc: (oneEach.heapUsed - base.heapUsed) / o.docs - heapPerConnection,
      heapPerConnection,
    };
  } finally {
    pool.destroy();
  }
}

/** Every edit must be observed once by every other client of its document, no more, no fewer. */
export function expectSamples(samples: number, sent: number, observers: number, what: string): void {
  const expected = sent * observers;
  if (samples !== expected || samples === 0)
    throw new Error(`${what}: ${samples} observations of ${sent} edits, expected ${expected}`);
}
