/** Turns one result value into text for the table and CSV writers. */
import type { JsValue } from '@facet/engine/common';

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text for a value: numbers and booleans as JavaScript prints them, lists and structs as JSON. */
export function cellText(value: JsValue): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Makes text safe to print in one terminal cell: line breaks and tabs become `\n`, `\r`, `\t`, and
 * other control characters `\xNN`, so data can neither break the layout nor send escape sequences
 * to the terminal.
 */
export function printable(text: string): string {
  return text.replace(
    /\p{Cc}/gu,
    (ch) => SHORT_ESCAPES[ch] ?? `\\x${(ch.codePointAt(0) ?? 0).toString(16).padStart(2, '0')}`,
  );
}
