/**
 * Column profiles computed in SQL, in three scans whatever the column count:
 * 1. one aggregate query: counts, nulls, approximate distinct, min/max, mean/stddev/quartiles;
 * 2. one UNION ALL query of equal-width histograms for number and temporal columns;
 * 3. one UNION ALL query of top values for text and boolean columns.
 * DuckDB runs each as a single parallel pass, so this stays fast on millions of rows.
 */
import { quoteIdent, quoteString } from '../sql/identifiers.ts';
import type { ColumnCategory, ColumnInfo, ColumnProfile } from './types.ts';

/** Runs SQL and returns plain row objects (numbers as numbers where they fit). */
export type RowRunner = (sql: string) => Promise<Record<string, unknown>[]>;

export function categoryOf(type: string): ColumnCategory {
  const t = type.toUpperCase();
  if (
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/.test(
      t,
    )
  ) {
    return 'number';
  }
  if (/^(DATE|TIMESTAMP|TIME\b|TIME$)/.test(t))
    return t.startsWith('TIME') && !t.startsWith('TIMESTAMP') ? 'other' : 'temporal';
  if (t === 'VARCHAR' || t.startsWith('ENUM') || t === 'UUID') return 'text';
  if (t === 'BOOLEAN') return 'boolean';
  return 'other';
}

