/** monc's own package: its npm name (monc is taken on the registry) and version, from its package.json. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The npm package. The command stays `monc`, and definitions still `import … from 'monc'`. */
export const PACKAGE_NAME = 'monc-compiler';

/** The package.json at monc's root: two levels above src/cli/, one above dist/. */
export function moncVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, '../../package.json'), path.join(here, '../package.json')]) {
    if (!existsSync(candidate)) continue;
    const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
    if (manifest.name === PACKAGE_NAME && typeof manifest.version === 'string') return manifest.version;
  }
  throw new Error('monc is installed without its package.json');
}
