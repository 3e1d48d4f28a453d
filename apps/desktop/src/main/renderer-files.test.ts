import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isTrustedUrl,
  RENDERER_URL,
  rendererFile,
  rendererResponse,
} from './renderer-files.ts';

describe('isTrustedUrl', () => {
  it('trusts only the app scheme and host', () => {
    expect(isTrustedUrl(RENDERER_URL)).toBe(true);
    expect(isTrustedUrl('app://facet/index.html#x')).toBe(true);
    expect(isTrustedUrl('app://evil/index.html')).toBe(false);
    expect(isTrustedUrl('https://facet/index.html')).toBe(false);
    expect(isTrustedUrl('file:///work/dist/renderer/index.html')).toBe(false);
    expect(isTrustedUrl('')).toBe(false);
    expect(isTrustedUrl('about:blank')).toBe(false);
  });
});

describe('renderer files', () => {
  let work: string;
  let root: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-renderer-files-'));
    root = path.join(work, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Facet</title>');
    fs.writeFileSync(path.join(root, 'main.js'), 'console.log(1);');
    fs.writeFileSync(path.join(root, 'assets', 'a b.wasm'), Buffer.from([0, 97, 115, 109]));
    fs.writeFileSync(path.join(work, 'secret.txt'), 'outside the renderer');
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('maps app URLs to files inside the folder and refuses everything else', () => {
    expect(rendererFile(root, 'app://facet/')).toBe(path.join(root, 'index.html'));
    expect(rendererFile(root, 'app://facet/assets/a%20b.wasm')).toBe(path.join(root, 'assets', 'a b.wasm'));
    expect(rendererFile(root, 'app://facet/..%2Fsecret.txt')).toBeUndefined();
    // The URL parser folds dot segments at the root, so this one stays inside the folder.
    expect(rendererFile(root, 'app://facet/%2e%2e/secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(rendererFile(root, 'app://facet/assets/..%2F..%2Fsecret.txt')).toBeUndefined();
    expect(rendererFile(root, 'app://facet/a%00b')).toBeUndefined();
    expect(rendererFile(root, 'app://facet/%E0%A4%A')).toBeUndefined();
    expect(rendererFile(root, 'app://other/index.html')).toBeUndefined();
  });

  it('serves a file with its type, nosniff and the CSP', async () => {
    const response = await rendererResponse(root, { url: 'app://facet/main.js', method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('console.log(1);');
    const wasm = await rendererResponse(root, { url: 'app://facet/assets/a%20b.wasm', method: 'GET' });
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
  });

  it('answers 404 outside the folder or for a missing file, and 405 for other methods', async () => {
    const outside = await rendererResponse(root, { url: 'app://facet/..%2Fsecret.txt', method: 'GET' });
    expect(outside.status).toBe(404);
    expect(await outside.text()).not.toContain('outside');
    expect((await rendererResponse(root, { url: 'app://facet/nope.js', method: 'GET' })).status).toBe(404);
    expect((await rendererResponse(root, { url: 'app://facet/assets', method: 'GET' })).status).toBe(404);
    const post = await rendererResponse(root, { url: 'app://facet/index.html', method: 'POST' });
    expect(post.status).toBe(405);
    const head = await rendererResponse(root, { url: 'app://facet/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('gives the page a policy with no remote sources and no frames (connections only: the relay)', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    const remote = CONTENT_SECURITY_POLICY.split('; ').filter((d) => /https?:|\*/.test(d));
    expect(remote).toEqual(["connect-src 'self' http: https: ws: wss:"]);
  });
});
