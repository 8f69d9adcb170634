/** rulefmt/missing-expr: every rule has a non-empty expr. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/missing-expr';
const F = 'rules.yml';

/** A file with one group "g" holding `rules` (each already indented as a list item). */
const group = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;

type Files = Readonly<Record<string, string>>;

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
}

/** Where `needle` (its nth occurrence) is in the rule file. */
const inFile = (files: Files, needle: string, nth = 1) => at(ID, F, files[F] ?? '', needle, nth);

const CASES: readonly Case[] = [
  { name: 'An alert with an expression passes.', files: { [F]: group('      - alert: A\n        expr: up == 0\n') }, expected: () => [] },
  {
    name: 'A recording rule whose expression is a block scalar over several lines passes.',
    files: { [F]: group('      - record: job:up:sum\n        expr: |\n          sum by (job) (\n            up\n          )\n') },
    expected: () => [],
  },
  { name: 'A rule without expr is flagged at the rule.', files: { [F]: group('      - alert: A\n        for: 5m\n') }, expected: (f) => [inFile(f, 'alert: A')] },
  { name: 'An empty expr is flagged at the value.', files: { [F]: group('      - alert: A\n        expr: ""\n') }, expected: (f) => [inFile(f, '""')] },
  // `expr:` ends line 5, so its empty value is at column 14.
  { name: 'An expr key without a value is flagged right after the key.', files: { [F]: group('      - alert: A\n        expr:\n') }, expected: () => [`${ID}@${F}:5:14`] },
  {
    name: 'A misspelt expr leaves the rule without one, flagged at the rule.',
    files: { [F]: group('      - record: job:up:sum\n        expresion: sum by (job) (up)\n') },
    expected: (f) => [inFile(f, 'record')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('leaves an expr that is a list or a mapping to rulefmt/structure: one mistake, one finding', async () => {
    const diagnostics = await lint({ [F]: group('      - alert: A\n        expr: [up]\n      - alert: B\n        expr: { a: 1 }\n') }, { family: 'rule-files' });
    expect(diagnostics.map(where)).toEqual([`rulefmt/structure@${F}:5:15`, `rulefmt/structure@${F}:7:15`]);
  });

  it('says that every rule needs an expression', async () => {
    const diagnostics = await lint({ [F]: group('      - alert: A\n        for: 5m\n') }, { family: 'rule-files' });
    expect(diagnostics.map((d) => `${d.check}: ${d.message}`)).toEqual([`${ID}: the rule has no "expr"; every rule needs a PromQL expression`]);
  });
});
