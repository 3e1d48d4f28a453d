import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ResultCache } from './result-cache.ts';

const entry = (rows: number) => ({ table: tableFromArrays({ x: new Float64Array(rows) }), columns: [] });

describe('ResultCache', () => {
  it('evicts the least recently used entry beyond its entry limit', () => {
    const cache = new ResultCache({ maxEntries: 2 });
    cache.set('a', entry(1));
    cache.set('b', entry(1));
    cache.get('a');
    cache.set('c', entry(1));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('respects byte limits and skips oversized results', () => {
    const cache = new ResultCache({ maxBytes: 8 * 150, maxEntryBytes: 8 * 120 });
    cache.set('big', entry(200));
    expect(cache.size).toBe(0);
    cache.set('a', entry(100));
    cache.set('b', entry(100));
    expect(cache.size).toBe(1);
    expect(cache.get('b')).toBeDefined();
  });
});
