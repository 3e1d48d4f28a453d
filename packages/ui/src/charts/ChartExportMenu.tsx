/** "Export" in a chart block's header: the chart as PNG, SVG or PDF. */
import { Button, Menu } from '@mantine/core';
import type { RefObject } from 'react';
import { type ChartExportFormat, exportChart } from './chart-export.ts';
import type { echarts } from './echarts-setup.ts';

export interface ChartExportMenuProps {
  chart: RefObject<echarts.ECharts | undefined>;
  option: echarts.EChartsCoreOption | undefined;
  dark: boolean;
  name: string;
  onError: (message: string) => void;
}

const FORMATS: { format: ChartExportFormat; label: string }[] = [
  { format: 'png', label: 'PNG' },
  { format: 'svg', label: 'SVG' },
  { format: 'pdf', label: 'PDF' },
];

export function ChartExportMenu({ chart, option, dark, name, onError }: ChartExportMenuProps) {
  const run = (format: ChartExportFormat): void => {
    const instance = chart.current;
    if (!instance || !option) return;
    exportChart(format, { chart: instance, option, dark, name }).catch((error: unknown) =>
      onError(`Export failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="compact-xs" variant="default" className="nodrag" disabled={!option}>
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {FORMATS.map((f) => (
          <Menu.Item key={f.format} onClick={() => run(f.format)}>
            {f.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
