import { describe, expect, it } from 'vitest';
import { externalUrl, mayHavePermission, mayNavigate } from './url-policy.ts';

describe('url policy', () => {
  it('lets the window navigate within the app only', () => {
    expect(mayNavigate('app://facet/index.html')).toBe(true);
    expect(mayNavigate('https://example.com/')).toBe(false);
    expect(mayNavigate('file:///etc/passwd')).toBe(false);
    expect(mayNavigate('app://elsewhere/index.html')).toBe(false);
  });

  it('hands only web and mail links to the OS', () => {
    expect(externalUrl('https://duckdb.org/docs')).toBe('https://duckdb.org/docs');
    expect(externalUrl('http://localhost:3000/x')).toBe('http://localhost:3000/x');
    expect(externalUrl('mailto:team@example.com')).toBe('mailto:team@example.com');
    expect(externalUrl('file:///bin/sh')).toBeUndefined();
    expect(externalUrl('javascript:alert(1)')).toBeUndefined();
    expect(externalUrl('smb://server/share')).toBeUndefined();
    expect(externalUrl('not a url')).toBeUndefined();
  });

  it('grants clipboard writes to the app page and nothing else to anyone', () => {
    expect(mayHavePermission('clipboard-sanitized-write', 'app://facet/index.html')).toBe(true);
    expect(mayHavePermission('clipboard-sanitized-write', 'app://facet')).toBe(true);
    expect(mayHavePermission('clipboard-sanitized-write', 'https://example.com')).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      expect(mayHavePermission(permission, 'app://facet/index.html')).toBe(false);
  });
});
