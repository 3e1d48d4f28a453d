import { describe, expect, it } from 'vitest';
import { SearchIndex } from './search-index.ts';

function index(): SearchIndex {
  const search = new SearchIndex();
  search.replace('canvas:c1', [
    { kind: 'canvas', ref: 'c1', canvasId: 'c1', title: 'Weather', body: '' },
    {
      kind: 'block',
      ref: 'b1',
      canvasId: 'c1',
      title: 'query_1',
      body: 'query_1\nSELECT city, avg(temp) AS avg_temp FROM weather GROUP BY city',
    },
    { kind: 'block', ref: 'b2', canvasId: 'c1', title: 'Findings', body: '# Findings\nLyon is warmest.' },
    { kind: 'comment', ref: 'm1', canvasId: 'c1', title: 'ana', body: 'Check the Oslo numbers' },
  ]);
  search.replace('source:weather', [
    { kind: 'source', ref: 'weather', canvasId: null, title: 'weather', body: 'weather.csv city temp' },
  ]);
  return search;
}

describe('the browser search index', () => {
  it('finds every kind of entry, words as prefixes, all words required', () => {
    const search = index();
    expect(search.search('warm').map((h) => h.ref)).toEqual(['b2']);
    expect(search.search('oslo').map((h) => [h.kind, h.ref])).toEqual([['comment', 'm1']]);
    expect(search.search('avg_t').map((h) => h.ref)).toEqual(['b1']);
    expect(search.search('lyon warmest').map((h) => h.ref)).toEqual(['b2']);
    expect(search.search('lyon oslo')).toEqual([]);
    expect(search.search('  ')).toEqual([]);
  });

  it('ranks a title hit above a body hit', () => {
    const hits = index().search('weather');
    expect(hits[0]?.kind).toMatch(/canvas|source/);
    expect(hits.map((h) => h.ref)).toEqual(expect.arrayContaining(['c1', 'weather', 'b1']));
    expect(hits.findIndex((h) => h.ref === 'b1')).toBeGreaterThan(0);
  });

  it('gives snippets from the field that matched', () => {
    const [hit] = index().search('warmest');
    expect(hit?.title).toBe('Findings');
    expect(hit?.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['warmest']);
    const [canvas] = index()
      .search('Weath')
      .filter((h) => h.kind === 'canvas');
    expect(canvas?.snippet).toEqual([{ text: 'Weather', match: true }]);
  });

  it('replaces and removes groups as a whole', () => {
    const search = index();
    search.replace('canvas:c1', [{ kind: 'canvas', ref: 'c1', canvasId: 'c1', title: 'Renamed', body: '' }]);
    expect(search.search('warmest')).toEqual([]);
    expect(search.search('renamed').map((h) => h.ref)).toEqual(['c1']);
    search.remove('canvas:c1');
    expect(search.search('renamed')).toEqual([]);
    expect(search.groups()).toEqual(['source:weather']);
    expect(search.search('temp').map((h) => h.ref)).toEqual(['weather']);
  });

  it('keeps to the limit', () => {
    const search = new SearchIndex();
    search.replace(
      'g',
      Array.from({ length: 50 }, (_, i) => ({
        kind: 'block' as const,
        ref: `b${i}`,
        canvasId: 'c',
        title: `t${i}`,
        body: 'common',
      })),
    );
    expect(search.search('common', 7)).toHaveLength(7);
    expect(search.search('common')).toHaveLength(20);
  });
});
