/**
 * The data panel: every table with its row count; open one to see its columns and types, and a
 * column's profile (nulls, distinct values, range, top values). Refreshes when `version` changes
 * (after an import).
 */
import {
  Accordion,
  Badge,
  Group,
  Loader,
  ScrollArea,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ColumnProfile, TableInfo } from '@facet/engine/common';
import type { CanvasServices } from '../services.ts';

export interface DataPanelProps {
  services: CanvasServices;
  /** Bump to reload the tables. */
  version: number;
}

export function DataPanel({ services, version }: DataPanelProps) {
  const [tables, setTables] = useState<TableInfo[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    services.tables().then(
      (list) => live && setTables(list),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [services, version]);
  return (
    <Stack gap="xs" p="sm" h="100%" component="section" aria-label="Data">
      <Title order={6}>Data</Title>
      {error && (
        <Text c="red" size="xs" role="alert">
          {error}
        </Text>
      )}
      {!tables && !error && <Loader size="xs" />}
      {tables?.length === 0 && (
        <Text size="xs" c="dimmed">
          No data yet. Use “Import data” to add a CSV, Parquet, JSON, Excel or SQLite file.
        </Text>
      )}
      <ScrollArea style={{ flex: 1 }}>
        <Accordion multiple variant="filled" chevronPosition="left">
          {tables?.map((table) => (
            <Accordion.Item key={table.name} value={table.name}>
              <Accordion.Control aria-label={`Table ${table.name}`}>
                <Group justify="space-between" wrap="nowrap" gap={4}>
                  <Text size="sm" fw={500} truncate>
                    {table.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {table.rowCount.toLocaleString()} rows
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <ColumnList services={services} table={table} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </ScrollArea>
    </Stack>
  );
}

function ColumnList({ services, table }: { services: CanvasServices; table: TableInfo }) {
  const [open, setOpen] = useState<string | undefined>();
  const [profiles, setProfiles] = useState<Map<string, ColumnProfile> | undefined>();
  const toggle = (column: string): void => {
    setOpen((current) => (current === column ? undefined : column));
    if (!profiles) {
      services.profile(table.name).then(
        (p) => setProfiles(new Map(p.columns.map((c) => [c.name, c]))),
        () => setProfiles(new Map()),
      );
    }
  };
  return (
    <Stack gap={2} role="tree" aria-label={`Columns of ${table.name}`}>
      {table.columns.map((column) => (
        <div key={column.name} role="treeitem" aria-expanded={open === column.name} aria-selected={false}>
          <UnstyledButton onClick={() => toggle(column.name)} w="100%">
            <Group justify="space-between" wrap="nowrap" gap={4}>
              <Text size="xs" truncate>
                {column.name}
              </Text>
              <Badge size="xs" variant="light" color="gray" tt="none">
                {column.type}
              </Badge>
            </Group>
          </UnstyledButton>
          {open === column.name && <ColumnSummary profile={profiles?.get(column.name)} loading={!profiles} />}
        </div>
      ))}
    </Stack>
  );
}

function ColumnSummary({ profile, loading }: { profile: ColumnProfile | undefined; loading: boolean }) {
  if (loading) return <Loader size="xs" />;
  if (!profile) return null;
  const lines = [
    `${profile.nulls.toLocaleString()} nulls · ~${profile.distinct.toLocaleString()} distinct`,
    profile.min !== null ? `min ${String(profile.min)} · max ${String(profile.max)}` : undefined,
    profile.mean != null ? `mean ${Number(profile.mean.toPrecision(6))}` : undefined,
    profile.topValues?.length
      ? `top: ${profile.topValues
          .slice(0, 3)
          .map((t) => `${t.value ?? 'NULL'} (${t.count})`)
          .join(', ')}`
      : undefined,
  ].filter((l): l is string => l !== undefined);
  return (
    <Stack gap={0} pl="xs" pb={4} aria-label={`Profile of ${profile.name}`}>
      {lines.map((line) => (
        <Text key={line} size="xs" c="dimmed">
          {line}
        </Text>
      ))}
    </Stack>
  );
}
