/**
 * Replacing an editor's whole text as the smallest edit: the common prefix and suffix stay, only
 * the middle changes. The edit goes through CodeMirror, so the Yjs binding applies it to the
 * shared Y.Text as one delete and one insert (a collaborator's edit outside that span merges
 * untouched) and the editor's Yjs undo manager records it as a single step.
 */
import { Facet } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type * as Y from 'yjs';

/** The editor's undo manager (set by CodeEditor), so whole-text edits get their own undo step. */
export const editorUndoManager = Facet.define<Y.UndoManager, Y.UndoManager | undefined>({
  combine: (values) => values[values.length - 1],
});

export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** The one change that turns `before` into `after`, or undefined when they are equal. */
export function minimalChange(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  // Never split a surrogate pair (an emoji in a string literal).
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}

/** Makes the editor's text `next` with the smallest change; false when it already was. */
export function replaceText(view: EditorView, next: string, userEvent: string): boolean {
  const change = minimalChange(view.state.doc.toString(), next);
  if (!change) return false;
  const undo = view.state.facet(editorUndoManager);
  undo?.stopCapturing();
  view.dispatch({ changes: change, userEvent, scrollIntoView: true });
  undo?.stopCapturing();
  return true;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
