import { describe, expect, it } from 'vitest';
import { formatTable } from './table.ts';
import { displayWidth } from './text-width.ts';

const lines = (text: string): string[] => text.trimEnd().split('\n');

describe('formatTable', () => {
  it('aligns columns under a header and separator, numbers on the right', () => {
    const out = formatTable(
      [{ name: 'city' }, { name: 'n', align: 'right' }],
      [
        ['Seattle', 1461],
        ['Oslo', 7],
      ],
    );
    expect(lines(out)).toEqual(['city        n', '-------  ----', 'Seattle  1461', 'Oslo        7']);
  });

  it('prints NULL for null and keeps a header-wide column for short values', () => {
    const out = formatTable([{ name: 'value' }, { name: 'flag' }], [[null, true]]);
    expect(lines(out)).toEqual(['value  flag', '-----  ----', 'NULL   true']);
  });

  it('uses the given text for null', () => {
    expect(formatTable([{ name: 'a' }], [[null]], { nullText: '' }).split('\n')[2]).toBe('');
  });

  it('shows lists and structs as JSON', () => {
    const out = formatTable([{ name: 'l' }, { name: 's' }], [[[1, 2], { x: 'y' }]]);
    expect(lines(out)[2]).toBe('[1,2]  {"x":"y"}');
  });

  it('cuts long cells with an ellipsis', () => {
    const out = formatTable([{ name: 'text' }], [['abcdefghijklmnopqrstuvwxyz']], { maxCellWidth: 10 });
    expect(lines(out)[2]).toBe('abcdefghi…');
    expect(lines(out)[1]).toBe('-'.repeat(10));
  });

  it('shrinks the widest columns to fit the terminal width', () => {
    const long = 'x'.repeat(60);
    const out = formatTable(
      [{ name: 'id', align: 'right' }, { name: 'a' }, { name: 'b' }],
      [[1, long, long]],
      {
        maxWidth: 50,
      },
    );
    for (const line of lines(out)) expect(displayWidth(line)).toBeLessThanOrEqual(50);
    expect(lines(out)[2]).toMatch(/^ {1}1 {2}x+… {2}x+…$/);
  });

  it('cuts text columns, never numbers, to fit the terminal width', () => {
    const out = formatTable(
      [{ name: 'amount', align: 'right' }, { name: 'note' }],
      [[1234567.891, 'a fairly long note about this amount']],
      { maxWidth: 25 },
    );
    expect(lines(out)[2]).toBe('1234567.891  a fairly lo…');
  });

  it('escapes line breaks, tabs and terminal control characters inside cells', () => {
    const out = formatTable([{ name: 'a' }], [['one\ntwo\tthree\u001b[31m']]);
    expect(lines(out)).toHaveLength(3);
    expect(lines(out)[2]).toBe('one\\ntwo\\tthree\\x1b[31m');
  });

  it('aligns wide (CJK, emoji) and combining characters by their display width', () => {
    const out = formatTable(
      [{ name: 'name' }, { name: 'n', align: 'right' }],
      [
        ['東京', 1],
        ['Zürich', 2],
        ['e\u0301te\u0301', 3],
        ['👍🏽 ok', 4],
      ],
    );
    const rows = lines(out);
    const widths = rows.map(displayWidth);
    expect(new Set(widths).size).toBe(1);
    expect(rows[2]).toBe('東京    1');
    expect(rows[4]).toBe('e\u0301te\u0301     3');
  });

  it('never cuts a wide character in half', () => {
    const out = formatTable([{ name: 'x' }], [['東京都渋谷区']], { maxCellWidth: 6 });
    expect(lines(out)[2]).toBe('東京…');
  });

  it('prints only the header for an empty result and nothing without columns', () => {
    expect(lines(formatTable([{ name: 'a' }, { name: 'bb' }], []))).toEqual(['a  bb', '-  --']);
    expect(formatTable([], [])).toBe('');
  });
});
