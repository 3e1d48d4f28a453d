/**
 * Phase "hot": one document, writers added step by step (10 → 200). Every client writes and every
 * client observes the others, each on its own socket, as real collaborators would. Measures edit
 * latency at each step and the server's event-loop delay meanwhile.
 */
import { assertConverged, ClientPool, LatencyRecorder } from './clients.ts';
import { createWorkspace } from './accounts.ts';
import { editAtRate, percentile, sleep } from './load.ts';
import { expectSamples } from './many-docs.ts';
import type { RelayBenchOptions } from './cli-args.ts';
import type { ServerProcess } from './process-stats.ts';

export interface HotStep {
  writers: number;
  p50Ms: number;
  p99Ms: number;
  eventLoopP99Ms: number;
  /** Updates delivered to clients per second (each edit reaches writers − 1 clients). */
  deliveriesPerSec: number;
}

export async function runHotDoc(server: ServerProcess, o: RelayBenchOptions): Promise<HotStep[]> {
  const { token, docNames } = await createWorkspace(server, 1);
  const docName = docNames[0]!;
  const recorder = new LatencyRecorder();
  const pool = new ClientPool(server.wsUrl, token, recorder);
  const steps: HotStep[] = [];
  try {
    for (const writers of o.writers) {
      const have = pool.clients.length;
      await pool.connectAll(
        Array.from({ length: writers - have }, (_, i) => ({ docName, socketKey: `w${have + i}` })),
        20,
      );
      await sleep(1000); // the joins' awareness and sync traffic has passed
      const sentBefore = pool.clients.reduce((n, c) => n + c.sent, 0);
      recorder.start();
      await server.stats(); // restarts the server's event-loop histogram
      const started = performance.now();
      await editAtRate(pool.clients, o.hotEdits / writers, o.seconds);
      await assertConverged(pool.clients);
      const elapsed = (performance.now() - started) / 1000;
      const stats = await server.stats();
      const sent = pool.clients.reduce((n, c) => n + c.sent, 0) - sentBefore;
      expectSamples(recorder.samples.length, sent, writers - 1, `${writers} writers`);
      steps.push({
        writers,
        p50Ms: percentile(recorder.samples, 50),
        p99Ms: percentile(recorder.samples, 99),
        eventLoopP99Ms: stats.eventLoopP99Ms,
        deliveriesPerSec: recorder.samples.length / elapsed,
      });
      process.stderr.write(
        `    ${writers} writers: p99 ${percentile(recorder.samples, 99).toFixed(1)} ms, ${recorder.samples.length} observations\n`,
      );
    }
    pool.assertNoCloses();
    return steps;
  } finally {
    pool.destroy();
  }
}
