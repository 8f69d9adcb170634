// The table of every check in docs/checks/README.md, generated from the check registry:
// `npm run docs:checks` rewrites it, and a test fails when the committed table drifts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKS } from '../src/checks/registry.ts';

export const CHECK_INDEX = path.join(path.dirname(fileURLToPath(import.meta.url)), '../docs/checks/README.md');

const HEADER = '| check | what it catches | default severity |\n|---|---|---|\n';

export function checkIndexTable(): string {
  return HEADER + CHECKS.map((check) => `| [\`${check.id}\`](${check.id}.md) | ${check.summary} | ${check.defaultSeverity} |\n`).join('');
}

/** The page with its table replaced by the generated one. */
export function withGeneratedTable(page: string): string {
  const start = page.indexOf(HEADER);
  if (start < 0) throw new Error('docs/checks/README.md has no checks table');
  let end = start + HEADER.length;
  while (page.startsWith('| [`', end)) end = page.indexOf('\n', end) + 1;
  return page.slice(0, start) + checkIndexTable() + page.slice(end);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(CHECK_INDEX, withGeneratedTable(readFileSync(CHECK_INDEX, 'utf8')));
  console.log(`wrote ${path.relative(process.cwd(), CHECK_INDEX)}`);
}
