/**
 * The native engine spills to its temp directory instead of failing when a query needs more than
 * its memory limit. The control case shows the same query failing in DuckDB without a spill folder.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { tableToRows } from '@facet/engine/common';
import { createNativeEngine } from '@facet/engine/node';

const BIG =
  'SELECT count(*) AS groups, sum(c) AS total FROM (SELECT x % 5000000 AS k, count(*) AS c FROM range(10000000) t(x) GROUP BY k ORDER BY k)';

describe('native engine under a small memory limit', () => {
  it('control: DuckDB without a temp directory runs out of memory on this query', async () => {
    const instance = await DuckDBInstance.create(':memory:', { memory_limit: '100MB', temp_directory: '' });
    const connection = await instance.connect();
    try {
      await expect(connection.run(BIG)).rejects.toThrow(/Out of Memory/);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('finishes a 5M-group aggregation and sort within 100 MB by spilling to disk', async () => {
    const engine = await createNativeEngine({ memoryLimit: '100MB' });
    try {
      const result = await engine.query(BIG);
      expect(tableToRows(result.table)).toEqual([{ groups: 5_000_000, total: 10_000_000 }]);
    } finally {
      await engine.close();
    }
  });
});
