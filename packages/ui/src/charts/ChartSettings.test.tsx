// @vitest-environment jsdom
/** The chart settings panel edits a spec: each control changes one setting and keeps the rest. */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { type ChartSpec, readChartSpec } from '@facet/engine/common';
import { renderUi } from '../test-utils/render.tsx';
import { ChartSettings } from './ChartSettings.tsx';

const COLUMNS = [
  { name: 'city', type: 'VARCHAR' },
  { name: 'country', type: 'VARCHAR' },
  { name: 'day', type: 'DATE' },
  { name: 'temp', type: 'DOUBLE' },
  { name: 'rain', type: 'DOUBLE' },
  { name: 'lat', type: 'DOUBLE' },
  { name: 'lon', type: 'DOUBLE' },
];

/** The panel with its spec kept in state (as the document would), recording every spec it sends. */
function setup(initial: ChartSpec) {
  const sent: ChartSpec[] = [];
  function Harness() {
    const [spec, setSpec] = useState(initial);
    return (
      <ChartSettings
        spec={spec}
        columns={COLUMNS}
        onChange={(next) => {
          sent.push(next);
          setSpec(next);
        }}
      />
    );
  }
  renderUi(<Harness />);
  return { sent, last: () => sent.at(-1) };
}

/** A form control by its label (faster than by role and name in jsdom). */
const field = (label: string): HTMLInputElement => screen.getByLabelText(label, { selector: 'input' });

/** Picks an option of a Mantine select (a combobox) by the select's label. */
async function pick(label: string, option: string): Promise<void> {
  const input = field(label);
  fireEvent.click(input);
  const found = await waitFor(() => {
    const list = document.getElementById(input.getAttribute('aria-controls') ?? '');
    const match = [...(list?.querySelectorAll('[role="option"]') ?? [])].find(
      (o) => o.textContent === option,
    );
    if (!match) throw new Error(`No option "${option}" in ${label}`);
    return match;
  });
  fireEvent.click(found);
}

describe('ChartSettings', () => {
  it('shows the encodings a bar chart uses and edits them', async () => {
    const { sent, last } = setup({ type: 'bar', x: 'city', y: ['temp'] });
    expect(field('X axis')).toHaveProperty('value', 'city');
    expect(screen.queryByLabelText('Bins')).toBeNull();

    await pick('Split by', 'country');
    expect(last()).toEqual({ type: 'bar', x: 'city', y: ['temp'], color: 'country' });
    await pick('Aggregation', 'Average');
    await pick('Sort', 'By value, largest first');
    fireEvent.click(field('100%'));
    fireEvent.click(field('Horizontal bars'));
    fireEvent.change(field('Show at most (categories)'), { target: { value: '10' } });
    expect(last()).toEqual({
      type: 'bar',
      x: 'city',
      y: ['temp'],
      color: 'country',
      aggregate: 'avg',
      sort: 'value-desc',
      stacking: 'percent',
      horizontal: true,
      limit: 10,
    });
    // Every spec the panel sends is one the document accepts as it is.
    for (const spec of sent) expect(readChartSpec(spec)).toEqual(spec);
  });

  it('edits axes and looks, and clearing a setting removes it', async () => {
    const { sent, last } = setup({ type: 'line', x: 'day', y: ['temp'], color: 'city' });
    fireEvent.change(field('Y axis title'), { target: { value: 'Temperature' } });
    fireEvent.click(field('Y axis log scale'));
    fireEvent.change(field('Y axis min'), { target: { value: '1' } });
    fireEvent.change(field('Title'), { target: { value: 'Heat' } });
    fireEvent.click(field('Value labels'));
    await pick('Number format', 'Currency ($1,234.50)');
    fireEvent.change(field('Currency'), { target: { value: 'eur' } });
    fireEvent.change(field('Decimals'), { target: { value: '0' } });
    await pick('Colors', 'viridis');
    expect(last()).toEqual({
      type: 'line',
      x: 'day',
      y: ['temp'],
      color: 'city',
      yAxis: { title: 'Temperature', log: true, min: 1 },
      title: 'Heat',
      labels: true,
      format: { style: 'currency', currency: 'EUR', decimals: 0 },
      palette: 'viridis',
    });
    // Clearing the split (the select's clear button) drops the key.
    const clear = field('Split by').closest('.mantine-InputWrapper-root')?.querySelector('button');
    fireEvent.click(clear as HTMLButtonElement);
    expect(last()).not.toHaveProperty('color');
    for (const spec of sent) expect(readChartSpec(spec)).toEqual(spec);
  });

  it('labels encodings for the chart type and hides what it does not use', () => {
    setup({ type: 'map', x: 'lon', y: ['lat'] });
    expect(field('Longitude')).toBeTruthy();
    expect(screen.getByText('Latitude')).toBeTruthy();
    expect(screen.queryByLabelText('Aggregation')).toBeNull();
    expect(screen.queryByLabelText('Sort')).toBeNull();
  });

  it('offers bins for a histogram and writes the number', () => {
    const { last } = setup({ type: 'histogram', x: 'temp', y: [] });
    fireEvent.change(field('Bins'), { target: { value: '40' } });
    expect(last()).toEqual({ type: 'histogram', x: 'temp', y: [], bins: 40 });
    expect(screen.queryByLabelText('Aggregation')).toBeNull();
  });
});
