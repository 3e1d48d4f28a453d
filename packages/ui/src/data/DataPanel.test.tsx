// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TableInfo, TableProfile } from '@facet/engine/common';
import type { CanvasServices } from '../services.ts';
import { renderUi } from '../test-utils/render.tsx';
import { DataPanel } from './DataPanel.tsx';

const weather: TableInfo = {
  name: 'weather',
  columns: [
    { name: 'city', type: 'VARCHAR', nullable: true },
    { name: 'temp', type: 'DOUBLE', nullable: true },
  ],
  rowCount: 1234,
  fingerprint: 'f',
};

const profile: TableProfile = {
  table: 'weather',
  rowCount: 1234,
  elapsedMs: 3,
  columns: [
    { name: 'city', type: 'VARCHAR', nulls: 0, distinct: 3, min: 'Lyon', max: 'Seattle', topValues: [] },
    { name: 'temp', type: 'DOUBLE', nulls: 2, distinct: 40, min: 4, max: 18, mean: 11.25 },
  ] as TableProfile['columns'],
};

function services(tables: () => Promise<TableInfo[]>) {
  let profiles = 0;
  const value: CanvasServices = {
    tables,
    profile: () => {
      profiles++;
      return Promise.resolve(profile);
    },
    runBlock: () => Promise.reject(new Error('not in these tests')),
    queryCanvas: () => Promise.reject(new Error('not in these tests')),
    importFiles: () => Promise.reject(new Error('not in these tests')),
    exportBlock: () => Promise.reject(new Error('not in these tests')),
  };
  return { value, profiles: () => profiles };
}

describe('DataPanel', () => {
  it('lists tables with row counts, their columns with types, and a column’s profile (read once)', async () => {
    const platform = services(() => Promise.resolve([weather]));
    renderUi(<DataPanel services={platform.value} version={0} />);
    const table = await screen.findByRole('button', { name: 'Table weather' });
    expect(table.textContent).toContain('1,234 rows');
    fireEvent.click(table);
    const tree = await screen.findByRole('tree', { name: 'Columns of weather' });
    const items = within(tree).getAllByRole('treeitem');
    expect(items.map((i) => i.textContent)).toEqual(['cityVARCHAR', 'tempDOUBLE']);
    fireEvent.click(within(items[1]!).getByRole('button'));
    const summary = await screen.findByLabelText('Profile of temp');
    expect(summary.textContent).toContain('2 nulls · ~40 distinct');
    expect(summary.textContent).toContain('min 4 · max 18');
    expect(summary.textContent).toContain('mean 11.25');
    fireEvent.click(within(items[0]!).getByRole('button'));
    await screen.findByLabelText('Profile of city');
    expect(platform.profiles()).toBe(1);
  });

  it('says so when there is no data', async () => {
    renderUi(<DataPanel services={services(() => Promise.resolve([])).value} version={0} />);
    expect(await screen.findByText(/No data yet/)).toBeTruthy();
  });

  it('shows why the tables could not be listed', async () => {
    const failing = services(() => Promise.reject(new Error('The Facet host closed.')));
    renderUi(<DataPanel services={failing.value} version={0} />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The Facet host closed.'));
  });
});
