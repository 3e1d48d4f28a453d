/**
 * nodejs-polars: Rust columnar engine with its own thread pool, driven from Node. Data live in
 * Rust memory; only the checksums cross into JavaScript, outside the timed part.
 */
import { createRequire } from 'node:module';
import pl from 'nodejs-polars';
import type { FlightsId } from '../flights-queries.ts';
import { FLIGHTS_QUERIES } from '../flights-queries.ts';
import type { H2oId } from '../h2o-queries.ts';
import { H2O_QUESTIONS } from '../h2o-queries.ts';
import { type Check, type Peer, sumOf, type Timed, timed } from '../peer.ts';
import { POLARS_FLIGHTS, POLARS_GROUPBY } from './polars-queries.ts';

/** Starts a polars peer (nothing to start: frames are created on load). */
export function createPolarsPeer(): Promise<Peer> {
  let x: pl.DataFrame | undefined;
  let flights: pl.DataFrame | undefined;
  const need = (frame: pl.DataFrame | undefined, what: string): pl.DataFrame => {
    if (!frame) throw new Error(`${what} is not loaded`);
    return frame;
  };
  const peer: Peer = {
    version: polarsVersion(),

    async loadCsv(path: string): Promise<Timed> {
      x = undefined;
      const { ms, value } = await timed(() => pl.readCSV(path));
      x = value;
      return { ms, check: { rows: value.height, sums: [] } };
    },

    async profile(): Promise<Timed> {
      const frame = need(x, 'x');
      const { ms } = await timed(() => frame.describe());
      return { ms, check: { rows: frame.width, sums: [] } };
    },

    async groupby(id: H2oId): Promise<Timed> {
      const frame = need(x, 'x');
      const { ms, value } = await timed(() => POLARS_GROUPBY[id](frame));
      const checks = H2O_QUESTIONS.find((q) => q.id === id)?.checks ?? [];
      return { ms, check: checkOf(value, checks) };
    },

    dropCsv(): Promise<void> {
      x = undefined;
      return Promise.resolve();
    },

    async loadParquet(path: string): Promise<Timed> {
      flights = undefined;
      const { ms, value } = await timed(() => pl.readParquet(path));
      flights = value;
      return { ms, check: { rows: value.height, sums: [] } };
    },

    async flights(id: FlightsId): Promise<Timed> {
      const frame = need(flights, 'flights');
      const { ms, value } = await timed(() => POLARS_FLIGHTS[id](frame));
      const checks = FLIGHTS_QUERIES.find((q) => q.id === id)?.checks ?? [];
      return { ms, check: checkOf(value, checks) };
    },

    close(): Promise<void> {
      x = undefined;
      flights = undefined;
      return Promise.resolve();
    },
  };
  return Promise.resolve(peer);
}

function checkOf(frame: pl.DataFrame, columns: readonly string[]): Check {
  return { rows: frame.height, sums: columns.map((c) => sumOf(frame.getColumn(c).toArray())) };
}

function polarsVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest = require('nodejs-polars/package.json') as { version: string };
  return manifest.version;
}
