/**
 * A chart on the canvas: draws the SQL block it names (`source`) with its spec. The header switches
 * the chart type, opens the settings panel (encodings, aggregation, axes, format, colors) and
 * exports the picture. The chart's rows come from its own query (aggregated, binned or sampled in
 * the engine, see chartQuery), run through `queryCanvas`; every edit goes to the document.
 */
import { ActionIcon, Drawer, Group, Select, Text, useComputedColorScheme } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import {
  type Block,
  CHART_TYPE_LABELS,
  CHART_TYPES,
  type ChartSpec,
  type ChartType,
  describeChart,
  readChartSpec,
  switchChartType,
} from '@facet/engine/common';
import { ChartExportMenu } from '../charts/ChartExportMenu.tsx';
import { ChartSettings } from '../charts/ChartSettings.tsx';
import { EChart } from '../charts/EChart.tsx';
import { echartsOption } from '../charts/echarts-option.ts';
import type { echarts } from '../charts/echarts-setup.ts';
import {
  type ChartRows,
  useChartResult,
  useSourceColumns,
  useSourceVersion,
} from '../charts/use-chart-result.ts';
import type { BlockNodeProps } from './block-node.ts';

/** The block's chrome around the chart: header, padding, gaps. */
const CHROME = { width: 18, height: 48 };

export function ChartBlockNode({ data }: BlockNodeProps) {
  const block = data.block as Block<'chart'>;
  const spec = readChartSpec(block.spec);
  // The spec object is rebuilt on every read of the document; its JSON is what matters.
  const specKey = JSON.stringify(spec ?? null);
  const version = useSourceVersion(data.canvas, block.source);
  const columns = useSourceColumns(data.services, block.source, version);
  const result = useChartResult(data.services, block.source, specKey, columns);
  // The rows to draw: the current ones, or the last good ones while new ones load or fail.
  const rows = result.status === 'done' ? result : result.last;
  const [plot, setPlot] = useState<{ width: number; height: number } | undefined>();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [exportError, setExportError] = useState<string | undefined>();
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  const dark = useComputedColorScheme('light') === 'dark';
  const size = plot ?? { width: block.w - CHROME.width, height: block.h - CHROME.height };
  // The size object is new on every render; its pixels are what matter.
  const sizeKey = `${Math.round(size.width)}x${Math.round(size.height)}`;

  const drawn = useMemo((): { option: echarts.EChartsCoreOption } | { error: string } | undefined => {
    if (!rows || rows.table.numRows === 0) return undefined;
    const [width, height] = sizeKey.split('x').map(Number);
    try {
      return {
        option: echartsOption(rows.spec, rows.table, { plot: { width: width ?? 0, height: height ?? 0 } }),
      };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [rows, sizeKey]);

  const update = (next: ChartSpec): void => data.canvas.update(block.id, { spec: { ...next } });
  const setType = (type: string | null): void => {
    if (spec && type && (CHART_TYPES as readonly string[]).includes(type) && type !== spec.type) {
      update(switchChartType(spec, type as ChartType, columns ?? []));
    }
  };
  const error =
    result.status === 'error' ? result.message : drawn && 'error' in drawn ? drawn.error : exportError;
  const name = spec?.title || block.title || `Chart of ${block.source}`;
  return (
    <div
      className="facet-block facet-chart-block"
      style={{ width: block.w, height: block.h }}
      // Busy until the picture shows the current spec's rows (or its error).
      aria-busy={
        result.status === 'loading' || (result.status === 'done' && JSON.stringify(result.spec) !== specKey)
      }
    >
      <Group className="facet-block-header" justify="space-between" wrap="nowrap" gap={6}>
        <Text fw={600} size="sm" truncate>
          {block.title || `Chart of ${block.source}`}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Select
            className="nodrag"
            size="xs"
            w={150}
            aria-label="Chart type"
            data={CHART_TYPES.map((t) => ({ value: t, label: CHART_TYPE_LABELS[t] }))}
            value={spec?.type ?? null}
            onChange={setType}
            allowDeselect={false}
            maxDropdownHeight={320}
          />
          <ActionIcon
            className="nodrag"
            variant="default"
            size="md"
            aria-label="Chart settings"
            onClick={() => setSettingsOpen(true)}
            disabled={!spec}
          >
            <span aria-hidden>⚙</span>
          </ActionIcon>
          <ChartExportMenu
            chart={chart}
            option={drawn && 'option' in drawn ? drawn.option : undefined}
            dark={dark}
            name={name}
            onError={setExportError}
          />
        </Group>
      </Group>
      {!spec && (
        <Text c="red" size="xs" role="alert">
          This chart's settings are not readable.
        </Text>
      )}
      {error && (
        <Text c="red" size="xs" role="alert" className="facet-block-error">
          {error}
        </Text>
      )}
      {result.status === 'done' && <RowsNotice rows={result} />}
      {spec && drawn && 'option' in drawn && (
        <EChart
          option={drawn.option}
          label={`Chart: ${describeChart(spec)}`}
          instance={chart}
          onSize={setPlot}
        />
      )}
      {spec && (
        <Drawer
          opened={settingsOpen}
          onClose={() => setSettingsOpen(false)}
          title="Chart settings"
          position="right"
          size={360}
          overlayProps={{ backgroundOpacity: 0.15 }}
        >
          <ChartSettings spec={spec} columns={columns ?? []} onChange={update} />
        </Drawer>
      )}
    </div>
  );
}

/** Says when there is nothing to draw, or when the rows drawn are not all of them. */
function RowsNotice({ rows }: { rows: ChartRows }) {
  const text =
    rows.table.numRows === 0
      ? 'No rows to chart.'
      : !rows.truncated
        ? undefined
        : rows.sampled
          ? `Showing a sample of ${rows.maxRows.toLocaleString()} rows.`
          : `Showing the first ${rows.maxRows.toLocaleString()} rows; aggregate or limit to see all.`;
  return text ? (
    <Text c="dimmed" size="xs" className="facet-block-hint">
      {text}
    </Text>
  ) : null;
}
