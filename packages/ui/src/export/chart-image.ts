/**
 * A chart block drawn off screen to a PNG data URL (for reports): the same spec and option builder
 * as the canvas, at a fixed size, on a white background, without animation.
 */
import * as echarts from 'echarts/core';
import type { Table } from 'apache-arrow';
import { readChartSpec } from '@facet/engine/common';
import { echartsOption } from '../charts/echarts-option.ts';
import '../charts/EChart.tsx';

export function chartPng(spec: unknown, table: Table, width = 960, height = 540): string | undefined {
  const chart = readChartSpec(spec);
  if (!chart) return undefined;
  const host = document.createElement('div');
  host.style.cssText = `position:fixed;left:-20000px;top:0;width:${width}px;height:${height}px`;
  document.body.append(host);
  const instance = echarts.init(host, undefined, { width, height, renderer: 'canvas' });
  try {
    instance.setOption({ ...echartsOption(chart, table), animation: false, backgroundColor: '#ffffff' });
    return instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  } finally {
    instance.dispose();
    host.remove();
  }
}
