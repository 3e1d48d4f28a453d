import { describe, expect, it } from 'vitest';
import { displayWidth, padToWidth, truncateToWidth } from './text-width.ts';

describe('displayWidth', () => {
  it.each([
    ['abc', 3],
    ['', 0],
    ['Zürich', 6],
    ['e\u0301', 1],
    ['東京', 4],
    ['한국어', 6],
    ['ＡＢ', 4],
    ['👍', 2],
    ['👍🏽', 2],
    ['👨‍👩‍👧', 2],
    ['🇳🇴', 2],
    ['❤️', 2],
    ['a\u200bb', 2],
  ])('%j is %i columns wide', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('truncateToWidth', () => {
  it('leaves text that fits alone', () => {
    expect(truncateToWidth('hello', 5)).toBe('hello');
  });

  it('cuts to the width, the ellipsis included', () => {
    expect(truncateToWidth('hello world', 6)).toBe('hello…');
  });

  it('keeps graphemes whole', () => {
    expect(truncateToWidth('e\u0301e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301…');
    expect(truncateToWidth('👍🏽👍🏽👍🏽', 5)).toBe('👍🏽👍🏽…');
  });
});

describe('padToWidth', () => {
  it('pads by display width on either side', () => {
    expect(padToWidth('東', 4, 'left')).toBe('東  ');
    expect(padToWidth('7', 3, 'right')).toBe('  7');
  });
});
