/**
 * One ECharts instance in a div, resized with its container. Only the chart types and components
 * Facet uses are registered, which keeps the bundle smaller.
 */
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface EChartProps {
  option: echarts.EChartsCoreOption;
  /** The accessible name; starts with "Chart:". */
  label: string;
}

export function EChart({ option, label }: EChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  const scheme = useComputedColorScheme('light');
  const latest = useRef(option);
  latest.current = option;
  useEffect(() => {
    if (!host.current) return undefined;
    const instance = echarts.init(host.current, scheme === 'dark' ? 'dark' : undefined);
    instance.setOption({ backgroundColor: 'transparent', ...latest.current });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, [scheme]);
  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, { notMerge: true });
  }, [option]);
  return <div ref={host} className="facet-chart nodrag" role="img" aria-label={label} />;
}
