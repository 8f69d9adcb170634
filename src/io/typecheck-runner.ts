/**
 * Where and whether the type check runs. Its result is cached by a hash of the definitions,
 * the authoring API and the Node version (like tsc --incremental). From dist/ a miss runs in
 * a worker thread that bin can start before the rest of monc loads (`warmUpTypeCheck`), so
 * loading TypeScript overlaps everything else; from src/ (tests) it runs in-process, as the
 * worker is only bundled into dist/.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SourceInput } from '../compile.ts';
import { cacheFile, readCacheFile, writeCacheFile } from './cache-dir.ts';
import { typeCheckFiles, type TypeCheckRequest, type TypeError as TsTypeError } from './typecheck.ts';

const WORKER_FILE = new URL('./typecheck-worker.js', import.meta.url);

let warm: Worker | undefined;

/** The check of the TS files among `sources`. */
export function typeCheckRequest(cwd: string, api: string, sources: readonly SourceInput[]): TypeCheckRequest {
  const decoder = new TextDecoder();
  const files = sources.filter((s) => s.path.endsWith('.ts')).map((s) => ({ file: s.path, text: decoder.decode(s.bytes) }));
  return { cwd, api, files };
}

/** Starts a worker loading TypeScript when the check will be needed and is not cached. */
export function warmUpTypeCheck(request: TypeCheckRequest): void {
  if (warm || request.files.length === 0 || !existsSync(WORKER_FILE) || cachedErrors(request)) return;
  warm = new Worker(WORKER_FILE);
  warm.unref(); // until it is used, it must not keep monc running
}

export async function typeCheckWithCache(request: TypeCheckRequest): Promise<TsTypeError[]> {
  if (request.files.length === 0) return stopWarmUp([]);
  const cached = cachedErrors(request);
  if (cached) return stopWarmUp(cached);
  const errors = await runTypeCheck(request);
  writeCacheFile(cacheFile(request.cwd, 'typecheck'), { key: cacheKey(request), errors });
  return errors;
}

function stopWarmUp(errors: TsTypeError[]): TsTypeError[] {
  void warm?.terminate();
  warm = undefined;
  return errors;
}

function cachedErrors(request: TypeCheckRequest): TsTypeError[] | undefined {
  const entry = readCacheFile(cacheFile(request.cwd, 'typecheck'));
  return entry?.['key'] === cacheKey(request) && Array.isArray(entry['errors']) ? (entry['errors'] as TsTypeError[]) : undefined;
}

function cacheKey(request: TypeCheckRequest): string {
  const hash = createHash('sha256').update(`${process.version}\0${request.cwd}\0`);
  const apiDir = path.dirname(request.api);
  for (const file of readdirSync(apiDir).filter((f) => f.endsWith('.ts')).sort()) {
    hash.update(`${file}\0`).update(readFileSync(path.join(apiDir, file)));
  }
  for (const { file, text } of request.files) hash.update(`\0${file}\0${text}`);
  return hash.digest('hex');
}

function runTypeCheck(request: TypeCheckRequest): Promise<TsTypeError[]> {
  if (!existsSync(WORKER_FILE)) return Promise.resolve().then(() => typeCheckFiles(request));
  const worker = warm ?? new Worker(WORKER_FILE);
  warm = undefined;
  worker.ref();
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { errors?: TsTypeError[]; failure?: string }) => {
      void worker.terminate();
      if (message.errors) resolve(message.errors);
      else reject(new Error(`type check failed: ${message.failure ?? 'unknown error'}`));
    });
    worker.once('error', reject);
    worker.postMessage(request);
  });
}
