/**
 * The SQL editor: a CodeEditor for SQL named "SQL", with completion of tables, columns and block
 * names (kept fresh as `schema` changes), Shift+Alt+F to format, Ctrl/Cmd+Enter to run, and the
 * run's error underlined where DuckDB pointed.
 */
import type { SQLNamespace } from '@codemirror/lang-sql';
import { EditorView, keymap } from '@codemirror/view';
import { useEffect, useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import { CodeEditor, type CodeEditorHandle } from './CodeEditor.tsx';
import { type EditorError, errorMarks, setEditorError } from './error-marks.ts';
import { formatEditor } from './format-sql.ts';
import { sqlLanguage, sqlSupport } from './sql-language.ts';

export interface SqlEditorProps {
  text: Y.Text;
  onRun: () => void;
  /** Tables, columns and blocks to complete (see completionSchema). */
  schema?: SQLNamespace;
  /** The run error to underline; undefined clears it. */
  error?: EditorError;
  /** Told when Shift+Alt+F finds SQL it cannot format. */
  onFormatError?: (message: string) => void;
  /** Called when the editor takes the focus (a good moment to refresh what completes). */
  onFocus?: () => void;
  onEditor?: (editor: CodeEditorHandle | null) => void;
}

export function SqlEditor({ text, onRun, schema, error, onFormatError, onFocus, onEditor }: SqlEditorProps) {
  const editor = useRef<CodeEditorHandle | null>(null);
  const latest = useRef({ schema, error, onFormatError, onFocus, onEditor });
  latest.current = { schema, error, onFormatError, onFocus, onEditor };
  const extensions = useMemo(
    () => [
      errorMarks(),
      keymap.of([
        {
          key: 'Shift-Alt-f',
          run: (view) => {
            const problem = formatEditor(view);
            if (problem) latest.current.onFormatError?.(problem);
            return true;
          },
        },
      ]),
      EditorView.domEventHandlers({ focus: () => void latest.current.onFocus?.() }),
    ],
    [],
  );
  useEffect(() => {
    editor.current?.view.dispatch({ effects: sqlSupport.reconfigure(sqlLanguage(schema)) });
  }, [schema]);
  useEffect(() => {
    editor.current?.view.dispatch({ effects: setEditorError.of(error ?? null) });
  }, [error]);
  return (
    <CodeEditor
      text={text}
      label="SQL"
      language="sql"
      onRun={onRun}
      extensions={extensions}
      onEditor={(handle) => {
        editor.current = handle;
        // A new editor (another block text) starts with what this one showed.
        if (handle) {
          const { schema: current, error: shown } = latest.current;
          const effects = [sqlSupport.reconfigure(sqlLanguage(current))];
          if (shown) effects.push(setEditorError.of(shown));
          handle.view.dispatch({ effects });
        }
        latest.current.onEditor?.(handle);
      }}
    />
  );
}
