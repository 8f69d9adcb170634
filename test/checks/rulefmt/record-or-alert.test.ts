/** rulefmt/record-or-alert: every rule sets exactly one of record and alert. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { compileFiles, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/record-or-alert';
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
  { name: 'An alerting rule passes.', files: { [F]: group('      - alert: A\n        expr: up == 0\n') }, expected: () => [] },
  { name: 'A recording rule passes.', files: { [F]: group('      - record: job:up:sum\n        expr: sum by (job) (up)\n') }, expected: () => [] },
  {
    name: 'An empty alert next to a record is a recording rule and passes, as in promtool.',
    files: { [F]: group('      - record: job:up:sum\n        alert: ""\n        expr: sum by (job) (up)\n') },
    expected: () => [],
  },
  {
    name: 'An empty alert without record is left to rulefmt/alert-name.',
    files: { [F]: group('      - alert: ""\n        expr: up\n') },
    expected: () => [],
  },
  { name: 'A rule with both record and alert is flagged at record.', files: { [F]: group('      - record: a:b:c\n        alert: A\n        expr: up\n') }, expected: (f) => [inFile(f, 'record')] },
  { name: 'A rule with neither is flagged at the rule.', files: { [F]: group('      - expr: up\n') }, expected: (f) => [inFile(f, 'expr: up')] },
  { name: 'A rule whose alert is null is flagged at its alert key.', files: { [F]: group('      - alert:\n        expr: up\n') }, expected: (f) => [inFile(f, 'alert')] },
  {
    name: 'A rule whose record and alert are both empty is flagged at record.',
    files: { [F]: group('      - record: ""\n        alert: ""\n        expr: up\n') },
    expected: (f) => [inFile(f, 'record')],
  },
  {
    name: 'Only the broken rule of a group is flagged.',
    files: { [F]: group('      - alert: A\n        expr: up == 0\n      - expr: up\n        for: 5m\n') },
    expected: (f) => [inFile(f, 'expr: up\n')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('says which kind of rule it must be, and points at alert when both are set', async () => {
    const both = await compileFiles({ [F]: group('      - record: a:b:c\n        alert: A\n        expr: up\n') }, { family: 'rule-files' });
    expect(both.diagnostics.filter((d) => d.check === ID).map((d) => [d.message, d.related])).toEqual([
      ['a rule sets both "record" and "alert"; a rule is either a recording rule or an alerting rule', [{ file: F, line: 5, column: 9, message: '"alert" is set here' }]],
    ]);
    const neither = await lint({ [F]: group('      - expr: up\n') }, { family: 'rule-files' });
    expect(neither.filter((d) => d.check === ID).map((d) => d.message)).toEqual(['a rule needs either "record" (a recording rule) or "alert" (an alerting rule)']);
  });
});
