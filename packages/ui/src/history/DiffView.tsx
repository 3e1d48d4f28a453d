/**
 * What changed between two states of a canvas: blocks added, removed and edited (SQL and notes as
 * line diffs, chart settings by key), moves and resizes, and the numbers that changed in stored
 * results. Read-only.
 */
import { Badge, Code, Stack, Text } from '@mantine/core';
import { type Block, type DocDiff, type ResultChanges, blockLabel } from '@facet/engine/common';

export interface DiffViewProps {
  diff: DocDiff;
  results?: readonly { id: string; block: string; changes: ResultChanges }[];
}

export function DiffView({ diff, results = [] }: DiffViewProps) {
  const nothing =
    diff.added.length + diff.removed.length + diff.changed.length + results.length === 0 &&
    diff.glossary.added.length + diff.glossary.removed.length + diff.glossary.changed.length === 0 &&
    diff.metrics.added.length + diff.metrics.removed.length + diff.metrics.changed.length === 0;
  if (nothing) return <Text size="sm">No changes.</Text>;
  return (
    <Stack gap="xs" aria-label="Changes">
      {diff.added.map((b) => (
        <Line key={b.id} kind="added" block={b} />
      ))}
      {diff.removed.map((b) => (
        <Line key={b.id} kind="removed" block={b} />
      ))}
      {diff.changed.map((change) => (
        <Stack key={change.id} gap={2}>
          <Text size="sm">
            <Badge size="xs" color="yellow" mr={6}>
              edited
            </Badge>
            {change.label}
            {change.moved ? ' · moved' : ''}
            {change.resized ? ' · resized' : ''}
          </Text>
          {change.fields.map((field) =>
            field.lines ? (
              <Code key={field.field} block className="facet-diff">
                {field.lines.map((line, i) => (
                  <div key={i} className={`facet-diff-${line.op}`}>
                    {line.op === 'add' ? '+ ' : line.op === 'remove' ? '- ' : '  '}
                    {line.text}
                  </div>
                ))}
              </Code>
            ) : (
              <Text key={field.field} size="xs" c="dimmed">
                {field.field}
                {field.keys ? `: ${field.keys.join(', ')}` : ''} changed
              </Text>
            ),
          )}
        </Stack>
      ))}
      {results.map((r) => (
        <Text key={r.id} size="xs">
          Result of {r.block}: {r.changes.rowsBefore.toLocaleString()} →{' '}
          {r.changes.rowsAfter.toLocaleString()} rows, {r.changes.changedCells.toLocaleString()} cells changed
        </Text>
      ))}
      <Named label="Glossary" changes={diff.glossary} />
      <Named label="Metrics" changes={diff.metrics} />
    </Stack>
  );
}

function Line({ kind, block }: { kind: 'added' | 'removed'; block: Block }) {
  return (
    <Text size="sm">
      <Badge size="xs" color={kind === 'added' ? 'green' : 'red'} mr={6}>
        {kind}
      </Badge>
      {blockLabel(block)}
    </Text>
  );
}

function Named({ label, changes }: { label: string; changes: DocDiff['glossary'] }) {
  const parts = [
    ...changes.added.map((n) => `+${n}`),
    ...changes.removed.map((n) => `-${n}`),
    ...changes.changed.map((n) => `~${n}`),
  ];
  if (parts.length === 0) return null;
  return (
    <Text size="xs">
      {label}: {parts.join(', ')}
    </Text>
  );
}
