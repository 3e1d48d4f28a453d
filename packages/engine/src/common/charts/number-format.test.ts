import { describe, expect, it } from 'vitest';
import { formatNumber } from './number-format.ts';

describe('formatNumber', () => {
  it('writes each style', () => {
    expect(formatNumber(1234.5, undefined, 'en-US')).toBe('1,234.5');
    expect(formatNumber(1234.5, { style: 'plain' }, 'en-US')).toBe('1,234.5');
    expect(formatNumber(1234.5, { style: 'compact' }, 'en-US')).toBe('1.2K');
    expect(formatNumber(2_500_000, { style: 'compact' }, 'en-US')).toBe('2.5M');
    expect(formatNumber(0.256, { style: 'percent' }, 'en-US')).toBe('25.6%');
    expect(formatNumber(0.256, { style: 'percent', decimals: 0 }, 'en-US')).toBe('26%');
    expect(formatNumber(1234.5, { style: 'currency' }, 'en-US')).toBe('$1,234.50');
    expect(formatNumber(1234.5, { style: 'currency', currency: 'EUR', decimals: 0 }, 'en-US')).toBe('€1,235');
    expect(formatNumber(3.14159, { style: 'fixed', decimals: 3 }, 'en-US')).toBe('3.142');
    expect(formatNumber(3, { style: 'fixed' }, 'en-US')).toBe('3.00');
    expect(formatNumber(1234.5, { style: 'plain' }, 'de-DE')).toBe('1.234,5');
  });

  it('writes missing and odd values as they are', () => {
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(undefined)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber('north')).toBe('north');
    expect(formatNumber(Infinity, { style: 'compact' })).toBe('Infinity');
  });
});
