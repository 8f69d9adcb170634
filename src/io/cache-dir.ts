/** Where monc keeps its caches (type checks, lint results). */
import { existsSync } from 'node:fs';
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
