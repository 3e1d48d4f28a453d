/**
 * Copy (Ctrl/Cmd+C), cut (Ctrl/Cmd+X), paste (Ctrl/Cmd+V) and duplicate (Ctrl/Cmd+D) of the selected
 * blocks. Copy and paste use the browser's clipboard events (no permission prompt; the Electron
 * Edit menu sends the same events), with the blocks as JSON text, so they paste between canvases
 * and windows. Inside an editor or a field, the keys keep their usual meaning.
 */
import { useEffect } from 'react';
import {
  type CanvasDoc,
  clipboardText,
  duplicateBlocks,
  pasteBlocks,
  readClipboard,
} from '@facet/engine/common';

export function useBlockClipboard(
  canvas: CanvasDoc,
  selected: () => string[],
  select: (ids: string[]) => void,
): void {
  useEffect(() => {
    const copy = (event: ClipboardEvent, cut: boolean): void => {
      // Something else handled it (the grid copies its cells), or the person selected text to copy.
      if (event.defaultPrevented || editing(event.target) || hasTextSelection()) return;
      const blocks = selected().flatMap((id) => {
        const block = canvas.block(id);
        return block ? [block] : [];
      });
      if (blocks.length === 0 || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', clipboardText(blocks));
      event.preventDefault();
      if (cut) canvas.delete(blocks.map((b) => b.id));
    };
    const onCopy = (event: ClipboardEvent): void => copy(event, false);
    const onCut = (event: ClipboardEvent): void => copy(event, true);
    const onPaste = (event: ClipboardEvent): void => {
      if (event.defaultPrevented || editing(event.target)) return;
      const blocks = readClipboard(event.clipboardData?.getData('text/plain') ?? '');
      if (!blocks) return;
      event.preventDefault();
      select(pasteBlocks(canvas, blocks));
    };
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'd' || editing(event.target))
        return;
      const ids = selected();
      if (ids.length === 0) return;
      event.preventDefault();
      select(duplicateBlocks(canvas, ids));
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('keydown', onKey);
    };
  }, [canvas, selected, select]);
}

function hasTextSelection(): boolean {
  const selection = document.getSelection();
  return !!selection && !selection.isCollapsed && selection.toString().trim() !== '';
}

function editing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    !!target.closest('input, textarea, select, .cm-editor, [contenteditable="true"]')
  );
}
