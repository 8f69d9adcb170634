/**
 * The result cache of `monc lint`: what the last run in a folder printed and its exit code,
 * under a key made of monc's build, the options that shape the output, and every input file's
 * path and bytes (the rule files of `--rules`; the config and definitions of a project). A hit
 * prints the same bytes without compiling; any change to a file, an option or monc itself is
 * a miss. One entry per folder and kind of run, so it never grows.
 *
 * Only a bundled monc has a build id (dist/build-id.txt, which scripts/bundle.mjs writes from
 * the bundle's bytes); run from its sources, monc caches nothing.
 */
import { createHash } from 'node:crypto';
import { cacheFile, readCacheFile, writeCacheFile } from './cache-dir.ts';

export interface CachedLint {
  readonly stdout: string;
  readonly code: number;
}

/** The key of a run: monc's build, the output options, and each file's path and bytes, in order. */
export function lintCacheKey(build: string, options: readonly string[], files: readonly { readonly path: string; readonly bytes: Uint8Array }[]): string {
  const hash = createHash('sha256').update(`${build}\0${process.version}\0${options.join('\0')}\0`);
  for (const file of files) hash.update(`${file.path}\0${file.bytes.length}\0`).update(file.bytes);
  return hash.digest('hex');
}

/** `rules`: `monc lint --rules`; `project`: `monc lint` of the definitions. */
export type LintRun = 'rules' | 'project';

export function readLintCache(cwd: string, run: LintRun, key: string): CachedLint | undefined {
  const entry = readCacheFile(cacheFile(cwd, `lint-${run}`));
  return entry?.['key'] === key && typeof entry['stdout'] === 'string' && typeof entry['code'] === 'number' ? { stdout: entry['stdout'], code: entry['code'] } : undefined;
}

export function writeLintCache(cwd: string, run: LintRun, key: string, output: CachedLint): void {
  writeCacheFile(cacheFile(cwd, `lint-${run}`), { key, ...output });
}
