import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { engineKind, outputFormat, parseCommandLine, queryParams, wholeNumber } from './args.ts';
import { UsageError } from './errors.ts';

describe('parseCommandLine', () => {
  const parse = (args: string[]) =>
    parseCommandLine('query', () => parseArgs({ args, options: { file: { type: 'string' } } }));

  it('reports an unknown option by name', () => {
    expect(() => parse(['--nope'])).toThrow(/^unknown option --nope$/);
  });

  it('reports a missing value in one short sentence', () => {
    expect(() => parse(['--file'])).toThrow(/^option '--file <value>' argument missing$/);
  });

  it('reports a stray argument', () => {
    expect(() => parse(['extra'])).toThrow('unexpected argument "extra"');
  });
});

describe('option values', () => {
  it('defaults to the native engine and refuses unknown ones', () => {
    expect(engineKind(undefined, 'query')).toBe('native');
    expect(engineKind('wasm', 'query')).toBe('wasm');
    expect(() => engineKind('sqlite', 'query')).toThrow(UsageError);
  });

  it('defaults to the first format', () => {
    expect(outputFormat(undefined, ['table', 'json'], 'schema')).toBe('table');
    expect(() => outputFormat('csv', ['table', 'json'], 'schema')).toThrow(
      '--format must be one of table, json',
    );
  });

  it('reads whole numbers only', () => {
    expect(wholeNumber('limit', '0', 0, 'query')).toBe(0);
    expect(wholeNumber('limit', undefined, 0, 'query')).toBeUndefined();
    for (const bad of ['-1', '1.5', 'ten', '', '0']) {
      expect(() => wholeNumber('timeout', bad, 1, 'query')).toThrow(UsageError);
    }
  });
});

describe('queryParams', () => {
  it('splits at the first = and keeps values as text', () => {
    expect(queryParams(['t=30', 'expr=a=b', '$d=', 'x_1=東京'], 'query')).toEqual({
      t: '30',
      expr: 'a=b',
      d: '',
      x_1: '東京',
    });
  });

  it('refuses malformed and repeated parameters', () => {
    expect(() => queryParams(['novalue'], 'query')).toThrow(UsageError);
    expect(() => queryParams(['=1'], 'query')).toThrow(UsageError);
    expect(() => queryParams(['1a=1'], 'query')).toThrow(UsageError);
    expect(() => queryParams(['a=1', 'a=2'], 'query')).toThrow('--param a is given more than once');
  });
});
