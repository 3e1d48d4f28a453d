import { describe, expect, it } from 'vitest';
import { minimalChange } from './replace-text.ts';

/** Applies a change, to check it really turns one text into the other. */
const apply = (text: string, change: { from: number; to: number; insert: string }): string =>
  text.slice(0, change.from) + change.insert + text.slice(change.to);

describe('minimalChange', () => {
  it('keeps the common start and end and replaces only the middle', () => {
    const before = 'select a, b from t';
    const after = 'select\n  a,\n  b\nfrom\n  t';
    const change = minimalChange(before, after)!;
    expect(change).toEqual({ from: 6, to: 16, insert: '\n  a,\n  b\nfrom\n ' });
    expect(apply(before, change)).toBe(after);
  });

  it('handles pure insertions, deletions, repeated characters and equal texts', () => {
    expect(minimalChange('abc', 'abc')).toBeUndefined();
    expect(minimalChange('ac', 'abc')).toEqual({ from: 1, to: 1, insert: 'b' });
    expect(minimalChange('abc', 'ac')).toEqual({ from: 1, to: 2, insert: '' });
    for (const [a, b] of [
      ['aaaa', 'aa'],
      ['', 'x'],
      ['x', ''],
      ['a  b', 'a b'],
    ] as const) {
      expect(apply(a, minimalChange(a, b)!)).toBe(b);
    }
  });

  it('never splits a surrogate pair', () => {
    const before = "SELECT '😀'";
    const after = "SELECT '😃'"; // same high surrogate, different low one
    const change = minimalChange(before, after)!;
    expect(change.insert).toBe('😃');
    expect(apply(before, change)).toBe(after);
  });
});
