/**
 * Small multiples: a chart drawn once per value of the facet column, each in its own grid with its
 * own axes, all on one scale (so panels compare at a glance). Without a facet it is one panel.
 */
import { facetGroups } from './chart-data.ts';
import { type Fragment, MAX_FACETS, niceCeil, type OptionContext, panelGrids } from './option-context.ts';

/** One panel's axes and series. Series name their value axis with `yAxisIndex` (0 or 1). */
export interface Panel {
  xAxis: Fragment;
  yAxis: Fragment | Fragment[];
  series: Fragment[];
  /** The range of the first value axis' data, to share one scale between panels. */
  extent?: [number, number];
  /** The value axis is the x axis (horizontal bars). */
  valueOnX?: boolean;
}

export function withPanels(ctx: OptionContext, build: (rows: number[], index: number) => Panel): Fragment {
  const groups = facetGroups(ctx.data, MAX_FACETS);
  const layout = panelGrids(groups.length, ctx.top, ctx.plot?.height ?? 320);
  const panels = groups.map((g, i) => build(g.rows, i));
  const faceted = groups.length > 1;
  const shared = faceted ? sharedRange(panels) : undefined;
  const grid: Fragment[] = [];
  const xAxis: Fragment[] = [];
  const yAxis: Fragment[] = [];
  const series: Fragment[] = [];
  const titles: Fragment[] = [];
  panels.forEach((panel, i) => {
    const place = layout[i];
    if (!place) return;
    grid.push(place.grid);
    const ys = Array.isArray(panel.yAxis) ? panel.yAxis : [panel.yAxis];
    const scaled = (axis: Fragment, first: boolean): Fragment =>
      shared && first && axis.type === 'value' && axis.max === undefined ? { ...axis, ...shared } : axis;
    // Panels drop axis titles: the panel's own title and the legend say what is drawn.
    const untitled = (axis: Fragment): Fragment => (faceted ? { ...axis, name: undefined } : axis);
    xAxis.push({ ...untitled(scaled(panel.xAxis, panel.valueOnX === true)), gridIndex: i });
    const first = yAxis.length;
    ys.forEach((axis, k) =>
      yAxis.push({ ...untitled(scaled(axis, k === 0 && !panel.valueOnX)), gridIndex: i }),
    );
    for (const s of panel.series) {
      const index = typeof s.yAxisIndex === 'number' ? s.yAxisIndex : 0;
      series.push({ ...s, xAxisIndex: i, yAxisIndex: first + index });
    }
    if (faceted) {
      titles.push({
        text: groups[i]?.name,
        ...place.title,
        textStyle: { fontSize: 12, fontWeight: 'normal' },
      });
    }
  });
  return { grid, xAxis, yAxis, series, panelTitles: titles };
}

function sharedRange(panels: readonly Panel[]): Fragment | undefined {
  const extents = panels.flatMap((p) => (p.extent ? [p.extent] : []));
  if (extents.length === 0) return undefined;
  const min = Math.min(...extents.map((e) => e[0]));
  const max = Math.max(...extents.map((e) => e[1]));
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return undefined;
  // Ends on multiples of a round step, so every panel's ticks land on the same round numbers.
  const step = niceCeil((max - Math.min(0, min)) / 5);
  return { min: min >= 0 ? 0 : Math.floor(min / step) * step, max: Math.ceil(max / step) * step };
}
