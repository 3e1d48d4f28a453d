/**
 * Numbers as a chart writes them (axes, labels, tooltips): plain, compact (1.2K), percent, currency
 * or fixed decimals. Formatters are cached: an axis formats the same few styles thousands of times.
 */
import type { NumberFormat } from './chart-types.ts';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(format: NumberFormat | undefined, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}|${format?.style ?? 'plain'}|${format?.decimals ?? ''}|${format?.currency ?? ''}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, options(format));
    if (cache.size > 200) cache.clear();
    cache.set(key, found);
  }
  return found;
}

function options(format: NumberFormat | undefined): Intl.NumberFormatOptions {
  const d = format?.decimals;
  switch (format?.style ?? 'plain') {
    case 'compact':
      return { notation: 'compact', maximumFractionDigits: d ?? 1 };
    case 'percent':
      return { style: 'percent', maximumFractionDigits: d ?? 1 };
    case 'currency':
      return {
        style: 'currency',
        currency: format?.currency ?? 'USD',
        minimumFractionDigits: d ?? 2,
        maximumFractionDigits: d ?? 2,
      };
    case 'fixed':
      return { minimumFractionDigits: d ?? 2, maximumFractionDigits: d ?? 2 };
    default:
      return { maximumFractionDigits: d ?? 6 };
  }
}

/**
 * A number in the given format (`locale` defaults to the runtime's). Non-numbers and non-finite
 * values are written as they are, so a tooltip never shows "NaN" for a missing value.
 */
export function formatNumber(value: unknown, format?: NumberFormat, locale?: string): string {
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  return formatter(format, locale).format(value);
}
