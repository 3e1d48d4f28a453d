import { describe, expect, it } from 'vitest';
import { CanvasDoc, canvasGraph, SqlError } from '@facet/engine/common';
import { locateBlockError, relocateMessage, tokenRange } from './error-range.ts';

/** A SqlError as DuckDB's would be for the compiled SQL of `name`, pointing at `needle` in it. */
function errorAt(canvas: CanvasDoc, name: string, needle: string): SqlError {
  const sql = canvasGraph(canvas).compile(name).sql;
  const position = sql.indexOf(needle);
  if (position < 0) throw new Error(`${needle} not in ${sql}`);
  const before = sql.slice(0, position).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return new SqlError(`Binder Error: "${needle}" not found (line ${line}, column ${column})`, {
    kind: 'Binder',
    line,
    column,
    position,
  });
}

describe('locateBlockError', () => {
  it('reads a position in a block that reads nothing as it is', () => {
    const canvas = new CanvasDoc();
    const text = 'SELECT 1,\n  nope\nFROM range(3);';
    canvas.add('sql', { name: 'q', sql: text });
    const location = locateBlockError(canvas, 'q', text, errorAt(canvas, 'q', 'nope'));
    expect(location).toEqual({ block: 'q', position: text.indexOf('nope'), line: 2, column: 3 });
  });

  it('maps a position past the CTEs of the blocks it reads back into the block', () => {
    const canvas = new CanvasDoc();
    canvas.add('sql', { name: 'base', sql: 'SELECT 1 AS x' });
    const text = 'SELECT x,\n  missing\nFROM base';
    canvas.add('sql', { name: 'top', sql: text });
    const error = errorAt(canvas, 'top', 'missing');
    expect(error.line).toBe(5);
    expect(locateBlockError(canvas, 'top', text, error)).toEqual({
      block: 'top',
      position: text.indexOf('missing'),
      line: 2,
      column: 3,
    });
    // With its own WITH, the block's CTEs join the compiled list: still found.
    const own = 'WITH a AS (SELECT * FROM base)\nSELECT bad FROM a';
    canvas.add('sql', { name: 'own', sql: own });
    expect(locateBlockError(canvas, 'own', own, errorAt(canvas, 'own', 'bad'))).toMatchObject({
      block: 'own',
      position: own.indexOf('bad'),
      line: 2,
    });
  });

  it('names the block it reads when the error is in there', () => {
    const canvas = new CanvasDoc();
    canvas.add('sql', { name: 'Base', sql: 'SELECT\n  oops AS x' });
    const text = 'SELECT x FROM base';
    canvas.add('sql', { name: 'top', sql: text });
    const location = locateBlockError(canvas, 'top', text, errorAt(canvas, 'top', 'oops'));
    expect(location).toEqual({ block: 'Base', position: 9, line: 2, column: 3 });
    expect(relocateMessage('Binder Error: oops (line 3, column 3)', location, 'top')).toBe(
      'Binder Error: oops (in block Base, line 2, column 3)',
    );
  });

  it('steps over {{control}} placeholders, bound as shorter $names', () => {
    const canvas = new CanvasDoc();
    const text = 'SELECT * FROM range(10) WHERE range > {{ lowest_value }} AND nope';
    canvas.add('sql', { name: 'q', sql: text });
    const location = locateBlockError(canvas, 'q', text, errorAt(canvas, 'q', 'nope'));
    expect(location?.position).toBe(text.indexOf('nope'));
  });

  it('takes line and column when there is no position, and nothing when there is neither', () => {
    const canvas = new CanvasDoc();
    const text = 'SELECT 1\nFROM nowhere';
    canvas.add('sql', { name: 'q', sql: text });
    const hostError = Object.assign(new Error('Catalog Error'), { line: 2, column: 6 });
    expect(locateBlockError(canvas, 'q', text, hostError)?.position).toBe(text.indexOf('nowhere'));
    expect(locateBlockError(canvas, 'q', text, new Error('no place'))).toBeUndefined();
    expect(locateBlockError(canvas, 'q', text, { line: 'x', column: null })).toBeUndefined();
    expect(locateBlockError(canvas, 'q', text, 'a string')).toBeUndefined();
    expect(relocateMessage('Parser Error: x (line 9, column 9)', undefined, 'q')).toBe('Parser Error: x');
  });
});

describe('tokenRange', () => {
  it('covers the word, quoted name or string at the position, or the last character at the end', () => {
    const text = 'SELECT "my col", \'text\' FROM t  ';
    expect(tokenRange(text, 0)).toEqual({ from: 0, to: 6 });
    expect(tokenRange(text, text.indexOf('"'))).toEqual({ from: 7, to: 15 });
    expect(tokenRange(text, text.indexOf("'"))).toEqual({ from: 17, to: 23 });
    expect(tokenRange(text, text.indexOf(','))).toEqual({ from: 15, to: 16 });
    expect(tokenRange(text, text.length)).toEqual({
      from: text.indexOf(' t ') + 1,
      to: text.indexOf(' t ') + 2,
    });
    expect(tokenRange('', 0)).toBeUndefined();
    expect(tokenRange('x', 99)).toEqual({ from: 0, to: 1 });
  });
});
