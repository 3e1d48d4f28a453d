import pg from 'pg';
import type { Db, Dialect, Queryable, Row, SqlValue } from './db.ts';

const POSTGRES: Dialect = {
  name: 'postgres',
  blob: 'BYTEA',
  serial: 'BIGSERIAL PRIMARY KEY',
  forUpdate: ' FOR UPDATE',
};

/** `?` placeholders to `$1, $2, …` (the relay's SQL never has `?` inside a literal). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function values(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p) : p));
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async all<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      const result = await client.query(numberPlaceholders(sql), values(params));
      return result.rows as T[];
    },
    async get<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      const result = await client.query(numberPlaceholders(sql), values(params));
      return result.rows[0] as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      const result = await client.query(numberPlaceholders(sql), values(params));
      return result.rowCount ?? 0;
    },
  };
}

/** Postgres through a `pg` pool: the shared store of several relay instances. */
export class PostgresDb implements Db {
  readonly dialect = POSTGRES;
  private readonly pool: pg.Pool;
  private readonly q: Queryable;

  constructor(connectionString: string) {
    this.pool = new pg.Pool({ connectionString, max: 10 });
    // An idle client's error (the server restarting) must not crash the relay; the pool replaces it.
    this.pool.on('error', () => undefined);
    this.q = queryable(this.pool);
  }

  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.q.all<T>(sql, params);
  }

  get<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.q.get<T>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.q.run(sql, params);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await work(queryable(client));
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
