/** Reading definitions and the config from disk. */
import { existsSync, type Dirent } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { SourceInput } from '../compile.ts';

export const CONFIG_FILE = 'monc.config.yaml';
/** The files monc reads as definitions (but `.d.ts`). */
export const DEFINITION_FILE = /\.(ya?ml|ts)$/;

/** Every definitions file below `dir` (or those `which` picks by name), sorted; paths relative to `cwd`, posix style. */
export async function readDefinitions(cwd: string, dir: string, which: (file: string) => boolean = () => true): Promise<SourceInput[]> {
  const files = (await discover(path.resolve(cwd, dir))).filter(which);
  return Promise.all(
    files.sort().map(async (file) => ({ path: toPosix(path.relative(cwd, file)), bytes: await readFile(file) })),
  );
}

export async function readConfig(cwd: string): Promise<SourceInput | undefined> {
  const file = path.join(cwd, CONFIG_FILE);
  return existsSync(file) ? { path: CONFIG_FILE, bytes: await readFile(file) } : undefined;
}

async function discover(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nested = await Promise.all(
    entries.map(async (entry) => {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') return [];
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return discover(full);
      return entry.isFile() && DEFINITION_FILE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
    }),
  );
  return nested.flat();
}

export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

