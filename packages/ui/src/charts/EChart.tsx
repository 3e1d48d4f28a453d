/**
 * One ECharts instance in a div, resized with its container. The instance is handed to `instance`
 * (for exports) and the div's size to `onSize` (some pictures lay themselves out in pixels).
 */
import { useComputedColorScheme } from '@mantine/core';
import { type RefObject, useEffect, useRef } from 'react';
import { echarts } from './echarts-setup.ts';

export interface EChartProps {
  option: echarts.EChartsCoreOption;
  /** The accessible name; starts with "Chart:". */
  label: string;
  instance?: RefObject<echarts.ECharts | undefined>;
  onSize?: (size: { width: number; height: number }) => void;
}

export function EChart({ option, label, instance, onSize }: EChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  const scheme = useComputedColorScheme('light');
  const latest = useRef({ option, onSize });
  latest.current = { option, onSize };
  useEffect(() => {
    const element = host.current;
    if (!element) return undefined;
    const created = echarts.init(element, scheme === 'dark' ? 'dark' : undefined);
    created.setOption({ backgroundColor: 'transparent', ...latest.current.option });
    chart.current = created;
    if (instance) instance.current = created;
    const observer = new ResizeObserver(([entry]) => {
      created.resize();
      if (entry) {
        const { width, height } = entry.contentRect;
        latest.current.onSize?.({ width: Math.round(width), height: Math.round(height) });
      }
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      created.dispose();
      chart.current = undefined;
      if (instance?.current === created) instance.current = undefined;
    };
  }, [scheme, instance]);
  useEffect(() => {
    chart.current?.setOption(
      { backgroundColor: 'transparent', ...option },
      { notMerge: true, lazyUpdate: true },
    );
  }, [option]);
  return <div ref={host} className="facet-chart nodrag" role="img" aria-label={label} />;
}
