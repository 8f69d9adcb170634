import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKS, findCheck } from '../checks/registry.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';

/** `monc explain CHECK-ID`: the check's docs page. */
export async function explainCommand(io: CliIo, id: string | undefined): Promise<number> {
  const check = id === undefined ? undefined : findCheck(id);
  if (!check) {
    throw new UsageError(`${id === undefined ? 'explain needs a check id' : `unknown check "${id}"`}; checks: ${CHECKS.map((c) => c.id).join(', ')}`);
  }
  const page = docsPage(check.id);
  io.stdout.write(page ? await readFile(page, 'utf8') : `${check.id}: ${check.summary}\n`);
  return EXIT.ok;
}

/** docs/ sits at the package root: two levels above src/cli/, one above dist/. */
function docsPage(id: string): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [path.join(here, '../../docs/checks', `${id}.md`), path.join(here, '../docs/checks', `${id}.md`)].find((file) => existsSync(file));
}
