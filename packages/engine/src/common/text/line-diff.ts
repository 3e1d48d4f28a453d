/**
 * Line diff (Myers' O(ND) algorithm): the shortest edit turning one text into another, as kept,
 * removed and added lines. Used for the SQL and note changes a version diff shows.
 */

export interface DiffLine {
  op: 'same' | 'add' | 'remove';
  text: string;
}

const MAX_DIFF_LINES = 4000;

/** The lines of `before` and `after` as a shortest sequence of kept, removed and added lines. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // Common head and tail cost nothing and shrink the search.
  const { head, tail } = commonEnds(a, b);
  const oldMiddle = a.slice(head, a.length - tail);
  const newMiddle = b.slice(head, b.length - tail);
  // Myers keeps one frontier per edit step: past a few thousand changed lines, show the middle
  // as replaced whole instead of spending gigabytes finding the shortest edit.
  const middle =
    oldMiddle.length + newMiddle.length > MAX_DIFF_LINES
      ? [
          ...oldMiddle.map((text) => ({ op: 'remove' as const, text })),
          ...newMiddle.map((text) => ({ op: 'add' as const, text })),
        ]
      : myers(oldMiddle, newMiddle);
  return [
    ...a.slice(0, head).map((text) => ({ op: 'same' as const, text })),
    ...middle,
    ...a.slice(a.length - tail).map((text) => ({ op: 'same' as const, text })),
  ];
}

/** How many leading and trailing items two sequences (arrays or strings) share, without overlap. */
export function commonEnds(a: ArrayLike<unknown>, b: ArrayLike<unknown>): { head: number; tail: number } {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  return { head, tail };
}

/** True when the diff changes anything. */
export function hasChanges(lines: readonly DiffLine[]): boolean {
  return lines.some((line) => line.op !== 'same');
}

/** The diff as unified-style text: `+` added, `-` removed, two spaces kept. */
export function formatDiff(lines: readonly DiffLine[]): string {
  const mark = { same: '  ', add: '+ ', remove: '- ' } as const;
  return lines.map((line) => mark[line.op] + line.text).join('\n');
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/\r?\n/);
}

function myers(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d);
    }
  }
  return [];
}

/** Walks the saved frontiers back from the end to recover the edit script. */
function backtrack(
  trace: readonly Int32Array[],
  a: readonly string[],
  b: readonly string[],
  offset: number,
  depth: number,
): DiffLine[] {
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d--) {
    const v = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: 'same', text: a[--x] as string });
      y--;
    }
    if (down) out.push({ op: 'add', text: b[--y] as string });
    else out.push({ op: 'remove', text: a[--x] as string });
  }
  while (x > 0 && y > 0) {
    out.push({ op: 'same', text: a[--x] as string });
    y--;
  }
  return out.reverse();
}
