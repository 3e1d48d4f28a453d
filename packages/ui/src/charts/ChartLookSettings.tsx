/**
 * The second half of the chart settings: axes (titles, log scale, range) and looks (title, value
 * labels, number format, palette).
 */
import {
  ColorSwatch,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import {
  type AxisOptions,
  chartRoles,
  type ChartSpec,
  NUMBER_STYLES,
  type NumberStyle,
  PALETTES,
  type PaletteName,
} from '@facet/engine/common';
import { inputNumber, patchAxis, type SpecPatch } from './spec-edit.ts';

const STYLE_LABELS: Record<NumberStyle, string> = {
  plain: 'Plain (1,234.5)',
  compact: 'Compact (1.2K)',
  percent: 'Percent (0.25 → 25%)',
  currency: 'Currency ($1,234.50)',
  fixed: 'Fixed decimals (1234.50)',
};

export function ChartLookSettings({ spec, set }: { spec: ChartSpec; set: (patch: SpecPatch) => void }) {
  const roles = chartRoles(spec.type);
  const format = spec.format;
  const setFormat = (patch: Partial<NonNullable<ChartSpec['format']>>): void => {
    const style = patch.style ?? format?.style;
    if (!style) return set({ format: undefined });
    const next = { ...format, ...patch, style };
    if (next.decimals === undefined) delete next.decimals;
    if (style !== 'currency' || !next.currency) delete next.currency;
    set({ format: next });
  };
  return (
    <>
      {roles.axes && (
        <>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="xs">
            Axes
          </Text>
          <AxisFields name="X axis" axis={spec.xAxis} onChange={(xAxis) => set({ xAxis })} range={false} />
          <AxisFields name="Y axis" axis={spec.yAxis} onChange={(yAxis) => set({ yAxis })} range />
          {roles.y2 && (
            <AxisFields name="Right axis" axis={spec.y2Axis} onChange={(y2Axis) => set({ y2Axis })} range />
          )}
        </>
      )}
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="xs">
        Look
      </Text>
      <TextInput
        label="Title"
        size="xs"
        value={spec.title ?? ''}
        onChange={(e) => set({ title: e.currentTarget.value })}
      />
      <Switch
        size="xs"
        label="Value labels"
        checked={spec.labels === true}
        onChange={(e) => set({ labels: e.currentTarget.checked })}
      />
      <Select
        label="Number format"
        size="xs"
        data={[
          { value: 'auto', label: 'Automatic' },
          ...NUMBER_STYLES.map((s) => ({ value: s, label: STYLE_LABELS[s] })),
        ]}
        value={format?.style ?? 'auto'}
        onChange={(v) => setFormat({ style: v && v !== 'auto' ? v : undefined })}
        allowDeselect={false}
      />
      {format && (
        <SimpleGrid cols={format.style === 'currency' ? 2 : 1} spacing="xs">
          <NumberInput
            label="Decimals"
            size="xs"
            min={0}
            max={10}
            allowDecimal={false}
            placeholder="Automatic"
            value={format.decimals ?? ''}
            onChange={(v) => setFormat({ decimals: inputNumber(v) })}
          />
          {format.style === 'currency' && (
            <TextInput
              label="Currency"
              size="xs"
              placeholder="USD"
              maxLength={3}
              value={format.currency ?? ''}
              onChange={(e) => setFormat({ currency: e.currentTarget.value.toUpperCase() || undefined })}
            />
          )}
        </SimpleGrid>
      )}
      <Select
        label="Colors"
        size="xs"
        data={Object.keys(PALETTES).map((p) => ({ value: p, label: p }))}
        value={typeof spec.palette === 'string' ? spec.palette : spec.palette ? null : 'default'}
        placeholder="Custom"
        onChange={(v) => set({ palette: v === 'default' ? undefined : (v as PaletteName | null) })}
        allowDeselect={false}
        renderOption={({ option }) => (
          <Group gap={6} wrap="nowrap">
            <Group gap={2} wrap="nowrap">
              {PALETTES[option.value as PaletteName].slice(0, 6).map((c) => (
                <ColorSwatch key={c} color={c} size={12} radius={2} withShadow={false} />
              ))}
            </Group>
            <Text size="xs">{option.label}</Text>
          </Group>
        )}
      />
    </>
  );
}

function AxisFields(props: {
  name: string;
  axis: AxisOptions | undefined;
  onChange: (axis: AxisOptions | undefined) => void;
  range: boolean;
}) {
  const { name, axis, onChange, range } = props;
  const patch = (p: Partial<Record<keyof AxisOptions, unknown>>): void => onChange(patchAxis(axis, p));
  return (
    <Stack gap={4}>
      <TextInput
        label={`${name} title`}
        size="xs"
        placeholder="Column name"
        value={axis?.title ?? ''}
        onChange={(e) => patch({ title: e.currentTarget.value })}
      />
      {range && (
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <NumberInput
            label={`${name} min`}
            size="xs"
            placeholder="Auto"
            value={axis?.min ?? ''}
            onChange={(v) => patch({ min: inputNumber(v) })}
          />
          <NumberInput
            label={`${name} max`}
            size="xs"
            placeholder="Auto"
            value={axis?.max ?? ''}
            onChange={(v) => patch({ max: inputNumber(v) })}
          />
          <Switch
            size="xs"
            label="Log"
            aria-label={`${name} log scale`}
            checked={axis?.log === true}
            onChange={(e) => patch({ log: e.currentTarget.checked })}
            mb={6}
          />
        </Group>
      )}
    </Stack>
  );
}
