/**
 * A chart spec plus an Arrow result → an ECharts option. Only the columns the spec uses are read.
 * Big results stay interactive: lines are downsampled with LTTB, bars and points switch to
 * ECharts' large mode past a few thousand items.
 */
import type { Table } from 'apache-arrow';
import { type ChartSpec, vectorToValues } from '@facet/engine/common';
import type { EChartsCoreOption } from 'echarts/core';

const LARGE = 5000;

export function echartsOption(spec: ChartSpec, table: Table): EChartsCoreOption {
  const column = (name: string): unknown[] => {
    const vector = table.getChild(name);
    return vector ? vectorToValues(vector) : [];
  };
  const x = column(spec.x);
  const series = spec.y.map((name) => ({ name, values: column(name).map(toNumber) }));
  const base = {
    animation: table.numRows < 2000,
    tooltip: { trigger: spec.type === 'pie' || spec.type === 'scatter' ? 'item' : 'axis' },
    legend: series.length > 1 || spec.type === 'pie' ? { top: 0, type: 'scroll' } : undefined,
    grid: { left: 48, right: 16, top: series.length > 1 ? 32 : 16, bottom: 32, containLabel: true },
  };
  if (spec.type === 'pie') {
    const values = series[0]?.values ?? [];
    return {
      ...base,
      series: [
        {
          type: 'pie',
          radius: ['0%', '70%'],
          data: x.map((label, i) => ({ name: String(label), value: values[i] })),
        },
      ],
    };
  }
  if (spec.type === 'scatter') {
    const ys = series[0]?.values ?? [];
    return {
      ...base,
      xAxis: { type: 'value', name: spec.x, scale: true },
      yAxis: { type: 'value', name: spec.y[0], scale: true },
      series: [
        {
          type: 'scatter',
          symbolSize: 6,
          large: x.length > LARGE,
          data: x.map((v, i) => [toNumber(v), ys[i]]),
        },
      ],
    };
  }
  const categoryAxis = {
    type: 'category',
    data: x.map((v) => (v === null ? 'NULL' : String(v))),
    name: spec.x,
  };
  const valueAxis = { type: 'value' };
  return {
    ...base,
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series: series.map((s) => ({
      name: s.name,
      type: spec.type === 'area' ? 'line' : spec.type,
      data: s.values,
      ...(spec.type === 'area' ? { areaStyle: {} } : {}),
      ...(spec.stacked || spec.type === 'area' ? { stack: spec.stacked ? 'total' : undefined } : {}),
      ...(spec.type === 'line' || spec.type === 'area'
        ? { sampling: 'lttb', showSymbol: x.length < 200 }
        : {}),
      ...(spec.type === 'bar' ? { large: x.length > LARGE } : {}),
    })),
  };
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
