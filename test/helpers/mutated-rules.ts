/** Mutation tests of generated rules: a copy of an out/prometheus folder with one rule file edited. */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/** Copies `from` (an out/prometheus folder) to `to`, applies `edit` to rules/`ruleFile` (it must change it), and returns the copy's test files. */
export function mutatedCopy(from: string, to: string, ruleFile: string, edit: (rules: string) => string): string[] {
  cpSync(from, to, { recursive: true });
  const rules = path.join(to, 'rules', ruleFile);
  const before = readFileSync(rules, 'utf8');
  const after = edit(before);
  expect(after, `the edit of ${ruleFile} applies`).not.toBe(before);
  writeFileSync(rules, after);
  return readdirSync(path.join(to, 'tests')).map((f) => path.join(to, 'tests', f));
}
