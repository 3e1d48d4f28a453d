/**
 * Where the window may go. Navigation is a common attack vector: a page that could load another
 * origin into the app's window would inherit its bridge to the host. So the window only ever shows
 * the app's own renderer; web links a user clicks open in their browser instead.
 */
import { isTrustedUrl } from './renderer-files.ts';

/** The only permission the page gets: writing plain text to the clipboard (copy a cell, a query). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Whether the window may navigate to `url` (the app's own pages only). */
export function mayNavigate(url: string): boolean {
  return isTrustedUrl(url);
}

/**
 * The URL to hand to the OS when the page asks to open or navigate to `url`: http(s) and mailto
 * links only (never file:, javascript: or custom schemes that could launch programs).
 */
export function externalUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the page at `requestingUrl` may have `permission`. */
export function mayHavePermission(permission: string, requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isTrustedUrl(requestingUrl);
}
