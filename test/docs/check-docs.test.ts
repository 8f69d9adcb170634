/**
 * Every registered check has a docs page, every page belongs to a check, the index lists
 * them all, and `monc explain` prints the page.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withGeneratedTable } from '../../scripts/check-index.ts';
import { CHECKS } from '../../src/checks/registry.ts';
import { REPO_ROOT, runCli } from '../helpers/project.ts';

const CHECKS_DIR = path.join(REPO_ROOT, 'docs/checks');
const pageOf = (id: string) => path.join(CHECKS_DIR, `${id}.md`);
const read = (file: string) => readFileSync(file, 'utf8');

const checks = CHECKS.map((check) => ({ id: check.id, summary: check.summary, severity: check.defaultSeverity }));
const ids = checks.map((check) => check.id);
/** Rows of [id, default severity, summary], for test names that read `%s` in that order. */
const rows = checks.map((check) => [check.id, check.severity, check.summary] as const);

/** `group/name` for every `docs/checks/<group>/<name>.md`. */
function documentedIds(): string[] {
  return readdirSync(CHECKS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((group) =>
      readdirSync(path.join(CHECKS_DIR, group.name))
        .filter((file) => file.endsWith('.md'))
        .map((file) => `${group.name}/${file.slice(0, -'.md'.length)}`),
    )
    .sort();
}

describe('every registered check has its own docs page', () => {
  it.each(ids)('the page for %s exists and its first line is the check id as a title', (id) => {
    expect(existsSync(pageOf(id)), `missing docs/checks/${id}.md`).toBe(true);
    expect(read(pageOf(id)).split('\n')[0]).toBe(`# ${id}`);
  });

  it.each(rows)('the page for %s states its default severity, %s', (id, severity) => {
    expect(read(pageOf(id))).toContain(`**Default severity:** ${severity}`);
  });
});

describe('the docs hold no page for a check that does not exist', () => {
  it('every page under docs/checks/<group>/ is named after a registered check', () => {
    const registered = new Set(ids);
    expect(documentedIds().filter((id) => !registered.has(id))).toEqual([]);
  });
});

describe('the checks index lists every check', () => {
  const index = read(path.join(CHECKS_DIR, 'README.md'));
  const rowOf = (id: string) => index.split('\n').find((line) => line.startsWith(`| [\`${id}\`]`));

  it.each(ids)('the index has a row for %s that links to its page', (id) => {
    expect(rowOf(id), `no row for ${id} in docs/checks/README.md`).toBeDefined();
    expect(rowOf(id)).toContain(`](${id}.md)`);
  });

  it.each(rows)('the index row for %s shows the registered summary and the default severity, %s', (id, severity, summary) => {
    const cells = (rowOf(id) ?? '').split('|').map((cell) => cell.trim());
    expect(cells.slice(2, 4)).toEqual([summary, severity]);
  });

  it('is the table npm run docs:checks generates from the registry', () => {
    expect(index).toBe(withGeneratedTable(index));
  });
});

describe('monc explain prints a check\'s page', () => {
  it.each(ids)('monc explain %s prints the check\'s page verbatim and exits 0', async (id) => {
    const result = await runCli(REPO_ROOT, ['explain', id]);
    expect(result.stdout).toBe(read(pageOf(id)));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('monc explain with an unknown id exits 2 and lists every known check id on stderr', async () => {
    const result = await runCli(REPO_ROOT, ['explain', 'no/such-check']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unknown check "no/such-check"');
    expect(result.stderr).toContain(`checks: ${ids.join(', ')}`);
  });
});
