/**
 * The SQL editor: CodeMirror 6 bound to the block's shared text (Yjs), so collaborators' typing
 * merges by character. Ctrl/Cmd+Enter runs the block. Exposed to assistive tech as a textbox
 * named "SQL".
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

export interface SqlEditorProps {
  text: Y.Text;
  onRun: () => void;
}

export function SqlEditor({ text, onRun }: SqlEditorProps) {
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
            { key: 'Mod-Enter', run: () => (run.current(), true) },
            ...defaultKeymap,
            ...historyKeymap,
          ]),
          history(),
          lineNumbers(),
          sql(),
          syntaxHighlighting(dark ? oneDarkHighlightStyle : defaultHighlightStyle),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'SQL' }),
          yCollab(text, null),
        ],
      }),
    });
    return () => view.destroy();
  }, [text, dark]);
  return <div className="facet-sql-editor nodrag nowheel" ref={host} />;
}
