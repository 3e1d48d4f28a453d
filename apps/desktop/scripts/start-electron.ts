/**
 * `npm start [-- PATH…]`: builds the app and runs it in Electron; PATHs (a project folder, data
 * files) open in it. Where Electron's binary was not downloaded, says how to get it and exits 1.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ELECTRON_OUT, MAIN_FILE } from './electron-bundle.ts';
import { electronBinary, INSTALL_HINT, prepareNativeModules } from './electron-native.ts';

const binary = electronBinary();
if (!binary) {
  console.error(`facet start: the Electron binary is not installed; install it with: ${INSTALL_HINT}`);
  process.exit(1);
}
await import('./build-electron.ts');
try {
  await prepareNativeModules();
} catch (error) {
  console.error(
    `facet start: could not build better-sqlite3 for Electron (${error instanceof Error ? error.message : String(error)}).\n` +
      'It needs the internet once (a prebuilt binary or Electron headers) or a C++ toolchain.',
  );
  process.exit(1);
}
const env = { ...process.env };
// Inherited from a tool that itself runs on Electron, this would start Electron as plain Node.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [path.join(ELECTRON_OUT, MAIN_FILE), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
