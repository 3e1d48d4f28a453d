/**
 * A chart drawn off screen to a PNG data URL (for reports): the same option builder as the canvas,
 * from the chart's query result, at a fixed size, on a white background, without animation.
 */
import type { Table } from 'apache-arrow';
import type { ChartSpec } from '@facet/engine/common';
import { echarts } from '../charts/echarts-setup.ts';
import { echartsOption } from '../charts/echarts-option.ts';

export function chartPng(spec: ChartSpec, table: Table, width = 960, height = 540): string {
  const host = document.createElement('div');
  host.style.cssText = `position:fixed;left:-20000px;top:0;width:${width}px;height:${height}px`;
  document.body.append(host);
  const instance = echarts.init(host, undefined, { width, height, renderer: 'canvas' });
  try {
    const option = echartsOption(spec, table, { plot: { width, height } });
    instance.setOption({ ...option, animation: false, backgroundColor: '#ffffff' });
    return instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  } finally {
    instance.dispose();
    host.remove();
  }
}
