import { expect, it } from 'vitest';
import { isNumericType } from './column-kind.ts';

it.each([
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UBIGINT',
  'DOUBLE',
  'FLOAT',
  'DECIMAL(10,2)',
  'DECIMAL(38, 10)',
  'decimal',
])('%s is numeric', (type) => expect(isNumericType(type)).toBe(true));

it.each([
  'VARCHAR',
  'DATE',
  'INTEGER[]',
  'DOUBLE[3]',
  'STRUCT("x" INTEGER)',
  'MAP(VARCHAR, INTEGER)',
  'INTERVAL',
])('%s is not numeric', (type) => expect(isNumericType(type)).toBe(false));
