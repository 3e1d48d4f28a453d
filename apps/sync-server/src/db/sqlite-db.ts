import Database from 'better-sqlite3';
import type { Db, Dialect, Queryable, Row, SqlValue } from './db.ts';
import { WalCheckpointer } from './wal-checkpointer.ts';

const SQLITE: Dialect = {
  name: 'sqlite',
  blob: 'BLOB',
  serial: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  forUpdate: '',
};

export interface SqliteDbOptions {
  /**
   * `true`: fsync on every commit (survives power loss). `false` (default): WAL with synchronous=NORMAL;
   * a committed write is in the OS before the call returns, so a killed process loses nothing.
   */
  fsync?: boolean;
  /** Checkpoint the WAL on a worker thread instead of inside commits (default: true for files). */
  checkpointInWorker?: boolean;
}

/** Runs synchronous work as a promise (a throw becomes a rejection). */
function settle<V>(work: () => V): Promise<V> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

/**
 * SQLite through better-sqlite3. Statements run synchronously (the relay's hot path appends in
 * microseconds); transactions that span awaits are serialized so no other statement lands inside one.
 */
export class SqliteDb implements Db {
  readonly dialect = SQLITE;
  readonly raw: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private txChain: Promise<unknown> = Promise.resolve();
  private inTx = false;
  private readonly checkpointer: WalCheckpointer | undefined;

  constructor(file: string, options: SqliteDbOptions = {}) {
    this.raw = new Database(file);
    this.raw.pragma('journal_mode = WAL');
    this.raw.pragma(`synchronous = ${options.fsync ? 'FULL' : 'NORMAL'}`);
    this.raw.pragma('foreign_keys = ON');
    this.raw.pragma('busy_timeout = 5000');
    if ((options.checkpointInWorker ?? true) && file !== ':memory:') {
      this.raw.pragma('wal_autocheckpoint = 0');
      this.checkpointer = new WalCheckpointer(file);
    }
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.raw.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Synchronous forms, for callers that must not yield (the durable append). */
  allSync<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): T[] {
    return this.prepare(sql).all(...bind(params)) as T[];
  }

  runSync(sql: string, params: readonly SqlValue[] = []): number {
    return this.prepare(sql).run(...bind(params)).changes;
  }

  private async waitForTx(): Promise<void> {
    while (this.inTx) await this.txChain.catch(() => undefined);
  }

  async all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    await this.waitForTx();
    return this.allSync<T>(sql, params);
  }

  async get<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    await this.waitForTx();
    return this.prepare(sql).get(...bind(params)) as T | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    await this.waitForTx();
    return this.runSync(sql, params);
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const tx: Queryable = {
      all: <R extends Row>(sql: string, params: readonly SqlValue[] = []) =>
        settle(() => this.allSync<R>(sql, params)),
      get: <R extends Row>(sql: string, params: readonly SqlValue[] = []) =>
        settle(() => this.prepare(sql).get(...bind(params)) as R | undefined),
      run: (sql: string, params: readonly SqlValue[] = []) => settle(() => this.runSync(sql, params)),
    };
    const result = this.txChain
      .catch(() => undefined)
      .then(async () => {
        await this.waitForTx();
        this.inTx = true;
        this.raw.exec('BEGIN IMMEDIATE');
        try {
          const value = await work(tx);
          this.raw.exec('COMMIT');
          return value;
        } catch (error) {
          if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
          throw error;
        } finally {
          this.inTx = false;
        }
      });
    this.txChain = result;
    return result;
  }

  async exec(sql: string): Promise<void> {
    await this.waitForTx();
    this.raw.exec(sql);
  }

  async close(): Promise<void> {
    await this.waitForTx();
    await this.checkpointer?.stop();
    // Closing the last connection checkpoints and removes the WAL.
    if (this.raw.open) this.raw.close();
  }
}
