/**
 * The SQL a chart runs against its source block: aggregation, binning, quantiles, sorting, top-N
 * and sampling all happen in DuckDB, so a chart of ten million rows fetches only what it draws.
 * Output columns have fixed names (CHART_FIELDS, `y0`, `y1`, …) whatever the source columns are
 * called, so the renderer never confuses a column with its role (or two roles of one column).
 *
 *   spec + "sales" ─► SELECT "region" AS "x", sum("amount") AS "y0" FROM "sales" GROUP BY ALL … LIMIT
 */
import { categoryOf } from '../engine/profile.ts';
import { InvalidArgumentError } from '../errors.ts';
import { quoteIdent as q } from '../sql/identifiers.ts';
import { boxplotSql, histogramSql } from './chart-query-stats.ts';
import { chartRoles } from './chart-roles.ts';
import type { Aggregation, ChartColumn, ChartSpec } from './chart-types.ts';

/** Names of the columns a chart query returns. Values are `y0…`, right-axis values `y2_0…`. */
export const CHART_FIELDS = { x: 'x', xEnd: 'x_end', color: 'color', facet: 'facet', size: 'size' } as const;
export const valueField = (i: number): string => `y${i}`;
export const y2Field = (i: number): string => `y2_${i}`;

export interface ChartQueryOptions {
  /** The source's columns (names, DuckDB types): checks the spec's columns and orders numeric x. */
  columns?: readonly ChartColumn[];
  /** Overrides the type's row cap. */
  maxRows?: number;
}

export interface ChartQuery {
  sql: string;
  /** The query asks for one row more than this: a result longer than `maxRows` was cut. */
  maxRows: number;
  /** The aggregation that applies (the spec's, or the type's default). */
  aggregate: Aggregation;
  /** True when values are counts of rows (no value column was picked). */
  countsRows: boolean;
  /** True when rows past the cap are a random sample rather than the first rows. */
  sampled: boolean;
}

/** Builds the SQL for `spec` over the canvas block (or table) named `source`. Throws InvalidArgumentError. */
export function chartQuery(spec: ChartSpec, source: string, options: ChartQueryOptions = {}): ChartQuery {
  const roles = chartRoles(spec.type);
  const maxRows = Math.max(1, Math.floor(options.maxRows ?? roles.maxRows));
  const x = roles.x ? spec.x : '';
  const ys = spec.y.slice(0, roles.y.max);
  const y2 = roles.y2 ? (spec.y2 ?? []).slice(0, 8) : [];
  const color = roles.color ? spec.color : undefined;
  const facet = roles.facet ? spec.facet : undefined;
  const size = roles.size ? spec.size : undefined;
  checkColumns(
    spec,
    [x, ...ys, ...y2, color, size, facet],
    roles.x !== undefined && !roles.xOptional,
    options,
  );
  if (ys.length < roles.y.min) {
    throw new InvalidArgumentError(
      `A ${spec.type} chart needs ${roles.y.min} value column${roles.y.min === 1 ? '' : 's'} (${roles.y.label}).`,
    );
  }
  const from = q(source);
  if (spec.type === 'histogram') {
    const sql = histogramSql({ from, x, color, facet, bins: spec.bins ?? 20, maxRows });
    return { sql, maxRows, aggregate: 'count', countsRows: true, sampled: false };
  }
  if (spec.type === 'boxplot') {
    const sql = boxplotSql({ from, x, ys, sort: spec.sort ?? 'none', limit: spec.limit, maxRows });
    return { sql, maxRows, aggregate: 'none', countsRows: false, sampled: false };
  }

  const { aggregate, countsRows } = chartAggregate(spec);
  const grouped = aggregate !== 'none';
  const xKind = options.columns?.find((c) => c.name === x)?.type;
  const sortableX = xKind !== undefined && ['number', 'temporal'].includes(categoryOf(xKind));
  const xExpr = spec.type === 'calendar' ? `TRY_CAST(${q(x)} AS DATE)` : q(x);

  const select: string[] = [];
  if (x) select.push(`${xExpr} AS ${q(CHART_FIELDS.x)}`);
  if (color) select.push(`${q(color)} AS ${q(CHART_FIELDS.color)}`);
  if (facet) select.push(`${q(facet)} AS ${q(CHART_FIELDS.facet)}`);
  const value = (column: string): string => (grouped ? aggregateSql(aggregate, q(column)) : q(column));
  if (countsRows) select.push(`count(*) AS ${q(valueField(0))}`);
  ys.forEach((y, i) => select.push(`${value(y)} AS ${q(valueField(i))}`));
  y2.forEach((y, i) => select.push(`${value(y)} AS ${q(y2Field(i))}`));
  if (size) select.push(`${value(size)} AS ${q(CHART_FIELDS.size)}`);
  const keys = [x, color, facet].filter(Boolean).length;

  // Point clouds (and lines over numbers or time) take a random sample, so that a capped picture
  // still spans the whole range; other rows keep the source's order and are cut at the cap.
  const lineLike = spec.type === 'line' || spec.type === 'area';
  const sample = !grouped && (roles.rows === 'sample' || (lineLike && sortableX));
  let input = from;
  if (sample) {
    const present = [x, ys[0]].filter((c): c is string => Boolean(c)).map((c) => `${q(c)} IS NOT NULL`);
    const where = present.length > 0 ? ` WHERE ${present.join(' AND ')}` : '';
    input = `(SELECT * FROM ${from}${where}) AS s USING SAMPLE reservoir(${maxRows + 1} ROWS) REPEATABLE (7)`;
  }
  const inner = `SELECT ${select.join(', ')} FROM ${input}${grouped && keys > 0 ? ' GROUP BY ALL' : ''}`;
  const sort = roles.sort ? (spec.sort ?? 'none') : 'none';
  const byX = (dir: 'ASC' | 'DESC'): string => `${q(CHART_FIELDS.x)} ${dir} NULLS LAST`;
  const byValue = sort === 'value-asc' || sort === 'value-desc';
  const dir = sort.endsWith('desc') ? 'DESC' : 'ASC';
  // With a split, categories are ordered by their total over the split's values.
  const needsTotal = x !== '' && byValue && color !== undefined;
  const valueOrder = `${needsTotal ? q('__total') : q(valueField(0))} ${dir} NULLS LAST`;
  const primary: string[] = [];
  if (x && byValue) primary.push(valueOrder, byX('ASC'));
  else if (x && sort !== 'none') primary.push(byX(dir));
  else if (x && (grouped || (lineLike && sortableX) || spec.type === 'candlestick')) primary.push(byX('ASC'));
  const order = [
    ...(facet ? [`${q(CHART_FIELDS.facet)} ASC NULLS LAST`] : []),
    ...primary,
    ...(color && primary.length > 0 ? [`${q(CHART_FIELDS.color)} ASC NULLS LAST`] : []),
  ];

  const limit = spec.limit !== undefined && x !== '' ? spec.limit : undefined;
  const rankLimit = limit !== undefined && (color !== undefined || facet !== undefined);
  let body = `FROM (${inner}) AS t`;
  if (needsTotal || rankLimit) {
    const partition = [facet ? q(CHART_FIELDS.facet) : '', q(CHART_FIELDS.x)].filter(Boolean).join(', ');
    body = `FROM (SELECT *, sum(${q(valueField(0))}) OVER (PARTITION BY ${partition}) AS "__total" ${body}) AS u`;
  }
  if (rankLimit) {
    const rankOrder = primary.length > 0 ? primary.join(', ') : byX('ASC');
    const per = facet ? `PARTITION BY ${q(CHART_FIELDS.facet)} ` : '';
    body += ` QUALIFY dense_rank() OVER (${per}ORDER BY ${rankOrder}) <= ${limit}`;
  }
  const cap = limit !== undefined && !rankLimit ? Math.min(limit, maxRows + 1) : maxRows + 1;
  // Candlesticks keep the latest rows: the newest part of a price history matters most.
  if (spec.type === 'candlestick') {
    const latest = `SELECT * ${body} ORDER BY ${byX('DESC')} LIMIT ${cap}`;
    return {
      sql: `SELECT * FROM (${latest}) ORDER BY ${byX('ASC')}`,
      maxRows,
      aggregate,
      countsRows,
      sampled: false,
    };
  }
  const orderBy = order.length > 0 ? ` ORDER BY ${order.join(', ')}` : '';
  return { sql: `SELECT * ${body}${orderBy} LIMIT ${cap}`, maxRows, aggregate, countsRows, sampled: sample };
}

