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
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from './cache-dir.ts';

export interface CachedLint {
  readonly stdout: string;
  readonly code: number;
}

/** The bundle's id, or undefined when monc runs from its sources. */
export function buildId(): string | undefined {
  try {
    return readFileSync(new URL('./build-id.txt', import.meta.url), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The key of a run: monc's build, the output options, and each file's path and bytes, in order. */
export function lintCacheKey(build: string, options: readonly string[], files: readonly { readonly path: string; readonly bytes: Uint8Array }[]): string {
  const hash = createHash('sha256').update(`${build}\0${process.version}\0${options.join('\0')}\0`);
  for (const file of files) hash.update(`${file.path}\0${file.bytes.length}\0`).update(file.bytes);
  return hash.digest('hex');
}

/** `rules`: `monc lint --rules`; `project`: `monc lint` of the definitions. */
export type LintRun = 'rules' | 'project';

function entryFile(cwd: string, run: LintRun): string | undefined {
  const dir = cacheDir(cwd);
  return dir && path.join(dir, `lint-${run}-${createHash('sha256').update(cwd).digest('hex').slice(0, 16)}.json`);
}

export function readLintCache(cwd: string, run: LintRun, key: string): CachedLint | undefined {
  const file = entryFile(cwd, run);
  if (file === undefined) return undefined;
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; stdout?: unknown; code?: unknown };
    return entry.key === key && typeof entry.stdout === 'string' && typeof entry.code === 'number' ? { stdout: entry.stdout, code: entry.code } : undefined;
  } catch {
    return undefined; // no usable entry: lint afresh
  }
}

/** Stores the run, atomically (a reader sees the old entry or the new one); a cache that cannot be written is no error. */
export function writeLintCache(cwd: string, run: LintRun, key: string, output: CachedLint): void {
  const file = entryFile(cwd, run);
  if (file === undefined) return;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ key, ...output }));
    renameSync(partial, file);
  } catch {
    // read-only or full: the next run lints afresh
  }
}
