/** A title change redraws a chart without its series being rebuilt or handed to ECharts again. */
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '@facet/engine/common';
import { chartTable } from './chart-test-data.ts';
import { echartsOption } from './echarts-option.ts';
import { decorationPatch } from './option-patch.ts';

const table = () => chartTable({ x: [1, 2, 3], y0: [10, 30, 20] });
const line: ChartSpec = { type: 'line', x: 'x', y: ['y'] };
const plot = { width: 600, height: 400 };

describe('echartsOption with the same rows', () => {
  it('keeps the series of the same rows and spec, and only the title follows a new title', () => {
    const rows = table();
    const first = echartsOption({ ...line, title: 'One' }, rows, { plot });
    const again = echartsOption({ ...line, title: 'One' }, rows, { plot });
    expect(again.series).toBe(first.series);
    expect(again.title).toBe(first.title);
    const renamed = echartsOption({ ...line, title: 'Two' }, rows, { plot });
    expect(renamed.series).toBe(first.series);
    expect(renamed.title).toEqual([{ text: 'Two', left: 'center', top: 4, textStyle: { fontSize: 14 } }]);
  });

  it('builds again for other rows, another spec, a size, or a title added (it moves the plot down)', () => {
    const rows = table();
    const first = echartsOption(line, rows, { plot });
    expect(echartsOption(line, table(), { plot }).series).not.toBe(first.series);
    expect(echartsOption({ ...line, type: 'area' }, rows, { plot }).series).not.toBe(first.series);
    expect(echartsOption(line, rows, { plot: { width: 300, height: 200 } }).series).not.toBe(first.series);
    const titled = echartsOption({ ...line, title: 'T' }, rows, { plot });
    expect(titled.series).not.toBe(first.series);
    expect(titled.grid).not.toEqual(first.grid);
  });
});

describe('decorationPatch', () => {
  it('hands over only the title when only the title changed', () => {
    const rows = table();
    const before = echartsOption({ ...line, title: 'One' }, rows, { plot });
    const after = echartsOption({ ...line, title: 'Two' }, rows, { plot });
    expect(decorationPatch(before, after)).toEqual({ option: { title: after.title }, types: ['title'] });
    expect(decorationPatch(after, after)).toEqual({ option: {}, types: [] });
  });

  it('clears a removed decoration, and asks for a whole option when anything else changed', () => {
    const series = [{ type: 'line', data: [1, 2] }];
    expect(decorationPatch({ series, legend: { top: 0 } }, { series })).toEqual({
      option: { legend: [] },
      types: ['legend'],
    });
    expect(decorationPatch({ series }, { series: [...series] })).toBeUndefined();
    expect(decorationPatch({ series, color: ['red'] }, { series, color: ['blue'] })).toBeUndefined();
    const rows = table();
    expect(
      decorationPatch(
        echartsOption(line, rows, { plot }),
        echartsOption({ ...line, type: 'bar' }, rows, { plot }),
      ),
    ).toBeUndefined();
  });
});
