import { expect, it } from 'vitest';
import { formatStat } from './numbers.ts';

it.each([
  [null, null],
  [1461, '1461'],
  [3.029431895961671, '3.0294'],
  [16.43908281998631, '16.4391'],
  [0.5, '0.5'],
  [0.00001234, '0.00001234'],
  [1.23456789e-7, '1.23457e-7'],
  [1.5e21, '1.5e+21'],
  [1234567890123456.5, '1234570000000000'],
  [NaN, 'NaN'],
] as const)('formatStat(%s) is %j', (value, text) => {
  expect(formatStat(value)).toBe(text);
});
