/**
 * The peer of `npm run bench:relay`: a stock Hocuspocus v4 `Server` with no durability (it keeps
 * documents in memory and acknowledges at once) and no auth (every token is accepted). Run as a child
 * process: it prints `{"msg":"peer listening","url":…}` on stdout, and answers `GET /stats` with its
 * RSS, heap and event-loop delay (measured like prom-client does for the relay, and reset on each read).
 *
 * `--snapshot FILE` gives it a persistence path for the cold-load case: every document it loads starts
 * from that Yjs update, the way `@hocuspocus/extension-database` applies what its `fetch` returns.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Server } from '@hocuspocus/server';
import * as Y from 'yjs';
import { EVENT_LOOP_RESOLUTION_MS, type ProcessStats } from './process-stats.ts';

const { values } = parseArgs({ options: { snapshot: { type: 'string' } } });
const snapshot = values.snapshot ? new Uint8Array(readFileSync(values.snapshot)) : undefined;
const delay = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
delay.enable();

const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
  extensions: [
    {
      onLoadDocument({ document }) {
        if (snapshot) Y.applyUpdate(document, snapshot);
        return Promise.resolve();
      },
      onRequest({ request, response }) {
        if (request.url !== '/stats') return Promise.resolve();
        const memory = process.memoryUsage();
        const stats: ProcessStats = {
          rss: memory.rss,
          heapUsed: memory.heapUsed,
          eventLoopP99Ms: delay.percentile(99) / 1e6,
          eventLoopMaxMs: delay.max / 1e6,
          logRows: 0,
        };
        delay.reset();
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(stats));
        // Hocuspocus's documented way to stop its default answer: a hook that rejects with no error.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        return Promise.reject(null);
      },
    },
  ],
});
await server.listen();
process.stdout.write(
  `${JSON.stringify({ msg: 'peer listening', url: `http://127.0.0.1:${server.address.port}` })}\n`,
);
