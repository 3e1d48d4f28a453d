import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.ts';
import { bindNamedParams } from './params.ts';

describe('bindNamedParams', () => {
  it('rewrites each name to one position and keeps the SQL length', () => {
    const sql =
      "SELECT * FROM t WHERE region = $region AND note <> '$region' AND y > $year OR region = $region";
    const bound = bindNamedParams(sql, { region: 'EU', year: 2024, unused: 1 });
    expect(bound.values).toEqual(['EU', 2024]);
    expect(bound.sql).toBe(
      "SELECT * FROM t WHERE region = $1      AND note <> '$region' AND y > $2    OR region = $1     ",
    );
    expect(bound.sql.length).toBe(sql.length);
  });

  it('refuses missing values, positional markers and unusable values', () => {
    expect(() => bindNamedParams('SELECT $a')).toThrow(InvalidArgumentError);
    expect(() => bindNamedParams('SELECT $1', {})).toThrow(/named parameters/);
    expect(() => bindNamedParams('SELECT $a', { a: Number.NaN })).toThrow(InvalidArgumentError);
    expect(() => bindNamedParams('SELECT $a', { a: { nested: true } as never })).toThrow(
      InvalidArgumentError,
    );
  });
});
