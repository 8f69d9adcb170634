/** Where the project's monc.config.yaml is: named with --config, or the nearest at or above the working directory. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../io/sources.ts';
import { UsageError } from './io.ts';

const CONFIG_NAMES = [CONFIG_FILE, 'monc.config.yml'];

/** The config's absolute path, or undefined when none is named and none is found. */
export function findConfigFile(cwd: string, named: string | undefined): string | undefined {
  if (named === undefined) return discoverConfig(cwd);
  const file = path.resolve(cwd, named);
  if (!isFile(file)) throw new UsageError(`--config ${named}: no such file`);
  return file;
}

function discoverConfig(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const found = CONFIG_NAMES.map((name) => path.join(current, name)).find(isFile);
    if (found) return found;
    if (path.dirname(current) === current) return undefined;
  }
}

export function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}
