/** A note on the canvas (markdown shown as plain text until the markdown renderer lands). */
import { Text } from '@mantine/core';
import type { BlockNodeProps } from './block-node.ts';

export function TextBlockNode({ data }: BlockNodeProps) {
  const { block } = data;
  return (
    <div className="facet-block facet-text-block" style={{ width: block.w, height: block.h }}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {block.type === 'text' ? block.text : ''}
      </Text>
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
