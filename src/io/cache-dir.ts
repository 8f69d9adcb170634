/**
 * Where monc keeps its caches (type checks, TS bundles, lint results), and how an entry is
 * read and written: one file per project and kind, replaced whole, so a cache never grows.
 */
import { randomBytes } from 'node:crypto';
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

/**
 * The entry of one kind of cache for the project in `cwd`: projects without node_modules
 * share the user's cache folder. Entries are JSON unless the kind says otherwise.
 */
export function cacheFile(cwd: string, kind: string, extension = 'json'): string | undefined {
  const dir = cacheDir(cwd);
  return dir && path.join(dir, `${kind}-${folderId(cwd)}.${extension}`);
}

/**
 * A short name for a folder (FNV-1a over its path, in two lanes). Not a secret and not a
 * check: two folders with one name only replace each other's entries, which say what they
 * were made from. No hashing module: a cached lint would load it for this alone.
 */
function folderId(folder: string): string {
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let i = 0; i < folder.length; i++) {
    const code = folder.charCodeAt(i);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code ^ (low >>> 13), 0x01000193);
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
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

/** The entry's bytes, or undefined when there is none or it cannot be read. */
export function readCacheBytes(file: string | undefined): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Replaces the entry with this JSON; see writeCacheBytes. */
export function writeCacheFile(file: string | undefined, entry: object): void {
  writeCacheBytes(file, [JSON.stringify(entry)]);
}

/**
 * Replaces the entry with these parts, one after the other. Written beside and renamed over:
 * a reader sees the old entry or the new one, and a link planted at the path is replaced,
 * not followed. A cache that cannot be written (read-only, full) is no error: it only costs
 * speed.
 */
export function writeCacheBytes(file: string | undefined, parts: readonly (string | Uint8Array)[]): void {
  if (file === undefined) return;
  const partial = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(partial, Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part))), { flag: 'wx', mode: 0o600 });
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
  }
}
