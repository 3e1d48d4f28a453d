/**
 * A control: a value SQL blocks read as a parameter (`WHERE city = {{city}}`). Dropdown, number,
 * text or date range (read as `{{name_from}}` and `{{name_to}}`). Changing it re-runs the blocks
 * that use it.
 */
import {
  ActionIcon,
  Group,
  NumberInput,
  Popover,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Block } from '@facet/engine/common';
import type { BlockNodeProps } from './block-node.ts';

const KINDS = [
  { value: 'dropdown', label: 'Dropdown' },
  { value: 'number', label: 'Number' },
  { value: 'text', label: 'Text' },
  { value: 'date-range', label: 'Date range' },
];

export function ControlBlockNode({ data }: BlockNodeProps) {
  const block = data.block as Block<'control'>;
  const set = (value: unknown): void => data.canvas.update(block.id, { value });
  return (
    <div className="facet-block facet-control-block" style={{ width: block.w, height: block.h }}>
      <Group className="facet-block-header" justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} truncate>
          {block.title || block.name}{' '}
          <Text span size="xs" c="dimmed" ff="monospace">
            {`{{${block.name}}}`}
          </Text>
        </Text>
        <ControlSettings block={block} update={(patch) => data.canvas.update(block.id, patch)} />
      </Group>
      <div className="nodrag">
        <ControlInput block={block} set={set} />
      </div>
    </div>
  );
}

function ControlInput({ block, set }: { block: Block<'control'>; set: (value: unknown) => void }) {
  const label = block.title || block.name;
  if (block.control === 'dropdown') {
    const options = (block.options ?? []).map((o) => String(o));
    return (
      <Select
        aria-label={label}
        data={options}
        value={block.value === null || block.value === undefined ? null : String(block.value)}
        onChange={(v) => set(v)}
        placeholder={options.length === 0 ? 'Add options in the settings' : 'Pick one'}
        clearable
        size="xs"
      />
    );
  }
  if (block.control === 'number')
    return (
      <NumberInput
        aria-label={label}
        value={typeof block.value === 'number' ? block.value : ''}
        onChange={(v) => set(typeof v === 'number' ? v : null)}
        size="xs"
      />
    );
  if (block.control === 'date-range') {
    const range = (block.value ?? {}) as { from?: string; to?: string };
    return (
      <Group gap={4} wrap="nowrap">
        <TextInput
          type="date"
          aria-label={`${label} from`}
          value={range.from ?? ''}
          onChange={(e) => set({ ...range, from: e.currentTarget.value || undefined })}
          size="xs"
        />
        <TextInput
          type="date"
          aria-label={`${label} to`}
          value={range.to ?? ''}
          onChange={(e) => set({ ...range, to: e.currentTarget.value || undefined })}
          size="xs"
        />
      </Group>
    );
  }
  return <CommittedText label={label} value={block.value} set={set} />;
}

/** Text is committed on Enter or leaving the field, so every keystroke does not re-run queries. */
function CommittedText({ label, value, set }: { label: string; value: unknown; set: (v: unknown) => void }) {
  const [draft, setDraft] = useState(typeof value === 'string' ? value : '');
  useEffect(() => setDraft(typeof value === 'string' ? value : ''), [value]);
  const commit = (): void => {
    if (draft !== value) set(draft);
  };
  return (
    <TextInput
      aria-label={label}
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      size="xs"
    />
  );
}

function ControlSettings({
  block,
  update,
}: {
  block: Block<'control'>;
  update: (patch: Record<string, unknown>) => void;
}) {
  const [name, setName] = useState(block.name);
  const [options, setOptions] = useState((block.options ?? []).join(', '));
  useEffect(() => setName(block.name), [block.name]);
  const stored = (block.options ?? []).join(', ');
  // Undo and other people's edits change the options under the field.
  useEffect(() => setOptions(stored), [stored]);
  const rename = (): void => {
    const clean = name.trim();
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(clean) && clean !== block.name) update({ name: clean });
    else setName(block.name);
  };
  return (
    <Popover position="bottom-end" withinPortal>
      <Popover.Target>
        <Tooltip label="Control settings">
          <ActionIcon size="sm" variant="subtle" aria-label="Control settings" className="nodrag">
            ⚙
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" w={220}>
          <TextInput
            label="Parameter name"
            description="SQL reads it as {{name}}"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            onBlur={rename}
            onKeyDown={(e) => e.key === 'Enter' && rename()}
          />
          <Select
            label="Kind"
            data={KINDS}
            value={block.control}
            onChange={(v) => v && v !== block.control && update({ control: v, value: null })}
            allowDeselect={false}
          />
          {block.control === 'dropdown' && (
            <TextInput
              label="Options"
              description="Separated by commas"
              value={options}
              onChange={(e) => setOptions(e.currentTarget.value)}
              onBlur={() => {
                const next = options
                  .split(',')
                  .map((o) => o.trim())
                  .filter((o) => o !== '');
                if (next.join(', ') !== stored) update({ options: next });
              }}
            />
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
