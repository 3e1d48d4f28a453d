/**
 * Arquero 8: a pure-JavaScript, single-threaded column store — the kind of engine our app would
 * use without DuckDB. It has no parquet reader, so the flights file goes polars → Arrow IPC →
 * `fromArrow`; that conversion is what its parquet load time measures.
 */
import { createRequire } from 'node:module';
import { type ColumnTable, fromArrow, loadCSV } from 'arquero';
import { FLIGHTS_QUERIES, type FlightsId } from '../flights-queries.ts';
import { H2O_QUESTIONS, type H2oId } from '../h2o-queries.ts';
import { type Check, type Peer, sumOf, type Timed, timed } from '../peer.ts';
import { ARQUERO_FLIGHTS, ARQUERO_GROUPBY, arqueroProfile } from './arquero-queries.ts';

/** Starts an Arquero peer (tables are created on load). */
export function createArqueroPeer(): Promise<Peer> {
  let x: ColumnTable | undefined;
  let flights: ColumnTable | undefined;
  const need = (table: ColumnTable | undefined, what: string): ColumnTable => {
    if (!table) throw new Error(`${what} is not loaded`);
    return table;
  };
  const peer: Peer = {
    version: packageVersion('arquero'),

    async loadCsv(path: string): Promise<Timed> {
      x = undefined;
      const { ms, value } = await timed(() => loadCSV(path));
      x = value;
      return { ms, check: { rows: value.numRows(), sums: [] } };
    },

    async profile(): Promise<Timed> {
      const table = need(x, 'x');
      const { ms } = await timed(() => arqueroProfile(table));
      return { ms, check: { rows: table.numCols(), sums: [] } };
    },

    async groupby(id: H2oId): Promise<Timed> {
      const table = need(x, 'x');
      // `filter` and `orderby` only record a selection; reify() materialises it, as the SQL engines do.
      const { ms, value } = await timed(() => ARQUERO_GROUPBY[id](table).reify());
      return { ms, check: checkOf(value, H2O_QUESTIONS.find((q) => q.id === id)?.checks ?? []) };
    },

    dropCsv(): Promise<void> {
      x = undefined;
      return Promise.resolve();
    },

    async loadParquet(path: string): Promise<Timed> {
      flights = undefined;
      // Imported here so that Arquero's other steps still run where polars' native binary is missing.
      const { default: pl } = await import('nodejs-polars');
      const { ms, value } = await timed(() => fromArrow(pl.readParquet(path).writeIPC()));
      flights = value;
      return { ms, check: { rows: value.numRows(), sums: [] } };
    },

    async flights(id: FlightsId): Promise<Timed> {
      const table = need(flights, 'flights');
      const { ms, value } = await timed(() => ARQUERO_FLIGHTS[id](table).reify());
      return { ms, check: checkOf(value, FLIGHTS_QUERIES.find((q) => q.id === id)?.checks ?? []) };
    },

    close(): Promise<void> {
      x = undefined;
      flights = undefined;
      return Promise.resolve();
    },
  };
  return Promise.resolve(peer);
}

function checkOf(table: ColumnTable, columns: readonly string[]): Check {
  return { rows: table.numRows(), sums: columns.map((c) => sumOf(table.array(c))) };
}

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}
