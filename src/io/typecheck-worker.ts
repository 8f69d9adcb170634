/** Worker-thread entry (dist/typecheck-worker.js): loads TypeScript, then answers one request. */
import { parentPort } from 'node:worker_threads';
import { loadTsMorph, typeCheckFiles, type TypeCheckRequest } from './typecheck.ts';

// Load before the request arrives: the main thread is still reading the definitions.
loadTsMorph();
parentPort?.once('message', (request: TypeCheckRequest) => {
  try {
    parentPort?.postMessage({ errors: typeCheckFiles(request) });
  } catch (error) {
    parentPort?.postMessage({ failure: error instanceof Error ? error.message : String(error) });
  }
});
