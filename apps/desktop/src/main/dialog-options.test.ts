import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFromFileName } from '@facet/engine/common';
import { DATA_FILE_EXTENSIONS, EXPORT_FILTERS, exportTarget, newProjectTarget } from './dialog-options.ts';

describe('dialog options', () => {
  it('offers in Import only extensions the engine can read', () => {
    for (const ext of DATA_FILE_EXTENSIONS) expect(formatFromFileName(`data.${ext}`), ext).toBeDefined();
  });

  it('picks the export format from the extension, adding .csv where there is none', () => {
    expect(exportTarget('/out/sales.parquet')).toEqual({ path: '/out/sales.parquet', format: 'parquet' });
    expect(exportTarget('/out/Sales.XLSX')).toEqual({ path: '/out/Sales.XLSX', format: 'xlsx' });
    expect(exportTarget('/out/sales.json')).toEqual({ path: '/out/sales.json', format: 'json' });
    expect(exportTarget('/out/sales')).toEqual({ path: '/out/sales.csv', format: 'csv' });
    expect(exportTarget('/out/sales.v2')).toEqual({ path: '/out/sales.v2.csv', format: 'csv' });
    expect(EXPORT_FILTERS[0]?.format).toBe('csv');
  });

  it('reads a new project folder and name from the save dialog, with or without .facet', () => {
    expect(newProjectTarget(path.join('/home/u', 'Sales.facet'))).toEqual({
      parentDir: '/home/u',
      name: 'Sales',
    });
    expect(newProjectTarget(path.join('/home/u', 'Q3 review'))).toEqual({
      parentDir: '/home/u',
      name: 'Q3 review',
    });
  });
});
