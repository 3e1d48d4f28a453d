/**
 * Dashboard-style queries over the real `flights-3m.parquet` of vega-datasets (3M US flights,
 * January–June 2001; columns date TIMESTAMP, delay BIGINT, distance BIGINT, origin and destination
 * VARCHAR). Unlike the groupby task, the answer is fetched into JavaScript, as a chart would need it.
 */

export type FlightsId = 'f1' | 'f2' | 'f3' | 'f4' | 'f5';

/** One dashboard query over the table `flights`. */
export interface FlightsQuery {
  id: FlightsId;
  question: string;
  sql: string;
  /** Result columns whose sums make the checksum. */
  checks: readonly string[];
}

/** March 2001, in epoch milliseconds: the brushed time range of f5. */
export const MARCH_2001 = { start: Date.UTC(2001, 2, 1), end: Date.UTC(2001, 3, 1) } as const;

/** The five dashboard queries, in order. */
export const FLIGHTS_QUERIES: readonly FlightsQuery[] = [
  {
    id: 'f1',
    question: 'flights per day',
    sql: "SELECT date_trunc('day', date) AS day, count(*) AS flights FROM flights GROUP BY day ORDER BY day",
    checks: ['flights'],
  },
  {
    id: 'f2',
    question: 'flights, mean delay per hour',
    sql:
      'SELECT hour(date) AS hour, count(*) AS flights, avg(delay) AS avg_delay FROM flights ' +
      'GROUP BY hour ORDER BY hour',
    checks: ['hour', 'flights', 'avg_delay'],
  },
  {
    id: 'f3',
    question: 'mean delay by origin, top 20',
    sql:
      'SELECT origin, avg(delay) AS avg_delay, count(*) AS flights FROM flights ' +
      'GROUP BY origin ORDER BY avg_delay DESC, origin LIMIT 20',
    checks: ['avg_delay', 'flights'],
  },
  {
    id: 'f4',
    question: 'delay histogram, 10-min bins',
    sql:
      'SELECT floor(delay / 10) * 10 AS bucket, count(*) AS flights FROM flights ' +
      'WHERE delay BETWEEN -60 AND 240 GROUP BY bucket ORDER BY bucket',
    checks: ['bucket', 'flights'],
  },
  {
    id: 'f5',
    question: 'March: distinct dest., flights',
    sql:
      'SELECT count(DISTINCT destination) AS destinations, count(*) AS flights, avg(distance) AS avg_distance ' +
      "FROM flights WHERE date >= TIMESTAMP '2001-03-01' AND date < TIMESTAMP '2001-04-01'",
    checks: ['destinations', 'flights', 'avg_distance'],
  },
];
