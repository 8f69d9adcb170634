/**
 * Runs before the rest of monc is loaded, for a build or a lint of definitions: when it will
 * type-check TS definitions that are not in the cache, the worker starts loading TypeScript now.
 */
import { readDefinitions } from '../io/sources.ts';
import { apiEntry } from '../io/ts-definitions.ts';
import { typeCheckRequest, warmUpTypeCheck } from '../io/typecheck-runner.ts';

export async function warmUp(argv: readonly string[], cwd: string): Promise<void> {
  const flag = argv.indexOf('--definitions');
  // A folder named only in monc.config.yaml is missed here; the check then starts a little later.
  const dir = (flag >= 0 ? argv[flag + 1] : undefined) ?? 'definitions';
  try {
    // The build reads these files again after loading; small files, and the price of starting early.
    // Only the TS files: a project of a thousand YAML files would read each twice.
    const tsSources = await readDefinitions(cwd, dir, (file) => file.endsWith('.ts'));
    if (tsSources.length > 0) warmUpTypeCheck(typeCheckRequest(cwd, apiEntry(), tsSources));
  } catch {
    // Only a head start: the run itself reads the definitions and says what is wrong with them.
  }
}
