/**
 * Where monc keeps its caches (type checks, TS bundles, lint results), and how an entry is
 * read and written: one JSON file per project and kind, replaced whole, so a cache never grows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The project's node_modules/.cache/monc, or the user's own cache folder. Never a shared
 * temporary folder, where another user could plant the path first.
 */
export function cacheDir(cwd: string): string | undefined {
  const nodeModules = path.join(cwd, 'node_modules');
  if (existsSync(nodeModules)) return path.join(nodeModules, '.cache', 'monc');
  const userCache = process.env['XDG_CACHE_HOME'] || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  return userCache && path.isAbsolute(userCache) ? path.join(userCache, 'monc') : undefined;
}

/** The bundle's id (dist/build-id.txt, from the bundle's bytes), or undefined when monc runs from its sources. */
export function buildId(): string | undefined {
  try {
    return readFileSync(new URL('./build-id.txt', import.meta.url), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The entry of one kind of cache for the project in `cwd`: projects without node_modules share the user's cache folder. */
export function cacheFile(cwd: string, kind: string): string | undefined {
  const dir = cacheDir(cwd);
  return dir && path.join(dir, `${kind}-${createHash('sha256').update(cwd).digest('hex').slice(0, 16)}.json`);
}

/** The entry's JSON, or undefined when there is none or it cannot be read. */
export function readCacheFile(file: string | undefined): Record<string, unknown> | undefined {
  if (file === undefined) return undefined;
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // no usable entry: work afresh
  }
}

/**
 * Replaces the entry. Written beside and renamed over: a reader sees the old entry or the new
 * one, and a link planted at the path is replaced, not followed. A cache that cannot be
 * written (read-only, full) is no error: it only costs speed.
 */
export function writeCacheFile(file: string | undefined, entry: object): void {
  if (file === undefined) return;
  const partial = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(partial, JSON.stringify(entry), { flag: 'wx', mode: 0o600 });
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
  }
}
