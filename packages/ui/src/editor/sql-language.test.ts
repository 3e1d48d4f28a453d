import { CompletionContext, type CompletionSource } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { TableInfo } from '@facet/engine/common';
import { completionSchema, sqlLanguage } from './sql-language.ts';

const weather: TableInfo = {
  name: 'weather',
  columns: [
    { name: 'city', type: 'VARCHAR', nullable: true },
    { name: 'temp', type: 'DOUBLE', nullable: true },
  ],
  rowCount: 1234,
  fingerprint: 'f',
};

/** The labels offered at the end of `doc` (or at `pos`), as the editor would ask for them. */
async function offered(doc: string, pos = doc.length): Promise<string[]> {
  const state = EditorState.create({
    doc,
    extensions: sqlLanguage(completionSchema([weather], ['query_1'])),
  });
  const context = new CompletionContext(state, pos, true);
  const sources = state.languageDataAt<CompletionSource>('autocomplete', pos);
  const results = await Promise.all(sources.map(async (source) => source(context)));
  return results.flatMap((r) => (r ? r.options.map((o) => o.label) : []));
}

describe('SQL completion', () => {
  it('offers tables and SQL blocks, with their kind as detail', async () => {
    const labels = await offered('SELECT * FROM ');
    expect(labels).toEqual(expect.arrayContaining(['weather', 'query_1', 'SELECT']));
    const schema = completionSchema([weather], ['query_1']) as Record<string, { self: { detail: string } }>;
    expect(schema.weather?.self.detail).toBe('table · 1,234 rows');
    expect(schema.query_1?.self.detail).toBe('SQL block');
  });

  it('offers a table’s columns after its name and a dot, and bare when the query names it', async () => {
    expect(await offered('SELECT weather.')).toEqual(['city', 'temp']);
    expect(await offered('SELECT ci FROM weather', 'SELECT ci'.length)).toEqual(
      expect.arrayContaining(['city', 'temp']),
    );
    expect(await offered('SELECT ci FROM query_1', 'SELECT ci'.length)).not.toContain('city');
    // No table named yet: every table's columns.
    expect(await offered('SELECT ci')).toContain('city');
    expect(await offered("SELECT 'ci FROM weather", "SELECT 'ci".length)).not.toContain('city');
  });

  it('knows DuckDB’s own keywords', async () => {
    expect(await offered('SELECT * FROM weather QUAL')).toContain('QUALIFY');
  });
});
