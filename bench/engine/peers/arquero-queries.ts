/**
 * The groupby questions, dashboard queries and column profile in Arquero 8 verbs. Expressions
 * beyond a single aggregate are given as strings: Arquero parses function source anyway, and a
 * string is not rewritten by the TypeScript transpiler first.
 *
 * Arquero has no "top n per group" aggregate, so q8 keeps the rows whose `op.row_number()` is at
 * most 2 within each `id6` group ordered by descending v3 — a window function inside `filter`,
 * the equivalent of the SQL's `row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) <= 2`.
 */
import { type ColumnTable, desc, op } from 'arquero';
import { type FlightsId, MARCH_2001 } from '../flights-queries.ts';
import type { H2oId } from '../h2o-queries.ts';

/** Each groupby question over the data set `x`. */
export const ARQUERO_GROUPBY: Record<H2oId, (x: ColumnTable) => ColumnTable> = {
  q1: (x) => x.groupby('id1').rollup({ v1: op.sum('v1') }),
  q2: (x) => x.groupby('id1', 'id2').rollup({ v1: op.sum('v1') }),
  q3: (x) => x.groupby('id3').rollup({ v1: op.sum('v1'), v3: op.mean('v3') }),
  q4: (x) => x.groupby('id4').rollup({ v1: op.mean('v1'), v2: op.mean('v2'), v3: op.mean('v3') }),
  q5: (x) => x.groupby('id6').rollup({ v1: op.sum('v1'), v2: op.sum('v2'), v3: op.sum('v3') }),
  q6: (x) => x.groupby('id4', 'id5').rollup({ median_v3: op.median('v3'), sd_v3: op.stdev('v3') }),
  q7: (x) => x.groupby('id3').rollup({ range_v1_v2: 'd => op.max(d.v1) - op.min(d.v2)' }),
  q8: (x) =>
    x
      .filter('d => d.v3 != null')
      .groupby('id6')
      .orderby(desc('v3'))
      .filter('() => op.row_number() <= 2')
      .select({ id6: 'id6', v3: 'largest2_v3' }),
  q9: (x) => x.groupby('id2', 'id4').rollup({ r2: 'd => op.corr(d.v1, d.v2) ** 2' }),
  q10: (x) =>
    x.groupby('id1', 'id2', 'id3', 'id4', 'id5', 'id6').rollup({ v3: op.sum('v3'), count: op.count() }),
};

/** Each dashboard query over the flights table (its `date` column holds JavaScript Dates). */
export const ARQUERO_FLIGHTS: Record<FlightsId, (flights: ColumnTable) => ColumnTable> = {
  f1: (f) =>
    f.groupby({ day: 'd => op.floor(d.date / 86400000)' }).rollup({ flights: op.count() }).orderby('day'),
  f2: (f) =>
    f
      .groupby({ hour: 'd => op.utchours(d.date)' })
      .rollup({ flights: op.count(), avg_delay: op.mean('delay') })
      .orderby('hour'),
  f3: (f) =>
    f
      .groupby('origin')
      .rollup({ avg_delay: op.mean('delay'), flights: op.count() })
      .orderby(desc('avg_delay'), 'origin')
      .slice(0, 20),
  f4: (f) =>
    f
      .filter('d => d.delay >= -60 && d.delay <= 240')
      .groupby({ bucket: 'd => op.floor(d.delay / 10) * 10' })
      .rollup({ flights: op.count() })
      .orderby('bucket'),
  f5: (f) =>
    f.filter(`d => d.date >= ${MARCH_2001.start} && d.date < ${MARCH_2001.end}`).rollup({
      destinations: op.distinct('destination'),
      flights: op.count(),
      avg_distance: op.mean('distance'),
    }),
};

/**
 * Profiles every column in one rollup: count, valid and distinct values, min and max, and for
 * numbers mean, standard deviation and quartiles (DuckDB's SUMMARIZE reports the same, though its
 * distinct count and quartiles are approximate and Arquero's are exact).
 */
export function arqueroProfile(x: ColumnTable): ColumnTable {
  const values: Record<string, string> = { rows: 'd => op.count()' };
  for (const [i, name] of x.columnNames().entries()) {
    const c = `d[${JSON.stringify(name)}]`;
    Object.assign(values, {
      [`valid${i}`]: `d => op.valid(${c})`,
      [`distinct${i}`]: `d => op.distinct(${c})`,
      [`min${i}`]: `d => op.min(${c})`,
      [`max${i}`]: `d => op.max(${c})`,
    });
    if (typeof x.get(name, 0) === 'number') {
      Object.assign(values, {
        [`mean${i}`]: `d => op.mean(${c})`,
        [`sd${i}`]: `d => op.stdev(${c})`,
        [`p25_${i}`]: `d => op.quantile(${c}, 0.25)`,
        [`p50_${i}`]: `d => op.median(${c})`,
        [`p75_${i}`]: `d => op.quantile(${c}, 0.75)`,
      });
    }
  }
  return x.rollup(values);
}