export async function profileColumns(
  run: RowRunner,
  table: string,
  columns: readonly ColumnInfo[],
  options: { bins: number; topValues: number; approximateQuantiles: boolean },
): Promise<{ rowCount: number; columns: ColumnProfile[] }> {
  const from = quoteIdent(table);
  const categories = columns.map((c) => categoryOf(c.type));
  const aggregates = ['count(*) AS "rows"'];
  // Exact quantiles hold every value in memory (too much for DuckDB-WASM on 10M rows); big tables
  // use DuckDB's T-digest estimate instead.
  const quantile = options.approximateQuantiles ? 'approx_quantile' : 'quantile_cont';
  columns.forEach((column, i) => {
    const c = quoteIdent(column.name);
    const cat = categories[i];
    aggregates.push(`count(${c}) AS "n${i}"`);
    if (cat === 'other') return;
    aggregates.push(`approx_count_distinct(${c}) AS "d${i}"`);
    if (cat === 'boolean') return;
    const ordered = cat === 'number' ? `${c}::DOUBLE` : c;
    aggregates.push(`min(${ordered})::VARCHAR AS "min${i}"`, `max(${ordered})::VARCHAR AS "max${i}"`);
    if (cat === 'number') {
      const d = `${c}::DOUBLE`;
      aggregates.push(
        `avg(${d}) AS "mean${i}"`,
        `stddev_samp(${d}) AS "sd${i}"`,
        `${quantile}(${d}, 0.25) AS "q25_${i}"`,
        `${quantile}(${d}, 0.5) AS "q50_${i}"`,
        `${quantile}(${d}, 0.75) AS "q75_${i}"`,
        `min(${d}) AS "lo${i}"`,
        `max(${d}) AS "hi${i}"`,
      );
    }
    if (cat === 'temporal') {
      aggregates.push(
        `epoch_ms(min(${c}::TIMESTAMP)) AS "lo${i}"`,
        `epoch_ms(max(${c}::TIMESTAMP)) AS "hi${i}"`,
      );
    }
  });
  const [stats = {}] = await run(`SELECT ${aggregates.join(', ')} FROM ${from}`);
  const rowCount = toNumber(stats.rows) ?? 0;

  const profiles: ColumnProfile[] = columns.map((column, i) => {
    const category = categories[i] as ColumnCategory;
    const nonNull = toNumber(stats[`n${i}`]) ?? 0;
    const profile: ColumnProfile = {
      name: column.name,
      type: column.type,
      category,
      rowCount,
      nulls: rowCount - nonNull,
      distinct: Math.min(toNumber(stats[`d${i}`]) ?? 0, nonNull),
      min: category === 'number' ? toNumber(stats[`min${i}`]) : toText(stats[`min${i}`]),
      max: category === 'number' ? toNumber(stats[`max${i}`]) : toText(stats[`max${i}`]),
    };
    if (category === 'number') {
      profile.mean = toNumber(stats[`mean${i}`]);
      profile.stddev = toNumber(stats[`sd${i}`]);
      profile.quantiles = {
        p25: toNumber(stats[`q25_${i}`]),
        p50: toNumber(stats[`q50_${i}`]),
        p75: toNumber(stats[`q75_${i}`]),
      };
    }
    return profile;
  });

  // Histograms over [lo, hi] in equal-width bins (one SQL statement for every column).
  const histogramParts: string[] = [];
  columns.forEach((column, i) => {
    const cat = categories[i];
    const lo = toNumber(stats[`lo${i}`]);
    const hi = toNumber(stats[`hi${i}`]);
    if ((cat !== 'number' && cat !== 'temporal') || lo === null || hi === null) return;
    const value =
      cat === 'temporal'
        ? `epoch_ms(${quoteIdent(column.name)}::TIMESTAMP)`
        : `${quoteIdent(column.name)}::DOUBLE`;
    const width = hi > lo ? (hi - lo) / options.bins : 1;
    histogramParts.push(
      `SELECT ${i} AS col, least(floor((${value} - ${lo}) / ${width}), ${options.bins - 1})::INTEGER AS bin, count(*) AS n ` +
        `FROM ${from} WHERE ${value} IS NOT NULL AND isfinite(${value}::DOUBLE) GROUP BY ALL`,
    );
  });
  if (histogramParts.length > 0) {
    const rows = await run(histogramParts.join(' UNION ALL '));
    for (const row of rows) {
      const i = toNumber(row.col) ?? 0;
      const profile = profiles[i] as ColumnProfile;
      const lo = toNumber(stats[`lo${i}`]) ?? 0;
      const hi = toNumber(stats[`hi${i}`]) ?? 0;
      const bins = hi > lo ? options.bins : 1;
      const width = hi > lo ? (hi - lo) / options.bins : 1;
      profile.histogram ??= Array.from({ length: bins }, (_, b) => {
        const start = lo + b * width;
        const end = b === bins - 1 ? hi : lo + (b + 1) * width;
        if (profile.category !== 'temporal') return { start, end, count: 0 };
        // Bounds read like the column's values: dates as YYYY-MM-DD, timestamps as ISO-8601.
        const asText = (ms: number): string => {
          const iso = new Date(ms).toISOString();
          return profile.type === 'DATE' ? iso.slice(0, 10) : iso;
        };
        return { start: asText(start), end: asText(end), count: 0 };
      });
      const bin = profile.histogram[Math.min(toNumber(row.bin) ?? 0, bins - 1)];
      if (bin) bin.count += toNumber(row.n) ?? 0;
    }
  }

  // Top values for text and boolean columns.
  const topParts: string[] = [];
  columns.forEach((column, i) => {
    const cat = categories[i];
    if (cat !== 'text' && cat !== 'boolean') return;
    const c = quoteIdent(column.name);
    topParts.push(
      `(SELECT ${i} AS col, ${c}::VARCHAR AS value, count(*) AS n FROM ${from} GROUP BY ${c} ` +
        `ORDER BY n DESC, value NULLS LAST LIMIT ${options.topValues})`,
    );
  });
  if (topParts.length > 0) {
    const rows = await run(
      `SELECT * FROM (${topParts.join(' UNION ALL ')}) ORDER BY col, n DESC, value NULLS LAST`,
    );
    for (const row of rows) {
      const profile = profiles[toNumber(row.col) ?? 0] as ColumnProfile;
      (profile.topValues ??= []).push({ value: toText(row.value), count: toNumber(row.n) ?? 0 });
    }
  }
  return { rowCount, columns: profiles };
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function toText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Used by callers that need a literal list of names, e.g. for information_schema filters. */
export function sqlStringList(values: readonly string[]): string {
  return values.map(quoteString).join(', ');
}
