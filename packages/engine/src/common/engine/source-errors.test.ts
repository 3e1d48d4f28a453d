import { describe, expect, it } from 'vitest';
import { findRaggedLine, sourceError } from './source-errors.ts';

describe('source errors', () => {
  it('finds the first ragged line, ignoring delimiters in quotes and blank lines', () => {
    expect(findRaggedLine('a,b\n1,2\n"x,y",3\n\n4,5,6\n', ',')).toBe(5);
    expect(findRaggedLine('a,b\r\n1,2\r\n3,4', ',')).toBeUndefined();
    expect(findRaggedLine('a,b\n"multi\nline",2\n1\n', ',')).toBe(4);
  });

  it('drops DuckDB statement drawings and names the file and format', () => {
    const error = sourceError(
      'x.csv',
      'csv',
      new Error('Invalid Input Error: Invalid unicode detected. Line: 7\n\nLINE 1: SELECT …\n   ^'),
    );
    expect(error.message).toBe('Could not read "x.csv" as CSV (line 7): the file is not valid UTF-8 text.');
    expect(sourceError('x.parquet', 'parquet', new Error('bad footer at line 3')).message).not.toContain(
      'line 3)',
    );
  });
});
