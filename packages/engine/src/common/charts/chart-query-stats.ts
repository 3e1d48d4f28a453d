/**
 * Chart queries that compute statistics rather than group values: histogram bins (equal width over
 * the column's range) and box plots (quartiles with Tukey whiskers at 1.5 × IQR, and the points
 * beyond them as outliers). Both run in one DuckDB pass over the data.
 */
import { quoteIdent as q } from '../sql/identifiers.ts';
import type { SortOrder } from './chart-types.ts';

/** Outliers kept per box: enough to show them, few enough to stay small. */
const MAX_OUTLIERS = 200;

/**
 * Columns: x (bin start), x_end, [color], [facet], y0 (rows in the bin). Bins have a "nice" width
 * (1, 2, 2.5 or 5 times a power of ten) and start on a multiple of it, so their edges read well;
 * there are about `bins` of them.
 */
export function histogramSql(input: {
  from: string;
  x: string;
  color: string | undefined;
  facet: string | undefined;
  bins: number;
  maxRows: number;
}): string {
  const { from, x, color, facet, bins, maxRows } = input;
  const keys = [color ? `${q(color)} AS "color"` : '', facet ? `${q(facet)} AS "facet"` : ''].filter(Boolean);
  const keyNames = [facet ? '"facet"' : '', color ? '"color"' : ''].filter(Boolean);
  // The raw width; a column of one value gets one bin of width 1.
  const raw = `CASE WHEN "__hi" > "__lo" THEN ("__hi" - "__lo") / ${bins} ELSE 1 END`;
  const power = `pow(10, floor(log10(${raw})))`;
  const nice = `${power} * CASE WHEN ${raw} / ${power} <= 1 THEN 1 WHEN ${raw} / ${power} <= 2 THEN 2 WHEN ${raw} / ${power} <= 2.5 THEN 2.5 WHEN ${raw} / ${power} <= 5 THEN 5 ELSE 10 END`;
  return [
    `WITH "__chart_v" AS (SELECT TRY_CAST(${q(x)} AS DOUBLE) AS "__v"${keys.map((k) => `, ${k}`).join('')} FROM ${from}),`,
    `"__chart_r" AS (SELECT min("__v") AS "__lo", max("__v") AS "__hi" FROM "__chart_v" WHERE isfinite("__v")),`,
    `"__chart_w" AS (SELECT "__lo", "__hi", ${nice} AS "__w" FROM "__chart_r"),`,
    `"__chart_s" AS (SELECT floor("__lo" / "__w") * "__w" AS "__start", "__w",`,
    ` greatest(1, CAST(ceil(("__hi" - floor("__lo" / "__w") * "__w") / "__w") AS BIGINT)) AS "__n" FROM "__chart_w"),`,
    `"__chart_b" AS (SELECT "__chart_v".*, "__chart_s".* FROM "__chart_v", "__chart_s" WHERE isfinite("__chart_v"."__v"))`,
    `SELECT "__start" + "__k" * "__w" AS "x", "__start" + ("__k" + 1) * "__w" AS "x_end"${keyNames.map((k) => `, ${k}`).join('')}, count(*) AS "y0"`,
    `FROM (SELECT *, least(CAST(floor(("__v" - "__start") / "__w") AS BIGINT), "__n" - 1) AS "__k" FROM "__chart_b")`,
    `GROUP BY ALL ORDER BY ${[...(facet ? ['"facet"'] : []), '"x"', ...(color ? ['"color"'] : [])].join(', ')}`,
    `LIMIT ${maxRows + 1}`,
  ].join('\n');
}

/**
 * Columns: x (the group, NULL without one), then per value column i: q1_i, med_i, q3_i, lo_i, hi_i
 * (the whiskers) and out_i (a list of outliers).
 */
export function boxplotSql(input: {
  from: string;
  x: string;
  ys: readonly string[];
  sort: SortOrder;
  limit: number | undefined;
  maxRows: number;
}): string {
  const { from, x, ys, sort, limit, maxRows } = input;
  const values = ys.map((y, i) => `TRY_CAST(${q(y)} AS DOUBLE) AS "v${i}"`);
  const quartiles = ys.flatMap((_, i) => [
    `quantile_cont("v${i}", 0.25) AS "q1_${i}"`,
    `median("v${i}") AS "med_${i}"`,
    `quantile_cont("v${i}", 0.75) AS "q3_${i}"`,
  ]);
  const fence = (i: number, side: 'lo' | 'hi'): string =>
    side === 'lo'
      ? `"__chart_q"."q1_${i}" - 1.5 * ("__chart_q"."q3_${i}" - "__chart_q"."q1_${i}")`
      : `"__chart_q"."q3_${i}" + 1.5 * ("__chart_q"."q3_${i}" - "__chart_q"."q1_${i}")`;
  const whiskers = ys.flatMap((_, i) => [
    `min("__chart_d"."v${i}") FILTER (WHERE "__chart_d"."v${i}" >= ${fence(i, 'lo')}) AS "lo_${i}"`,
    `max("__chart_d"."v${i}") FILTER (WHERE "__chart_d"."v${i}" <= ${fence(i, 'hi')}) AS "hi_${i}"`,
    `list_slice(list("__chart_d"."v${i}") FILTER (WHERE "__chart_d"."v${i}" < ${fence(i, 'lo')} OR "__chart_d"."v${i}" > ${fence(i, 'hi')}), 1, ${MAX_OUTLIERS}) AS "out_${i}"`,
  ]);
  const dir = sort.endsWith('desc') ? 'DESC' : 'ASC';
  const order = sort.startsWith('value') ? `"med_0" ${dir} NULLS LAST, "x"` : `"x" ${dir} NULLS LAST`;
  return [
    `WITH "__chart_d" AS (SELECT ${x ? q(x) : 'NULL::VARCHAR'} AS "x", ${values.join(', ')} FROM ${from}),`,
    `"__chart_q" AS (SELECT "x", ${quartiles.join(', ')} FROM "__chart_d" GROUP BY "x")`,
    `SELECT "__chart_q".*, ${whiskers.join(', ')}`,
    `FROM "__chart_d" JOIN "__chart_q" ON "__chart_d"."x" IS NOT DISTINCT FROM "__chart_q"."x"`,
    `GROUP BY ALL ORDER BY ${order} LIMIT ${Math.min(limit ?? maxRows + 1, maxRows + 1)}`,
  ].join('\n');
}
