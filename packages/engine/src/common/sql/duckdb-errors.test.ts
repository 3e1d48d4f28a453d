import { describe, expect, it } from 'vitest';
import { CancelledError, SqlError } from '../errors.ts';
import { sqlErrorFromDuckDb } from './duckdb-errors.ts';

describe('sqlErrorFromDuckDb', () => {
  it('finds the line and column from DuckDB caret drawings', () => {
    const sql = 'SELECT 1;\nSELECT * FORM x';
    const error = sqlErrorFromDuckDb(
      new Error(
        'Parser Error: syntax error at or near "x"\n\nLINE 2: SELECT * FORM x\n                      ^',
      ),
      sql,
    ) as SqlError;
    expect(error).toBeInstanceOf(SqlError);
    expect(error).toMatchObject({ kind: 'Parser', line: 2, column: 15, position: 24 });
    expect(error.message).toBe('Parser Error: syntax error at or near "x" (line 2, column 15)');
  });

  it('handles DuckDB windows of long lines', () => {
    const long = `SELECT ${'a, '.repeat(60)}nope FROM t`;
    const at = long.indexOf('nope');
    const snippet = long.slice(at - 20, at + 20);
    const message = `Binder Error: column "nope" not found\n\nLINE 1: ...${snippet}...\n${' '.repeat(8 + 3 + 20)}^`;
    expect(sqlErrorFromDuckDb(new Error(message), long)).toMatchObject({ line: 1, column: at + 1 });
  });

  it('keeps hints and maps interrupts to CancelledError', () => {
    const error = sqlErrorFromDuckDb(
      new Error('Catalog Error: Table with name x does not exist!\nDid you mean "y"?'),
      'x',
    );
    expect(error.message).toBe('Catalog Error: Table with name x does not exist!\nDid you mean "y"?');
    expect(sqlErrorFromDuckDb(new Error('INTERRUPT Error: Interrupted!'), '')).toBeInstanceOf(CancelledError);
  });
});
