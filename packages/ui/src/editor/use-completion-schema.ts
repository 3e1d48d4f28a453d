/**
 * What a SQL block's editor completes: the tables (with columns) from the platform and the names
 * of the canvas's other SQL blocks. Block names follow the document live; tables are re-read when
 * the editor takes the focus and after a run (an import or a CREATE TABLE may have added some),
 * shared between the blocks of a canvas for a moment so twenty editors make one request.
 */
import type { SQLNamespace } from '@codemirror/lang-sql';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { CanvasDoc, TableInfo } from '@facet/engine/common';
import type { CanvasServices } from '../services.ts';
import { completionSchema } from './sql-language.ts';

const FRESH_MS = 2000;
const recent = new WeakMap<CanvasServices, { at: number; tables: Promise<TableInfo[]> }>();

/** `services.tables()`, shared by calls within FRESH_MS; a failure reads as no tables. */
export function sharedTables(services: CanvasServices, now = Date.now()): Promise<TableInfo[]> {
  const cached = recent.get(services);
  if (cached && now - cached.at < FRESH_MS) return cached.tables;
  const tables = services.tables().catch(() => {
    recent.delete(services);
    return [];
  });
  recent.set(services, { at: now, tables });
  return tables;
}

export function useCompletionSchema(
  services: CanvasServices,
  canvas: CanvasDoc,
  ownName: string,
): { schema: SQLNamespace; refresh: () => void } {
  const [tables, setTables] = useState<readonly TableInfo[]>([]);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    void sharedTables(services).then((list) => live && setTables(list));
    return () => {
      live = false;
    };
  }, [services, generation]);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  // One string, so the schema is rebuilt only when a name actually changes, not on every keystroke.
  const subscribe = useCallback((notify: () => void) => canvas.onChange(notify), [canvas]);
  const names = useSyncExternalStore(subscribe, () => sqlBlockNames(canvas, ownName));
  const schema = useMemo(() => completionSchema(tables, names ? names.split('\n') : []), [tables, names]);
  return { schema, refresh };
}

function sqlBlockNames(canvas: CanvasDoc, ownName: string): string {
  const own = ownName.toLowerCase();
  return canvas
    .blocks()
    .flatMap((b) => (b.type === 'sql' && b.name.trim() && b.name.toLowerCase() !== own ? [b.name] : []))
    .sort()
    .join('\n');
}
