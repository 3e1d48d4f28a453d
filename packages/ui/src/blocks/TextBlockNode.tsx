/**
 * A note on the canvas: markdown, rendered without raw HTML (react-markdown never injects HTML, so
 * a note cannot run script), and links open outside the app. Double-click or "Edit" edits the
 * markdown source collaboratively; "Done" (or Escape) shows it rendered again.
 */
import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import Markdown from 'react-markdown';
import type { Block } from '@facet/engine/common';
import { CodeEditor } from '../editor/CodeEditor.tsx';
import type { BlockNodeProps } from './block-node.ts';

export function TextBlockNode({ data }: BlockNodeProps) {
  const block = data.block as Block<'text'>;
  const [editing, setEditing] = useState(block.text === '');
  return (
    <div
      className="facet-block facet-text-block"
      style={{ width: block.w, height: block.h }}
      onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
    >
      <Group className="facet-block-header" justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm" truncate>
          {block.title || 'Note'}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => setEditing(!editing)}>
          {editing ? 'Done' : 'Edit'}
        </Button>
      </Group>
      {editing ? (
        <CodeEditor text={data.canvas.sharedText(block.id, 'text')} label="Note" language="text" autoFocus />
      ) : (
        <div className="facet-note nowheel" onDoubleClick={() => setEditing(true)} aria-label="Note text">
          {block.text ? (
            <Markdown
              skipHtml
              components={{
                a: ({ href, children }) => (
                  <a href={href} target="_blank" rel="noreferrer noopener">
                    {children}
                  </a>
                ),
              }}
            >
              {block.text}
            </Markdown>
          ) : (
            <Text size="sm" c="dimmed">
              Double-click to write a note (markdown).
            </Text>
          )}
        </div>
      )}
    </div>
  );
}

/** Blocks this version of the UI does not draw yet: a labelled frame, so nothing vanishes. */
export function OtherBlockNode({ data }: BlockNodeProps) {
  const { block } = data;
  return (
    <div className="facet-block" style={{ width: block.w, height: block.h }}>
      <Text size="sm" c="dimmed">
        {block.title || `${block.type} block`}
      </Text>
    </div>
  );
}
