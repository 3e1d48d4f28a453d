/**
 * JSON output: one document (an array) that parses as a whole. Written compactly, one line. JSON has
 * no NaN or Infinity, so those become null.
 */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
