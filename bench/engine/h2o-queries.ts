/**
 * Questions q1–q10 of the H2O db-benchmark groupby task, in the SQL its DuckDB solution runs against
 * the table `x`. Each answer is stored with `CREATE TABLE ans AS …` (the timed part), then checked
 * by summing `checks` columns of `ans` — the same numbers every other engine computes from its result.
 */

export type H2oId = 'q1' | 'q2' | 'q3' | 'q4' | 'q5' | 'q6' | 'q7' | 'q8' | 'q9' | 'q10';

/** One groupby question. */
export interface H2oQuestion {
  id: H2oId;
  /** The benchmark's own wording. */
  question: string;
  /** A SELECT over `x`. */
  sql: string;
  /** Columns of the answer whose sums make the checksum. */
  checks: readonly string[];
}

/** The ten groupby questions, in order. */
export const H2O_QUESTIONS: readonly H2oQuestion[] = [
  {
    id: 'q1',
    question: 'sum v1 by id1',
    sql: 'SELECT id1, sum(v1) AS v1 FROM x GROUP BY id1',
    checks: ['v1'],
  },
  {
    id: 'q2',
    question: 'sum v1 by id1:id2',
    sql: 'SELECT id1, id2, sum(v1) AS v1 FROM x GROUP BY id1, id2',
    checks: ['v1'],
  },
  {
    id: 'q3',
    question: 'sum v1 mean v3 by id3',
    sql: 'SELECT id3, sum(v1) AS v1, avg(v3) AS v3 FROM x GROUP BY id3',
    checks: ['v1', 'v3'],
  },
  {
    id: 'q4',
    question: 'mean v1:v3 by id4',
    sql: 'SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM x GROUP BY id4',
    checks: ['v1', 'v2', 'v3'],
  },
  {
    id: 'q5',
    question: 'sum v1:v3 by id6',
    sql: 'SELECT id6, sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3 FROM x GROUP BY id6',
    checks: ['v1', 'v2', 'v3'],
  },
  {
    id: 'q6',
    question: 'median v3 sd v3 by id4 id5',
    sql: 'SELECT id4, id5, quantile_cont(v3, 0.5) AS median_v3, stddev(v3) AS sd_v3 FROM x GROUP BY id4, id5',
    checks: ['median_v3', 'sd_v3'],
  },
  {
    id: 'q7',
    question: 'max v1 - min v2 by id3',
    sql: 'SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM x GROUP BY id3',
    checks: ['range_v1_v2'],
  },
  {
    id: 'q8',
    question: 'largest two v3 by id6',
    sql:
      'SELECT id6, v3 AS largest2_v3 FROM (SELECT id6, v3, row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) ' +
      'AS order_v3 FROM x WHERE v3 IS NOT NULL) AS sub_query WHERE order_v3 <= 2',
    checks: ['largest2_v3'],
  },
  {
    id: 'q9',
    question: 'regression v1 v2 by id2 id4',
    sql: 'SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM x GROUP BY id2, id4',
    checks: ['r2'],
  },
  {
    id: 'q10',
    question: 'sum v3 count by id1:id6',
    sql:
      'SELECT id1, id2, id3, id4, id5, id6, sum(v3) AS v3, count(*) AS count FROM x ' +
      'GROUP BY id1, id2, id3, id4, id5, id6',
    checks: ['v3', 'count'],
  },
];

/**
 * The check query run after each answer: its row count and one sum per check column. NaNs are left
 * out of the sums, as `sumOf` does for the engines whose answers are summed in JavaScript.
 */
export function h2oCheckSql(question: H2oQuestion): string {
  const sums = question.checks.map((c, i) => {
    const value = `"${c}"::DOUBLE`;
    return `sum(${value}) FILTER (WHERE NOT isnan(${value})) AS s${i}`;
  });
  return `SELECT count(*)::DOUBLE AS n, ${sums.join(', ')} FROM ans`;
}
