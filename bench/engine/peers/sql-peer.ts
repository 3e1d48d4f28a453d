/**
 * The benchmark for any DuckDB-based engine, written once against a minimal SQL session so that our
 * engines and the DuckDB baseline run exactly the same statements. Groupby answers follow the H2O
 * DuckDB solution: time `CREATE TABLE ans AS …`, then check and drop `ans` untimed.
 *
 * After every load and every dropped answer an untimed CHECKPOINT runs. Without it DuckDB checkpoints
 * on its own once enough writes pile up, and the first checkpoint after a load compresses the whole
 * in-memory table (about 7 s at 1e7 rows): that cost landed on whichever question crossed the
 * threshold, a different one per engine, and swamped the ratios.
 */
import { FLIGHTS_QUERIES, type FlightsId } from '../flights-queries.ts';
import { H2O_QUESTIONS, h2oCheckSql, type H2oId } from '../h2o-queries.ts';
import { type Check, type Peer, sumOf, type Timed, timed } from '../peer.ts';

/** A result fetched into JavaScript. */
export interface SqlResult {
  rows: number;
  column(name: string): Iterable<unknown>;
}

/** What a DuckDB-based engine must offer for the benchmark. */
export interface SqlSession {
  readonly version: string;
  /** Runs a statement whose result is not needed. */
  exec(sql: string): Promise<void>;
  /** Runs a query and fetches its whole result. */
  select(sql: string): Promise<SqlResult>;
  /** Imports a CSV file into a new table with the engine's own importer. */
  loadCsv(path: string, table: string): Promise<void>;
  /** Imports a parquet file into a new table. */
  loadParquet(path: string, table: string): Promise<void>;
  /** Profiles every column of a table; returns how many columns were profiled. */
  profile(table: string): Promise<number>;
  /** Drops a table if it exists. */
  drop(table: string): Promise<void>;
  close(): Promise<void>;
}

/** Wraps a SQL session as a benchmark peer. */
export function sqlPeer(session: SqlSession): Peer {
  const countRows = async (table: string): Promise<number> =>
    sumOf((await session.select(`SELECT count(*) AS n FROM ${table}`)).column('n'));

  const load = async (table: string, importer: () => Promise<void>): Promise<Timed> => {
    await session.drop(table);
    const { ms } = await timed(importer);
    await session.exec('CHECKPOINT');
    return { ms, check: { rows: await countRows(table), sums: [] } };
  };

  return {
    version: session.version,
    loadCsv: (path) => load('x', () => session.loadCsv(path, 'x')),
    loadParquet: (path) => load('flights', () => session.loadParquet(path, 'flights')),
    dropCsv: () => session.drop('x'),
    close: () => session.close(),

    async profile(): Promise<Timed> {
      const { ms, value } = await timed(() => session.profile('x'));
      return { ms, check: { rows: value, sums: [] } };
    },

    async groupby(id: H2oId): Promise<Timed> {
      const question = H2O_QUESTIONS.find((q) => q.id === id);
      if (!question) throw new Error(`unknown question ${id}`);
      await session.drop('ans');
      const { ms } = await timed(() => session.exec(`CREATE TABLE ans AS ${question.sql}`));
      const result = await session.select(h2oCheckSql(question));
      const check: Check = {
        rows: sumOf(result.column('n')),
        sums: question.checks.map((_, i) => sumOf(result.column(`s${i}`))),
      };
      await session.drop('ans');
      await session.exec('CHECKPOINT');
      return { ms, check };
    },

    async flights(id: FlightsId): Promise<Timed> {
      const query = FLIGHTS_QUERIES.find((q) => q.id === id);
      if (!query) throw new Error(`unknown query ${id}`);
      const { ms, value } = await timed(() => session.select(query.sql));
      return { ms, check: { rows: value.rows, sums: query.checks.map((c) => sumOf(value.column(c))) } };
    },
  };
}
