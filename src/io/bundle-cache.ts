/**
 * The TS definitions' bundle from the last build of a project, so that a build whose TS files
 * are unchanged neither loads esbuild nor starts its service (about 50 ms of a build). Only a
 * bundled monc keeps one (it has a build id; see cache-dir.ts).
 *
 * The bundle stands while its fingerprint does: this build of monc, the entry esbuild was
 * given, the bytes of every file esbuild read, the names in their folders (a new file can
 * change what an import resolves to), the tsconfig.json, jsconfig.json and package.json in
 * those folders, the project's and every folder above them, and the file every package import
 * resolves to.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildId, cacheFile, readCacheFile, writeCacheFile } from './cache-dir.ts';

export interface BundleOutput {
  readonly code: string;
  readonly sourceMap: string;
}

export interface BundleInputs {
  /** The files esbuild read, relative to the project folder (its metafile's inputs). */
  readonly files: readonly string[];
  /** The packages the definitions import, which stay outside the bundle. */
  readonly packages: readonly string[];
}

/** How a package import resolves in the project now. */
export type ResolvePackage = (name: string) => string;

const KIND = 'ts-bundle';
const CONFIG_FILES = ['tsconfig.json', 'jsconfig.json', 'package.json'];

/** The bundle kept for this entry, if nothing it was made from has changed since. */
export function cachedBundle(cwd: string, entry: string, resolvePackage: ResolvePackage): BundleOutput | undefined {
  const build = buildId();
  const kept = build === undefined ? undefined : readCacheFile(cacheFile(cwd, KIND));
  if (!kept || typeof kept['code'] !== 'string' || typeof kept['sourceMap'] !== 'string' || !isStrings(kept['files']) || !isStrings(kept['packages'])) return undefined;
  const inputs = { files: kept['files'], packages: kept['packages'] };
  return fingerprint(build ?? '', cwd, entry, inputs, resolvePackage) === kept['fingerprint'] ? { code: kept['code'], sourceMap: kept['sourceMap'] } : undefined;
}

/** Keeps the bundle for the next build. */
export function keepBundle(cwd: string, entry: string, inputs: BundleInputs, resolvePackage: ResolvePackage, output: BundleOutput): void {
  const build = buildId();
  if (build === undefined) return;
  const print = fingerprint(build, cwd, entry, inputs, resolvePackage);
  if (print !== undefined) writeCacheFile(cacheFile(cwd, KIND), { fingerprint: print, ...inputs, ...output });
}

/** The fingerprint, or undefined when an input cannot be read (then nothing is kept, or the kept bundle is stale). */
function fingerprint(build: string, cwd: string, entry: string, inputs: BundleInputs, resolvePackage: ResolvePackage): string | undefined {
  const hash = createHash('sha256').update(`${build}\0${cwd}\0${entry}\0`);
  const update = (label: string, bytes: Uint8Array | string) => hash.update(`${label}\0${bytes.length}\0`).update(bytes);
  try {
    for (const file of inputs.files) update(file, readFileSync(path.resolve(cwd, file)));
    const folders = [...new Set(inputs.files.map((file) => path.dirname(path.resolve(cwd, file))))].sort();
    for (const folder of folders) update(folder, readdirSync(folder).sort().join('\0'));
    for (const folder of withAncestors([cwd, ...folders])) {
      for (const name of CONFIG_FILES) update(path.join(folder, name), existsSync(path.join(folder, name)) ? readFileSync(path.join(folder, name)) : '');
    }
  } catch {
    return undefined;
  }
  for (const name of inputs.packages) update(name, resolvePackage(name));
  return hash.digest('hex');
}

/** The folders and every folder above them, each once: esbuild looks for a tsconfig.json all the way up (a monorepo's root one too). */
function withAncestors(folders: readonly string[]): string[] {
  const all = new Set<string>();
  for (let folder of folders) {
    while (!all.has(folder)) {
      all.add(folder);
      const parent = path.dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
  }
  return [...all].sort();
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
