import { describe, expect, it } from 'vitest';
import { diffLines, formatDiff, hasChanges } from './line-diff.ts';

/** Applying a diff's kept and added lines must give `after`; kept and removed must give `before`. */
function sides(lines: ReturnType<typeof diffLines>): { before: string; after: string } {
  return {
    before: lines
      .filter((l) => l.op !== 'add')
      .map((l) => l.text)
      .join('\n'),
    after: lines
      .filter((l) => l.op !== 'remove')
      .map((l) => l.text)
      .join('\n'),
  };
}

describe('diffLines', () => {
  it('marks a changed line as removed and added, keeping the rest', () => {
    const lines = diffLines('SELECT a\nFROM t\nWHERE x > 1', 'SELECT a\nFROM t\nWHERE x > 2');
    expect(formatDiff(lines)).toBe('  SELECT a\n  FROM t\n- WHERE x > 1\n+ WHERE x > 2');
  });

  it('handles empty sides and identical texts', () => {
    expect(diffLines('', 'a\nb')).toEqual([
      { op: 'add', text: 'a' },
      { op: 'add', text: 'b' },
    ]);
    expect(diffLines('a', '')).toEqual([{ op: 'remove', text: 'a' }]);
    expect(hasChanges(diffLines('same\ntext', 'same\ntext'))).toBe(false);
  });

  it('finds a shortest edit for interleaved changes', () => {
    const lines = diffLines('a\nb\nc\na\nb\nb\na', 'c\nb\na\nb\na\nc');
    // Myers' classic example: 5 edits.
    expect(lines.filter((l) => l.op !== 'same')).toHaveLength(5);
    expect(sides(lines)).toEqual({ before: 'a\nb\nc\na\nb\nb\na', after: 'c\nb\na\nb\na\nc' });
  });

  it('round-trips random texts', () => {
    let seed = 7;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 200; round++) {
      const make = (): string => Array.from({ length: rand(12) }, () => 'xyz'[rand(3)] as string).join('\n');
      const before = make();
      const after = make();
      expect(sides(diffLines(before, after))).toEqual({ before, after });
    }
  });

  it('shows very long unrelated texts as replaced whole instead of exhausting memory', () => {
    const before = Array.from({ length: 5000 }, (_, i) => `a${i}`).join('\n');
    const after = Array.from({ length: 5000 }, (_, i) => `b${i}`).join('\n');
    const lines = diffLines(before, after);
    expect(lines.filter((l) => l.op === 'remove')).toHaveLength(5000);
    expect(sides(lines)).toEqual({ before, after });
  });
});
