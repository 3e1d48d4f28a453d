/** The SQL editor: a CodeEditor for SQL, named "SQL"; Ctrl/Cmd+Enter runs the block. */
import type * as Y from 'yjs';
import { CodeEditor } from './CodeEditor.tsx';

export function SqlEditor({ text, onRun }: { text: Y.Text; onRun: () => void }) {
  return <CodeEditor text={text} label="SQL" language="sql" onRun={onRun} />;
}
