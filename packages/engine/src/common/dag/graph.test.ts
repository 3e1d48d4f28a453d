import { describe, expect, it } from 'vitest';
import { CycleError, DependencyGraph } from './graph.ts';
import { bindControls, blockReferences } from './references.ts';

const blocks = [
  { name: 'revenue_by_month', sql: 'SELECT month, sum(amount) AS revenue FROM sales GROUP BY month' },
  { name: 'top_months', sql: 'SELECT * FROM revenue_by_month ORDER BY revenue DESC LIMIT 3' },
  {
    name: 'growth',
    sql: 'SELECT month, revenue - lag(revenue) OVER (ORDER BY month) AS growth FROM revenue_by_month -- not top_months',
  },
  {
    name: 'summary',
    sql: 'SELECT (SELECT count(*) FROM top_months) AS n, (SELECT max(growth) FROM growth) AS g',
  },
  {
    name: 'by_region',
    sql: 'SELECT region, sum(amount) FROM sales WHERE region = {{ region }} GROUP BY ALL',
  },
];

describe('block references', () => {
  it('finds block names, not strings, comments, functions or qualified columns', () => {
    const names = new Set(['a', 'b', 'c', 'd', 'e']);
    expect(blockReferences('SELECT a.x, \'b\', d(1), t.e FROM a JOIN "C" USING (k) -- b', names)).toEqual([
      'a',
      'c',
    ]);
  });

  it('turns {{control}} placeholders into parameters outside strings', () => {
    expect(
      bindControls("SELECT * FROM t WHERE r = {{region}} AND y > {{ Year }} AND s = '{{region}}'"),
    ).toEqual({
      sql: "SELECT * FROM t WHERE r = $region AND y > $year AND s = '{{region}}'",
      controls: ['region', 'year'],
    });
  });
});

describe('DependencyGraph', () => {
  const graph = new DependencyGraph(blocks);

  it('orders upstream blocks dependencies first', () => {
    expect(graph.upstream('summary')).toEqual(['revenue_by_month', 'top_months', 'growth']);
    expect(graph.upstream('revenue_by_month')).toEqual([]);
  });

  it('re-runs exactly what depends on a change, in order', () => {
    expect(graph.downstream('revenue_by_month')).toEqual(['top_months', 'growth', 'summary']);
    expect(graph.downstream('growth')).toEqual(['summary']);
    expect(graph.downstream('summary')).toEqual([]);
  });

  it('answers lineage for blocks and sources', () => {
    expect(graph.sources('summary', ['sales', 'other'])).toEqual(['sales']);
    expect(graph.usersOfSource('sales')).toEqual([
      'revenue_by_month',
      'by_region',
      'top_months',
      'growth',
      'summary',
    ]);
  });

  it('names the blocks of a cycle', () => {
    const cyclic = new DependencyGraph([
      { name: 'a', sql: 'SELECT * FROM c' },
      { name: 'b', sql: 'SELECT * FROM a' },
      { name: 'c', sql: 'SELECT * FROM b' },
      { name: 'd', sql: 'SELECT * FROM d' },
      { name: 'ok', sql: 'SELECT 1' },
    ]);
    expect(cyclic.cycles().map((c) => [...c].sort())).toEqual([['a', 'b', 'c'], ['d']]);
    const error = (() => {
      try {
        cyclic.compile('b');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CycleError);
    expect((error as CycleError).message).toMatch(/circle: (a|b|c) → (a|b|c) → (a|b|c) → (a|b|c)\.$/);
    expect(cyclic.compile('ok').sql).toBe('SELECT 1');
  });

  it('compiles a block with its upstream blocks as CTEs, merging its own WITH', () => {
    expect(graph.compile('top_months').sql).toBe(
      'WITH "revenue_by_month" AS (\nSELECT month, sum(amount) AS revenue FROM sales GROUP BY month\n)\nSELECT * FROM revenue_by_month ORDER BY revenue DESC LIMIT 3',
    );
    const withOwn = new DependencyGraph([
      { name: 'base', sql: 'SELECT 1 AS x;' },
      { name: 'uses', sql: 'WITH twice AS (SELECT x * 2 AS y FROM base) SELECT y FROM twice' },
    ]);
    expect(withOwn.compile('uses').sql).toBe(
      'WITH "base" AS (\nSELECT 1 AS x\n),\ntwice AS (SELECT x * 2 AS y FROM base) SELECT y FROM twice',
    );
    expect(graph.compile('by_region').controls).toEqual(['region']);
  });
});