/**
 * The aggregation a spec's query applies: the spec's own, the type's default, or a count of rows
 * when the type takes an optional value column and none was picked.
 */
export function chartAggregate(spec: ChartSpec): { aggregate: Aggregation; countsRows: boolean } {
  const roles = chartRoles(spec.type);
  if (spec.type === 'histogram') return { aggregate: 'count', countsRows: true };
  if (roles.y.min === 0 && roles.y.max > 0 && spec.y.length === 0)
    return { aggregate: 'count', countsRows: true };
  return {
    aggregate: roles.aggregate ? (spec.aggregate ?? roles.defaultAggregate) : 'none',
    countsRows: false,
  };
}

/** The SQL aggregate for a column; sums and averages are DOUBLE so huge integers stay numbers. */
export function aggregateSql(aggregate: Aggregation, column: string): string {
  switch (aggregate) {
    case 'sum':
      return `sum(${column})::DOUBLE`;
    case 'avg':
      return `avg(${column})::DOUBLE`;
    case 'median':
      return `median(${column})::DOUBLE`;
    case 'count':
      return `count(${column})`;
    case 'distinct':
      return `count(DISTINCT ${column})`;
    case 'min':
      return `min(${column})`;
    case 'max':
      return `max(${column})`;
    default:
      return column;
  }
}

function checkColumns(
  spec: ChartSpec,
  used: readonly (string | undefined)[],
  needsX: boolean,
  options: ChartQueryOptions,
): void {
  if (needsX && !spec.x) {
    const label = chartRoles(spec.type).x ?? 'x';
    throw new InvalidArgumentError(`Pick a column for "${label}".`);
  }
  if (!options.columns) return;
  const names = new Set(options.columns.map((c) => c.name));
  const missing = used.find((c) => c !== undefined && c !== '' && !names.has(c));
  if (missing !== undefined) {
    throw new InvalidArgumentError(`The chart uses a column "${missing}" that the result does not have.`);
  }
}
