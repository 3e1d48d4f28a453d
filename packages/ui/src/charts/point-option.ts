/**
 * Point clouds: scatter, bubble (size encodes a column) and the map, which draws longitude/latitude
 * on a graticule with the aspect of an equirectangular projection (no tiles or outlines: Facet
 * works offline and downloads nothing). Big clouds use ECharts' large, progressive mode.
 */
import type { JsValue } from '@facet/engine/common';
import { compareLabels, extent, label, toNumber } from './chart-data.ts';
import { baseAxis, type Fragment, LARGE, type OptionContext, valueAxis } from './option-context.ts';
import { type Panel, withPanels } from './panels.ts';

export function pointsOption(ctx: OptionContext): Fragment {
  if (ctx.spec.type === 'map') return mapOption(ctx);
  return withPanels(ctx, (rows) => pointsPanel(ctx, rows));
}

/** Points grouped into one series per split value. */
function groupPoints(ctx: OptionContext, rows: readonly number[]): Map<string, unknown[][]> {
  const { data } = ctx;
  const groups = new Map<string, unknown[][]>();
  for (const r of rows) {
    const y = data.ys[0]?.[r] ?? null;
    if (y === null) continue;
    const key = data.color ? label(data.color[r]) : (ctx.names[0] ?? '');
    const point: unknown[] = [data.x[r], y];
    if (data.size) point.push(data.size[r]);
    const group = groups.get(key);
    if (group) group.push(point);
    else groups.set(key, [point]);
  }
  return groups;
}

/** Bubble sizes: area proportional to the value, between 4 and 40 pixels across. */
function bubbleSize(ctx: OptionContext): ((value: unknown[]) => number) | undefined {
  const sizes = ctx.data.size;
  if (!sizes) return undefined;
  const max = Math.max(0, extent(sizes)?.[1] ?? 0);
  return (value) => {
    const s = toNumber(value[2]);
    return s === null || s < 0 || max === 0 ? 4 : 4 + 36 * Math.sqrt(s / max);
  };
}

function pointSeries(ctx: OptionContext, groups: Map<string, unknown[][]>): Fragment[] {
  const size = bubbleSize(ctx);
  return [...groups]
    .sort(([a], [b]) => compareLabels(a, b))
    .map(([name, points]) => {
      const large = points.length > LARGE && !size;
      return {
        type: 'scatter',
        name,
        data: points,
        symbolSize: size ?? (points.length > 10_000 ? 3 : 6),
        ...(size ? { itemStyle: { opacity: 0.6, borderColor: '#fff', borderWidth: 0.5 } } : {}),
        large,
        largeThreshold: LARGE,
        progressive: 5000,
        progressiveThreshold: 10_000,
        ...(ctx.spec.labels && points.length <= 200
          ? {
              label: {
                show: true,
                position: 'top',
                formatter: (p: { value: unknown[] }) => ctx.fmt(p.value[1]),
              },
            }
          : {}),
        emphasis: { focus: 'series' },
      };
    });
}

function pointsPanel(ctx: OptionContext, rows: number[]): Panel {
  const { spec, data } = ctx;
  const range = extent(rows.map((r) => data.ys[0]?.[r]));
  return {
    xAxis: {
      ...baseAxis(ctx, data.xKind, uniqueX(data.x, rows), spec.xAxis, spec.x),
      splitLine: { show: true },
    },
    yAxis: valueAxis(ctx, spec.yAxis, ctx.names[0], { scale: true }),
    series: pointSeries(ctx, groupPoints(ctx, rows)),
    ...(range ? { extent: [Math.min(0, range[0]), range[1]] as [number, number] } : {}),
  };
}

function uniqueX(x: readonly JsValue[], rows: readonly number[]): JsValue[] {
  const seen = new Set<string>();
  const out: JsValue[] = [];
  for (const r of rows) {
    const key = label(x[r]);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(x[r] ?? null);
    }
  }
  return out;
}

/** Longitude/latitude on equal-looking degrees: the view is widened or heightened to keep the aspect. */
function mapOption(ctx: OptionContext): Fragment {
  const { data, spec } = ctx;
  const rows = Array.from({ length: data.rows }, (_, i) => i).filter((r) => {
    const lon = toNumber(data.x[r]);
    const lat = data.ys[0]?.[r];
    return lon !== null && lon >= -180 && lon <= 180 && typeof lat === 'number' && lat >= -90 && lat <= 90;
  });
  const lons = rows.map((r) => toNumber(data.x[r]) as number);
  const lats = rows.map((r) => data.ys[0]?.[r] as number);
  let [west, east] = padded(lons, -180, 180);
  let [south, north] = padded(lats, -90, 90);
  // Equirectangular: a degree of longitude is cos(latitude) as long as a degree of latitude.
  const squeeze = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const plot = ctx.plot ?? { width: 480, height: 320 };
  const wantWidth = ((north - south) * (plot.width - 60)) / Math.max(1, plot.height - ctx.top - 40) / squeeze;
  if (wantWidth > east - west) [west, east] = grow(west, east, wantWidth, -180, 180);
  else
    [south, north] = grow(
      south,
      north,
      ((east - west) * squeeze * (plot.height - ctx.top - 40)) / (plot.width - 60),
      -90,
      90,
    );
  const degrees = (suffixes: [string, string]) => (v: number) =>
    `${Math.abs(Math.round(v * 10) / 10)}°${v < 0 ? suffixes[0] : v > 0 ? suffixes[1] : ''}`;
  const axis = (min: number, max: number, suffixes: [string, string]): Fragment => ({
    type: 'value',
    min: Math.floor(min),
    max: Math.ceil(max),
    splitLine: { show: true, lineStyle: { type: 'dashed', opacity: 0.5 } },
    axisLabel: { formatter: degrees(suffixes), hideOverlap: true },
  });
  return {
    grid: { left: 8, right: 16, top: ctx.top, bottom: 8 },
    xAxis: { ...axis(west, east, ['W', 'E']), name: spec.xAxis?.title },
    yAxis: { ...axis(south, north, ['S', 'N']), name: spec.yAxis?.title },
    series: pointSeries(ctx, groupPoints(ctx, rows)),
  };
}

function padded(values: readonly number[], lo: number, hi: number): [number, number] {
  const range = extent(values);
  if (!range) return [lo, hi];
  const [min, max] = range;
  const pad = Math.max((max - min) * 0.05, 1);
  return [Math.max(lo, min - pad), Math.min(hi, max + pad)];
}

/** Widens [a, b] to `span` around its middle, kept inside [lo, hi]. */
function grow(a: number, b: number, span: number, lo: number, hi: number): [number, number] {
  const width = Math.min(span, hi - lo);
  const mid = (a + b) / 2;
  const start = Math.min(Math.max(lo, mid - width / 2), hi - width);
  return [start, start + width];
}
