import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, ROW_HEIGHT, rowWindow, scrollTopFor } from './virtual-rows.ts';

describe('rowWindow', () => {
  it('draws the rows in view plus overscan, at their natural place for small results', () => {
    const view = rowWindow(1000, ROW_HEIGHT * 100, ROW_HEIGHT * 10, 2);
    expect([view.first, view.last]).toEqual([98, 112]);
    expect(view.top(100)).toBe(ROW_HEIGHT * 100);
    expect(view.scrollHeight).toBe(1000 * ROW_HEIGHT);
    // More rows ahead of a scroll than behind it.
    const ahead = rowWindow(1000, ROW_HEIGHT * 100, ROW_HEIGHT * 10, 1, 6);
    expect([ahead.first, ahead.last]).toEqual([99, 116]);
  });

  it('scales the scroll range past the browser limit and still reaches every row', () => {
    const rows = 1_000_000;
    const viewport = 260;
    const top = rowWindow(rows, 0, viewport, 0);
    expect(top.scrollHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(top.first).toBe(0);
    const middle = rowWindow(rows, (MAX_SCROLL_HEIGHT - viewport) / 2, viewport, 0);
    expect(Math.abs(middle.first - rows / 2)).toBeLessThan(10);
    // The first drawn row sits at the top of the visible area.
    const visibleTop = (MAX_SCROLL_HEIGHT - viewport) / 2;
    expect(Math.abs(middle.top(middle.first) - visibleTop)).toBeLessThan(ROW_HEIGHT);
    const end = rowWindow(rows, MAX_SCROLL_HEIGHT - viewport, viewport, 0);
    expect(end.last).toBe(rows);
    expect(end.top(rows - 1) + ROW_HEIGHT).toBeCloseTo(MAX_SCROLL_HEIGHT, 0);
  });

  it('scrolls just enough to show a row, in both modes', () => {
    expect(scrollTopFor(5, 1000, 0, 260)).toBe(0);
    expect(scrollTopFor(20, 1000, 0, 260)).toBe(21 * ROW_HEIGHT - 260);
    expect(scrollTopFor(3, 1000, 500, 260)).toBe(3 * ROW_HEIGHT);
    const rows = 1_000_000;
    const scroll = scrollTopFor(rows - 1, rows, 0, 260);
    const view = rowWindow(rows, scroll, 260, 0);
    expect(view.last).toBe(rows);
  });
});
