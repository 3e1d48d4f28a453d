/**
 * The browser app's entry: the same Root as the desktop renderer, with the HostApi implemented in
 * the page (browser-host/): projects in IndexedDB and OPFS, queries in DuckDB-WASM in a Web Worker.
 * Built by scripts/build-web.ts into static files any static server can host.
 */
import '@mantine/core/styles.css';
import '@xyflow/react/dist/style.css';
import '@facet/ui/styles.css';
import { startApp } from './app/start-app.tsx';
import { BrowserHost } from './browser-host/browser-host.ts';
import { bundledAssets, startEngine } from './browser-host/engine-assets.ts';

async function sampleData(): Promise<Uint8Array> {
  const response = await fetch(new URL('sample/seattle-weather.csv', location.href));
  if (!response.ok) throw new Error(`The sample dataset could not be loaded (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

async function connect() {
  if (typeof indexedDB === 'undefined')
    throw new Error('this browser offers no IndexedDB storage (is it a private window?).');
  // Ask the browser not to evict the projects under storage pressure (it may say no).
  void navigator.storage?.persist?.().catch(() => false);
  const assets = bundledAssets();
  const host = await BrowserHost.start({ startEngine: () => startEngine(assets), sampleData });
  return { api: host.api, on: host.on };
}

void startApp(connect);
