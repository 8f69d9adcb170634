/** Mutation tests of generated rules: a copy of an out/prometheus folder with one rule file edited. */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { isMap, isSeq, parseDocument } from 'yaml';

/**
 * Copies `from` (an out/prometheus folder) to `to`, applies `edit` to rules/`ruleFile` (it must
 * change it), and returns the copy's test files. With `catching`, the copy keeps only the tests
 * whose name contains it (at least one): the scenario that should catch the mutant, without
 * the promtool time of the others.
 */
export function mutatedCopy(from: string, to: string, ruleFile: string, edit: (rules: string) => string, catching?: string): string[] {
  cpSync(from, to, { recursive: true });
  const rules = path.join(to, 'rules', ruleFile);
  const before = readFileSync(rules, 'utf8');
  const after = edit(before);
  expect(after, `the edit of ${ruleFile} applies`).not.toBe(before);
  writeFileSync(rules, after);
  const files = readdirSync(path.join(to, 'tests')).map((f) => path.join(to, 'tests', f));
  if (catching === undefined) return files;
  const kept = files.filter((file) => {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const tests = doc.get('tests');
    if (!isSeq(tests)) return false;
    tests.items = tests.items.filter((t) => isMap(t) && String(t.get('name')).includes(catching));
    writeFileSync(file, doc.toString());
    return tests.items.length > 0;
  });
  expect(kept.length, `a test named with "${catching}"`).toBeGreaterThan(0);
  return kept;
}
