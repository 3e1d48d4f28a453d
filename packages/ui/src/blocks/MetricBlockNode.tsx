/**
 * A metric: one number from a SQL block's result (the first row's value of a column), formatted,
 * with the change against a comparison column when there is one ("▲ 12.5%"). It follows re-runs
 * of the block it reads. "Metric settings" picks the block, the columns and the format.
 */
import { ActionIcon, Group, Popover, Select, Stack, Text, Tooltip } from '@mantine/core';
import { type Block, type NumberStyle, formatNumber, vectorToValues } from '@facet/engine/common';
import type { BlockNodeProps } from './block-node.ts';
import { useBlockResult } from './use-block-result.ts';

const STYLES: { value: NumberStyle; label: string }[] = [
  { value: 'plain', label: 'Plain' },
  { value: 'compact', label: 'Compact (1.2K)' },
  { value: 'percent', label: 'Percent' },
  { value: 'currency', label: 'Currency' },
  { value: 'fixed', label: 'Two decimals' },
];

export function MetricBlockNode({ data }: BlockNodeProps) {
  const block = data.block as Block<'metric'>;
  const result = useBlockResult(data.services, block.source);
  const table = result && 'table' in result ? result.table : undefined;
  const columns = table?.schema.fields.map((f) => f.name) ?? [];
  const first = (column: string | undefined): unknown => {
    const vector = column ? table?.getChild(column) : undefined;
    return vector && vector.length > 0 ? toNumber(vectorToValues(vector.slice(0, 1))[0]) : undefined;
  };
  const value = first(block.column);
  const base = first(block.comparison);
  const style = (STYLES.find((s) => s.value === block.format)?.value ?? 'plain') satisfies NumberStyle;
  const change =
    typeof value === 'number' && typeof base === 'number' && base !== 0
      ? (value - base) / Math.abs(base)
      : undefined;
  const sqlNames = data.canvas.blocks().flatMap((b) => (b.type === 'sql' && b.name ? [b.name] : []));
  return (
    <div className="facet-block facet-metric-block" style={{ width: block.w, height: block.h }}>
      <Group className="facet-block-header" justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed" truncate>
          {block.title || block.column || 'Metric'}
        </Text>
        <Popover position="bottom-end" withinPortal>
          <Popover.Target>
            <Tooltip label="Metric settings">
              <ActionIcon size="sm" variant="subtle" aria-label="Metric settings" className="nodrag">
                ⚙
              </ActionIcon>
            </Tooltip>
          </Popover.Target>
          <Popover.Dropdown>
            <Stack gap="xs" w={220}>
              <Select
                label="Block"
                data={sqlNames}
                value={block.source || null}
                onChange={(v) => v && data.canvas.update(block.id, { source: v })}
                allowDeselect={false}
              />
              <Select
                label="Value"
                data={columns}
                value={block.column || null}
                onChange={(v) => v && data.canvas.update(block.id, { column: v })}
                allowDeselect={false}
              />
              <Select
                label="Compare with"
                data={columns}
                value={block.comparison ?? null}
                onChange={(v) => data.canvas.update(block.id, { comparison: v ?? undefined })}
                clearable
              />
              <Select
                label="Format"
                data={STYLES}
                value={style}
                onChange={(v) => v && data.canvas.update(block.id, { format: v })}
                allowDeselect={false}
              />
            </Stack>
          </Popover.Dropdown>
        </Popover>
      </Group>
      {result && 'error' in result ? (
        <Text c="red" size="xs" role="alert">
          {result.error}
        </Text>
      ) : (
        <Stack gap={0} aria-label={`Metric: ${block.title || block.column}`} role="group">
          <Text fz={32} fw={700} lh={1.1} className="facet-metric-value">
            {value === undefined ? '–' : formatNumber(value, { style })}
          </Text>
          {change !== undefined && (
            <Text size="sm" c={change >= 0 ? 'teal' : 'red'}>
              {change >= 0 ? '▲' : '▼'} {formatNumber(Math.abs(change), { style: 'percent' })} vs{' '}
              {block.comparison}
            </Text>
          )}
        </Stack>
      )}
    </div>
  );
}

function toNumber(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return value;
}
