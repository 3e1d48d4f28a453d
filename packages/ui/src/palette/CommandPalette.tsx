/**
 * The command palette (Ctrl/Cmd+K): type to filter commands and to search the whole project
 * (titles, SQL, notes, comments, columns). Arrow keys move, Enter picks, Escape closes. Matched
 * words in search snippets are highlighted from plain-text parts, never from HTML.
 */
import { Kbd, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';

export interface PaletteCommand {
  label: string;
  run: () => void;
}

export interface PaletteHit {
  kind: string;
  ref: string;
  title: string;
  snippet: { text: string; match: boolean }[];
}

export interface CommandPaletteProps {
  commands: readonly PaletteCommand[];
  search: (text: string) => Promise<PaletteHit[]>;
  onPick: (hit: PaletteHit) => void;
}

type Item = { kind: 'command'; command: PaletteCommand } | { kind: 'hit'; hit: PaletteHit };

export function CommandPalette({ commands, search, onPick }: CommandPaletteProps) {
  const [opened, setOpened] = useState(false);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<PaletteHit[]>([]);
  const [active, setActive] = useState(0);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpened((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    let live = true;
    if (!query.trim()) setHits([]);
    else {
      search(query).then(
        (found) => live && setHits(found),
        () => live && setHits([]),
      );
    }
    return () => {
      live = false;
    };
  }, [query, search]);
  const lower = query.trim().toLowerCase();
  const items: Item[] = [
    ...commands
      .filter((c) => c.label.toLowerCase().includes(lower))
      .map((command) => ({ kind: 'command' as const, command })),
    ...hits.map((hit) => ({ kind: 'hit' as const, hit })),
  ];
  const close = (): void => {
    setOpened(false);
    setQuery('');
    setActive(0);
  };
  const pick = (item: Item | undefined): void => {
    if (!item) return;
    close();
    if (item.kind === 'command') item.command.run();
    else onPick(item.hit);
  };
  return (
    <Modal opened={opened} onClose={close} withCloseButton={false} size="lg" padding="xs" yOffset="12vh">
      <TextInput
        aria-label="Search"
        placeholder="Search the project or run a command…"
        value={query}
        data-autofocus
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, items.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') pick(items[active]);
          else return;
          e.preventDefault();
        }}
        rightSection={<Kbd size="xs">Esc</Kbd>}
      />
      <Stack gap={2} mt="xs" role="listbox" aria-label="Results">
        {items.length === 0 && query && (
          <Text size="sm" c="dimmed" p="xs">
            Nothing matches “{query}”.
          </Text>
        )}
        {items.map((item, i) => (
          <UnstyledButton
            key={item.kind === 'command' ? `c:${item.command.label}` : `h:${item.hit.kind}:${item.hit.ref}`}
            role="option"
            aria-selected={i === active}
            className="facet-palette-item"
            data-active={i === active || undefined}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(item)}
          >
            {item.kind === 'command' ? (
              <Text size="sm">{item.command.label}</Text>
            ) : (
              <>
                <Text size="sm" fw={500}>
                  {item.hit.title}{' '}
                  <Text span size="xs" c="dimmed">
                    {item.hit.kind}
                  </Text>
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {item.hit.snippet.map((part, j) =>
                    part.match ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>,
                  )}
                </Text>
              </>
            )}
          </UnstyledButton>
        ))}
      </Stack>
    </Modal>
  );
}
