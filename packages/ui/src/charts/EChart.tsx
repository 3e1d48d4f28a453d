/**
 * One ECharts instance in a div, resized with its container. The instance is handed to `instance`
 * (for exports) and the div's size to `onSize` (some pictures lay themselves out in pixels).
 * A new option replaces the old one, except when only its title, legend or tooltip changed (same
 * series object, see echartsOption): then only those are replaced, and ECharts keeps its data.
 */
import { useComputedColorScheme } from '@mantine/core';
import { type RefObject, useEffect, useRef } from 'react';
import { echarts } from './echarts-setup.ts';
import { decorationPatch } from './option-patch.ts';

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
  // The option the instance shows, to tell what a new one changes.
  const shown = useRef<echarts.EChartsCoreOption | undefined>(undefined);
  useEffect(() => {
    const element = host.current;
    if (!element) return undefined;
    const created = echarts.init(element, scheme === 'dark' ? 'dark' : undefined);
    created.setOption({ backgroundColor: 'transparent', ...latest.current.option });
    shown.current = latest.current.option;
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
      shown.current = undefined;
      if (instance?.current === created) instance.current = undefined;
    };
  }, [scheme, instance]);
  useEffect(() => {
    const current = chart.current;
    if (!current || shown.current === option) return;
    const patch = shown.current && decorationPatch(shown.current, option);
    shown.current = option;
    if (patch) {
      if (patch.types.length > 0)
        current.setOption(patch.option, { replaceMerge: patch.types, lazyUpdate: true });
    } else
      current.setOption({ backgroundColor: 'transparent', ...option }, { notMerge: true, lazyUpdate: true });
  }, [option]);
  return <div ref={host} className="facet-chart nodrag" role="img" aria-label={label} />;
}
