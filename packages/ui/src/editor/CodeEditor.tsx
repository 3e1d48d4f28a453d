/**
 * CodeMirror 6 bound to a block's shared text (Yjs), so collaborators' typing merges by character.
 * Used for SQL (highlighted, completed; Ctrl/Cmd+Enter runs the block) and for notes (markdown
 * source). Exposed to assistive tech as a textbox with the given name ("SQL", "Note").
 *
 * Undo is the Yjs undo manager of this editor, not CodeMirror's history: it undoes only what was
 * typed here, never a collaborator's edit that arrived meanwhile.
 */
import { autocompletion, closeCompletion } from '@codemirror/autocomplete';
import { defaultKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { oneDarkHighlightStyle } from '@codemirror/theme-one-dark';
import { EditorView, keymap, lineNumbers, tooltips } from '@codemirror/view';
import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import * as Y from 'yjs';
import { editorUndoManager } from './replace-text.ts';
import { sqlLanguage, sqlSupport } from './sql-language.ts';

/** What a parent may do with a live editor (format it, show an error in it). */
export interface CodeEditorHandle {
  view: EditorView;
}

export interface CodeEditorProps {
  text: Y.Text;
  /** The accessible name of the textbox. */
  label: string;
  language: 'sql' | 'text';
  /** Ctrl/Cmd+Enter. */
  onRun?: () => void;
  autoFocus?: boolean;
  /** More extensions; keep the value stable (a change rebuilds the editor). */
  extensions?: Extension;
  /** Called with the editor once it exists, and with null when it goes. */
  onEditor?: (editor: CodeEditorHandle | null) => void;
}

export function CodeEditor({
  text,
  label,
  language,
  onRun,
  autoFocus,
  extensions,
  onEditor,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const run = useRef(onRun);
  run.current = onRun;
  const ready = useRef(onEditor);
  ready.current = onEditor;
  const dark = useComputedColorScheme('light') === 'dark';
  const darkAtStart = useRef(dark);
  darkAtStart.current = dark;
  const highlight = useRef(new Compartment()).current;

  useEffect(() => {
    if (!host.current) return undefined;
    const undoManager = new Y.UndoManager(text);
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          keymap.of([
            {
              key: 'Mod-Enter',
              run: (v) => {
                closeCompletion(v);
                run.current?.();
                return true;
              },
            },
            ...yUndoManagerKeymap,
            ...defaultKeymap,
          ]),
          editorUndoManager.of(undoManager),
          highlight.of(highlightStyle(darkAtStart.current)),
          ...(language === 'sql'
            ? [
                lineNumbers(),
                sqlSupport.of(sqlLanguage()),
                // Kinds show as text details ("table · 12 rows", "VARCHAR · weather"): icon glyphs
                // need an emoji font many Linux desktops lack.
                autocompletion({ icons: false }),
                completionTheme,
                // The canvas is transformed and blocks clip their content: completions go on the page.
                tooltips({ parent: document.body }),
              ]
            : []),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          extensions ?? [],
          yCollab(text, null, { undoManager }),
        ],
      }),
    });
    view.current = editor;
    ready.current?.({ view: editor });
    if (autoFocus) editor.focus();
    return () => {
      ready.current?.(null);
      view.current = null;
      editor.destroy();
      undoManager.destroy();
    };
  }, [text, label, language, autoFocus, extensions, highlight]);

  useEffect(() => {
    view.current?.dispatch({ effects: highlight.reconfigure(highlightStyle(dark)) });
  }, [dark, highlight]);

  return <div className="facet-code-editor nodrag nowheel" ref={host} />;
}

/** The completion list in the editor's own type size (it is placed on the page, outside the editor). */
const completionTheme = EditorView.theme({
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontSize: '13px', maxHeight: '14em' },
  '.cm-completionDetail': { marginLeft: '1.5em', opacity: 0.7 },
});

/** Token colors, and CodeMirror's own dark variants (tooltips, selection) in the dark scheme. */
function highlightStyle(dark: boolean): Extension {
  return [
    syntaxHighlighting(dark ? oneDarkHighlightStyle : defaultHighlightStyle),
    EditorView.darkTheme.of(dark),
  ];
}
