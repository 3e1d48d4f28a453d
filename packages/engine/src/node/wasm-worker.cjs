// Runs DuckDB-WASM's worker script inside a Node worker thread: the script talks to its host with
// `globalThis.postMessage` and `globalThis.onmessage`, as in a browser Web Worker.
const { parentPort, workerData } = require('node:worker_threads');

globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
parentPort.on('message', (data) => {
  if (typeof globalThis.onmessage === 'function') void globalThis.onmessage({ data });
});
if (!workerData.debug) {
  // The worker logs failed statements with stack traces; the engine reports them as typed errors.
  for (const method of ['log', 'info', 'warn', 'error', 'debug']) console[method] = () => {};
}
require(workerData.script);
