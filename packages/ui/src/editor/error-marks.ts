/**
 * The run error drawn in the editor: a wavy underline over the range DuckDB pointed at, its
 * message as the range's tooltip, and `aria-invalid` / `aria-describedby` on the textbox so a
 * screen reader reaches the message shown under the editor. Any edit clears it: once the text
 * changes, the position no longer means what DuckDB meant.
 */
import { type Extension, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView } from '@codemirror/view';

export interface EditorError {
  from: number;
  to: number;
  message: string;
  /** The id of the element that shows the message. */
  describedBy?: string;
}

/** Shows an error (or, with null, clears it). */
export const setEditorError = StateEffect.define<EditorError | null>();

const errorField = StateField.define<EditorError | null>({
  create: () => null,
  update(value, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setEditorError)) return effect.value && clamp(effect.value, tr.state.doc.length);
    }
    return tr.docChanged ? null : value;
  },
  provide: (field) => [
    EditorView.decorations.from(field, (error) =>
      error
        ? Decoration.set(
            Decoration.mark({ class: 'cm-facet-error', attributes: { title: error.message } }).range(
              error.from,
              error.to,
            ),
          )
        : Decoration.none,
    ),
    EditorView.contentAttributes.from(field, (error): Record<string, string> => {
      if (!error) return {};
      return {
        'aria-invalid': 'true',
        ...(error.describedBy ? { 'aria-describedby': error.describedBy } : {}),
      };
    }),
  ],
});

const theme = EditorView.baseTheme({
  '.cm-facet-error': {
    textDecoration: 'underline wavy #e03131',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
    backgroundColor: 'rgb(224 49 49 / 10%)',
  },
});

/** The error field and its look. */
export function errorMarks(): Extension {
  return [errorField, theme];
}

/** The error the editor shows now, if any. */
export function currentError(view: EditorView): EditorError | null {
  return view.state.field(errorField, false) ?? null;
}

/** Keeps the range inside the text and at least one character wide where there is text. */
function clamp(error: EditorError, length: number): EditorError | null {
  if (length === 0) return null;
  let from = Math.max(0, Math.min(error.from, length));
  let to = Math.max(from, Math.min(error.to, length));
  if (from === to) {
    if (to < length) to++;
    else from--;
  }
  return { ...error, from, to };
}
