/**
 * The relay's one database interface. Two implementations: SQLite (better-sqlite3, the default: one
 * file under `--data`) and Postgres (the shared store when several relays serve the same documents).
 *
 * SQL is written once with `?` placeholders and the common subset of both dialects; the few
 * differences (blob type, auto-increment keys, row locks) come from {@link Dialect}.
 */
export type SqlValue = string | number | bigint | boolean | null | Uint8Array;

export type Row = Record<string, unknown>;

export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Column type for binary data. */
  readonly blob: string;
  /** Column definition of an auto-increment primary key. */
  readonly serial: string;
  /** Suffix that locks the selected rows until the transaction ends ('' where the store is single-writer). */
  readonly forUpdate: string;
}

/** Queries that can run inside or outside a transaction. */
export interface Queryable {
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface Db extends Queryable {
  readonly dialect: Dialect;
  /** Runs `work` in one transaction; a throw rolls everything back. Keep other I/O out of `work`. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs DDL (several statements separated by `;`). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Reads an integer column: Postgres returns BIGINT as a string, SQLite as a number. */
export function int(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value !== '') return Number(value);
  return 0;
}

/** Reads a binary column as a Uint8Array (Buffer is one; this drops Buffer's extra surface from the type). */
export function bytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('expected a binary column');
}
