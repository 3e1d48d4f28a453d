/**
 * The chart settings panel: encodings (which column is x, the values, the split, size and small
 * multiples), how rows are combined (aggregation, sort, top N, stacking, bins), then axes and looks
 * (ChartLookSettings). Only what the chart type uses is shown, labelled for that type. Every edit
 * produces a whole new spec through `onChange`.
 */
import { MultiSelect, NumberInput, SegmentedControl, Select, Stack, Switch, Text } from '@mantine/core';
import {
  AGGREGATIONS,
  type Aggregation,
  type ChartColumn,
  chartRoles,
  type ChartSpec,
  SORT_ORDERS,
  type SortOrder,
} from '@facet/engine/common';
import { ChartLookSettings } from './ChartLookSettings.tsx';
import { columnGroups, inputNumber, patchSpec, type SpecPatch } from './spec-edit.ts';

export interface ChartSettingsProps {
  spec: ChartSpec;
  /** The source result's columns. */
  columns: readonly ChartColumn[];
  onChange: (spec: ChartSpec) => void;
}

const AGGREGATION_LABELS: Record<Aggregation, string> = {
  none: 'None (every row)',
  sum: 'Sum',
  avg: 'Average',
  count: 'Count',
  min: 'Minimum',
  max: 'Maximum',
  median: 'Median',
  distinct: 'Distinct count',
};

const SORT_LABELS: Record<SortOrder, string> = {
  none: 'As the query returns them',
  'x-asc': 'By category, A → Z',
  'x-desc': 'By category, Z → A',
  'value-asc': 'By value, smallest first',
  'value-desc': 'By value, largest first',
};

export function ChartSettings({ spec, columns, onChange }: ChartSettingsProps) {
  const roles = chartRoles(spec.type);
  const set = (patch: SpecPatch): void => onChange(patchSpec(spec, patch));
  const all = columnGroups(columns);
  const numbers = columnGroups(columns, 'number');
  // A column the spec names but the result lacks stays listed, so the person sees what is set.
  const withMissing = (groups: typeof all, names: readonly (string | undefined)[]) => {
    const known = new Set(columns.map((c) => c.name));
    const missing = names.filter((n): n is string => !!n && !known.has(n));
    return missing.length > 0
      ? [...groups, { group: 'Not in the result', items: missing.map((n) => ({ value: n, label: n })) }]
      : groups;
  };
  const columnSelect = (
    label: string,
    value: string | undefined,
    onPick: (v: string | null) => void,
    clearable: boolean,
  ) => (
    <Select
      label={label}
      size="xs"
      data={withMissing(all, [value])}
      value={value || null}
      onChange={onPick}
      clearable={clearable}
      searchable
      placeholder={clearable ? 'None' : 'Pick a column'}
      nothingFoundMessage="No such column"
    />
  );
  return (
    <Stack gap="xs">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        Encodings
      </Text>
      {roles.x && columnSelect(roles.x, spec.x, (v) => set({ x: v ?? '' }), roles.xOptional === true)}
      {roles.y.max > 0 && (
        <MultiSelect
          label={roles.y.label}
          size="xs"
          data={withMissing(numbers.length > 0 ? numbers : all, spec.y)}
          value={spec.y}
          onChange={(y) => set({ y })}
          maxValues={roles.y.max}
          searchable
          placeholder={roles.y.min === 0 && spec.y.length === 0 ? 'Count rows' : 'Pick columns'}
          description={roles.y.min > 1 ? `${roles.y.min} to ${roles.y.max} columns` : undefined}
        />
      )}
      {roles.y2 && (
        <MultiSelect
          label={roles.y2}
          size="xs"
          data={withMissing(numbers.length > 0 ? numbers : all, spec.y2 ?? [])}
          value={spec.y2 ?? []}
          onChange={(y2) => set({ y2 })}
          maxValues={8}
          searchable
        />
      )}
      {roles.color && columnSelect(roles.color, spec.color, (v) => set({ color: v }), true)}
      {roles.size && columnSelect(roles.size, spec.size, (v) => set({ size: v }), true)}
      {roles.facet && columnSelect('Small multiples by', spec.facet, (v) => set({ facet: v }), true)}

      <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="xs">
        Data
      </Text>
      {roles.aggregate && (
        <Select
          label="Aggregation"
          size="xs"
          data={AGGREGATIONS.map((a) => ({ value: a, label: AGGREGATION_LABELS[a] }))}
          value={spec.aggregate ?? roles.defaultAggregate}
          onChange={(v) => set({ aggregate: v })}
          allowDeselect={false}
        />
      )}
      {roles.sort && (
        <Select
          label="Sort"
          size="xs"
          data={SORT_ORDERS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
          value={spec.sort ?? 'none'}
          onChange={(v) => set({ sort: v === 'none' ? undefined : v })}
          allowDeselect={false}
        />
      )}
      {roles.sort && (
        <NumberInput
          label="Show at most (categories)"
          size="xs"
          min={1}
          max={10_000}
          allowDecimal={false}
          placeholder="All"
          value={spec.limit ?? ''}
          onChange={(v) => set({ limit: inputNumber(v) })}
        />
      )}
      {roles.stacking && (
        <Stack gap={2}>
          <Text size="xs" fw={500}>
            Stacking
          </Text>
          <SegmentedControl
            size="xs"
            aria-label="Stacking"
            data={[
              { value: 'none', label: 'Side by side' },
              { value: 'stacked', label: 'Stacked' },
              { value: 'percent', label: '100%' },
            ]}
            value={spec.stacking ?? (spec.type === 'histogram' ? 'stacked' : 'none')}
            onChange={(v) => set({ stacking: v })}
          />
        </Stack>
      )}
      {roles.horizontal && (
        <Switch
          size="xs"
          label="Horizontal bars"
          checked={spec.horizontal === true}
          onChange={(e) => set({ horizontal: e.currentTarget.checked || undefined })}
        />
      )}
      {roles.bins && (
        <NumberInput
          label="Bins"
          size="xs"
          min={1}
          max={200}
          allowDecimal={false}
          placeholder="20"
          value={spec.bins ?? ''}
          onChange={(v) => set({ bins: inputNumber(v) })}
        />
      )}
      <ChartLookSettings spec={spec} set={set} />
    </Stack>
  );
}
