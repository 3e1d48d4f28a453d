/**
 * A chart on the canvas: draws the result of the SQL block it names (`source`) with its spec, and
 * lets the person switch the chart type. The result comes through the same run path as the block
 * (so it is usually served from the result cache).
 */
import { Group, Select, Text } from '@mantine/core';
import type { Table } from 'apache-arrow';
import { useEffect, useMemo, useState } from 'react';
import { type Block, CHART_TYPES, type ChartType, describeChart, readChartSpec } from '@facet/engine/common';
import { EChart } from '../charts/EChart.tsx';
import { echartsOption } from '../charts/echarts-option.ts';
import type { BlockNodeProps } from './block-node.ts';

export function ChartBlockNode({ data }: BlockNodeProps) {
  const block = data.block as Block<'chart'>;
  const spec = readChartSpec(block.spec);
  const [result, setResult] = useState<{ table: Table } | { error: string } | undefined>();
  useEffect(() => {
    let live = true;
    data.services.runBlock(block.source).then(
      (run) => live && setResult({ table: run.table }),
      (error: unknown) =>
        live && setResult({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [block.source, data.services]);
  // The spec object is rebuilt on every read of the document; its JSON is what matters.
  const specKey = JSON.stringify(spec ?? null);
  const option = useMemo(() => {
    const current = readChartSpec(JSON.parse(specKey));
    return current && result && 'table' in result ? echartsOption(current, result.table) : undefined;
  }, [specKey, result]);
  const setType = (type: string | null): void => {
    if (spec && type && (CHART_TYPES as readonly string[]).includes(type)) {
      data.canvas.update(block.id, { spec: { ...spec, type: type as ChartType } });
    }
  };
  return (
    <div className="facet-block facet-chart-block" style={{ width: block.w, height: block.h }}>
      <Group className="facet-block-header" justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm" truncate>
          {block.title || `Chart of ${block.source}`}
        </Text>
        <Select
          className="nodrag"
          size="xs"
          w={110}
          aria-label="Chart type"
          data={[...CHART_TYPES]}
          value={spec?.type ?? null}
          onChange={setType}
          allowDeselect={false}
        />
      </Group>
      {!spec && (
        <Text c="red" size="xs">
          This chart's settings are not readable.
        </Text>
      )}
      {result && 'error' in result && (
        <Text c="red" size="xs" role="alert">
          {result.error}
        </Text>
      )}
      {spec && option && <EChart option={option} label={`Chart: ${describeChart(spec)}`} />}
    </div>
  );
}
