import { describe, expect, it } from 'vitest';
import { foldWord, queryWords, snippet, tokenize } from './search-text.ts';

describe('search words', () => {
  it('splits on anything but letters, digits and _, keeping places', () => {
    const text = 'SELECT avg(temp_max) FROM "Wetter-Daten"';
    expect(tokenize(text).map((t) => [t.key, text.slice(t.start, t.end)])).toEqual([
      ['select', 'SELECT'],
      ['avg', 'avg'],
      ['temp_max', 'temp_max'],
      ['from', 'FROM'],
      ['wetter', 'Wetter'],
      ['daten', 'Daten'],
    ]);
  });

  it('compares without case or accents, and NFKC-folds', () => {
    expect(foldWord('Éléphant')).toBe('elephant');
    expect(foldWord('ＡＢＣ')).toBe('abc');
    expect(queryWords('Café cafe  CAFÉ x')).toEqual(['cafe', 'x']);
  });

  it('reads query syntax as plain words and keeps at most 32', () => {
    expect(queryWords('"a" OR b* -c NEAR(d)')).toEqual(['a', 'or', 'b', 'c', 'near', 'd']);
    expect(queryWords(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toHaveLength(32);
  });
});

describe('snippets', () => {
  it('marks every word a query word is a prefix of, keeping the text between', () => {
    expect(snippet('Lyon is **warmest**. Warm days.', ['warm'])).toEqual([
      { text: 'Lyon is **', match: false },
      { text: 'warmest', match: true },
      { text: '**. ', match: false },
      { text: 'Warm', match: true },
      { text: ' days', match: false },
    ]);
  });

  it('cuts long text around the best passage, with … where it was cut', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    words[40] = 'needle';
    const parts = snippet(words.join(' '), ['needle'], 10);
    expect(parts[0]).toEqual({ text: '…w38 w39 ', match: false });
    expect(parts.at(-1)).toEqual({ text: ' w41 w42 w43 w44 w45 w46 w47…', match: false });
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['needle']);
    const text = parts.map((p) => p.text).join('');
    expect(text).toBe('…w38 w39 needle w41 w42 w43 w44 w45 w46 w47…');
  });

  it('prefers the passage holding more of the different query words', () => {
    const text = `alpha ${'x '.repeat(30)}alpha beta ${'y '.repeat(30)}`;
    const parts = snippet(text, ['alpha', 'beta'], 8);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['alpha', 'beta']);
  });

  it('has nothing to show for text without words', () => {
    expect(snippet('', ['a'])).toEqual([]);
    expect(snippet(' -- ', ['a'])).toEqual([{ text: '--', match: false }]);
  });
});
