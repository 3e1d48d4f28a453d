/**
 * The groupby questions and dashboard queries in nodejs-polars, as the H2O benchmark's polars
 * solution writes them: lazy frames collected at the end, with the same aggregations and column
 * names as the SQL (see h2o-queries.ts and flights-queries.ts).
 */
import pl from 'nodejs-polars';
import { type FlightsId, MARCH_2001 } from '../flights-queries.ts';
import type { H2oId } from '../h2o-queries.ts';

type Frame = pl.DataFrame;

/** Each groupby question over the data set `x`. */
export const POLARS_GROUPBY: Record<H2oId, (x: Frame) => Frame> = {
  q1: (x) => x.lazy().groupBy('id1').agg(pl.col('v1').sum()).collectSync(),
  q2: (x) => x.lazy().groupBy(['id1', 'id2']).agg(pl.col('v1').sum()).collectSync(),
  q3: (x) => x.lazy().groupBy('id3').agg(pl.col('v1').sum(), pl.col('v3').mean()).collectSync(),
  q4: (x) =>
    x.lazy().groupBy('id4').agg(pl.col('v1').mean(), pl.col('v2').mean(), pl.col('v3').mean()).collectSync(),
  q5: (x) =>
    x.lazy().groupBy('id6').agg(pl.col('v1').sum(), pl.col('v2').sum(), pl.col('v3').sum()).collectSync(),
  q6: (x) =>
    x
      .lazy()
      .groupBy(['id4', 'id5'])
      .agg(pl.col('v3').median().alias('median_v3'), pl.col('v3').std().alias('sd_v3'))
      .collectSync(),
  q7: (x) =>
    x
      .lazy()
      .groupBy('id3')
      .agg(pl.col('v1').max().sub(pl.col('v2').min()).alias('range_v1_v2'))
      .collectSync(),
  q8: (x) =>
    x
      .lazy()
      .dropNulls('v3')
      .sort('v3', true)
      .groupBy('id6')
      .agg(pl.col('v3').head(2).alias('largest2_v3'))
      .explode('largest2_v3')
      .collectSync(),
  q9: (x) =>
    x.lazy().groupBy(['id2', 'id4']).agg(pl.pearsonCorr('v1', 'v2').pow(2).alias('r2')).collectSync(),
  q10: (x) =>
    x
      .lazy()
      .groupBy(['id1', 'id2', 'id3', 'id4', 'id5', 'id6'])
      .agg(pl.col('v3').sum(), pl.col('v1').count().alias('count'))
      .collectSync(),
};

/** Each dashboard query over the flights table. */
export const POLARS_FLIGHTS: Record<FlightsId, (flights: Frame) => Frame> = {
  f1: (f) =>
    f
      .lazy()
      .groupBy(pl.col('date').dt.truncate('1d').alias('day'))
      .agg(pl.len().alias('flights'))
      .sort('day')
      .collectSync(),
  f2: (f) =>
    f
      .lazy()
      .groupBy(pl.col('date').dt.hour().alias('hour'))
      .agg(pl.len().alias('flights'), pl.col('delay').mean().alias('avg_delay'))
      .sort('hour')
      .collectSync(),
  f3: (f) =>
    f
      .lazy()
      .groupBy('origin')
      .agg(pl.col('delay').mean().alias('avg_delay'), pl.len().alias('flights'))
      // nodejs-polars 0.24 (the last whose binaries run on Node 20) cannot sort several columns
      // in mixed directions: sort by the tie-breaker first, then stably by the key.
      .sort('origin')
      .sort({ by: 'avg_delay', descending: true, maintainOrder: true })
      .head(20)
      .collectSync(),
  f4: (f) =>
    f
      .lazy()
      .filter(pl.col('delay').gtEq(-60).and(pl.col('delay').ltEq(240)))
      .groupBy(pl.col('delay').div(10).floor().mul(10).alias('bucket'))
      .agg(pl.len().alias('flights'))
      .sort('bucket')
      .collectSync(),
  f5: (f) =>
    f
      .lazy()
      .filter(
        pl
          .col('date')
          .gtEq(pl.lit(new Date(MARCH_2001.start)))
          .and(pl.col('date').lt(pl.lit(new Date(MARCH_2001.end)))),
      )
      .select(
        pl.col('destination').nUnique().alias('destinations'),
        pl.len().alias('flights'),
        pl.col('distance').mean().alias('avg_distance'),
      )
      .collectSync(),
};
