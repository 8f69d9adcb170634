/** Worker-thread entry (dist/typecheck-worker.js): one request in, type errors out. */
import { parentPort, workerData } from 'node:worker_threads';
import { typeCheckFiles, type TypeCheckRequest } from './typecheck.ts';

try {
  parentPort?.postMessage({ errors: typeCheckFiles(workerData as TypeCheckRequest) });
} catch (error) {
  parentPort?.postMessage({ failure: error instanceof Error ? error.message : String(error) });
}
