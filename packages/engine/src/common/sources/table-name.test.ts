import { describe, expect, it } from 'vitest';
import { sanitizeIdentifier, tableNameForFile } from './table-name.ts';

describe('tableNameForFile', () => {
  it.each([
    ['seattle-weather.csv', 'seattle_weather'],
    ['flights-3m.parquet', 'flights_3m'],
    ['/data/Sales Report (2024).xlsx', 'sales_report_2024_'],
    ['C:\\Users\\me\\My  File.tsv', 'my_file'],
    ['archive.tar.gz', 'archive_tar'],
    ['.hidden', '_hidden'],
    ['2024-results.csv', 't_2024_results'],
    ['données.csv', 'donn_es'],
    ['---.csv', 'table'],
  ])('%s → %s', (file, table) => {
    expect(tableNameForFile(file)).toBe(table);
  });

  it('never returns an empty name', () => {
    expect(sanitizeIdentifier('')).toBe('table');
  });
});
