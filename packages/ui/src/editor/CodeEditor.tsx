/**
 * CodeMirror 6 bound to a block's shared text (Yjs), so collaborators' typing merges by character.
 * Used for SQL (highlighted; Ctrl/Cmd+Enter runs the block) and for notes (markdown source).
 * Exposed to assistive tech as a textbox with the given name ("SQL", "Note").
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { sql } from '@codemirror/lang-sql';
import { syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useComputedColorScheme } from '@mantine/core';
import { oneDarkHighlightStyle } from '@codemirror/theme-one-dark';
import { useEffect, useRef } from 'react';
import { yCollab } from 'y-codemirror.next';
import type * as Y from 'yjs';

export interface CodeEditorProps {
  text: Y.Text;
  /** The accessible name of the textbox. */
  label: string;
  language: 'sql' | 'text';
  /** Ctrl/Cmd+Enter. */
  onRun?: () => void;
  autoFocus?: boolean;
}

export function CodeEditor({ text, label, language, onRun, autoFocus }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const run = useRef(onRun);
  run.current = onRun;
  const dark = useComputedColorScheme('light') === 'dark';
  useEffect(() => {
    if (!host.current) return undefined;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          keymap.of([
            { key: 'Mod-Enter', run: () => (run.current?.(), true) },
            ...defaultKeymap,
            ...historyKeymap,
          ]),
          history(),
          ...(language === 'sql'
            ? [lineNumbers(), sql(), syntaxHighlighting(dark ? oneDarkHighlightStyle : defaultHighlightStyle)]
            : []),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          yCollab(text, null),
        ],
      }),
    });
    if (autoFocus) view.focus();
    return () => view.destroy();
  }, [text, dark, label, language, autoFocus]);
  return <div className="facet-code-editor nodrag nowheel" ref={host} />;
}
