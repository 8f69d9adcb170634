/** rulefmt/duplicate-rule: no two rules of one file have the same name and labels (a warning, like promtool's duplicate-rules lint). */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { compileFiles, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/duplicate-rule';
const F = 'rules.yml';

/** A file with one group "g" holding `rules` (each already indented as a list item). */
const group = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;
const alert = (extra = '', expr = 'up == 0') => `      - alert: InstanceDown\n        expr: ${expr}\n${extra}`;
const record = (extra = '', name = 'job:up:sum') => `      - record: ${name}\n        expr: sum by (job) (up)\n${extra}`;

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
  {
    name: 'Rules merged from one anchor (<<: *base) that repeat it are flagged each at its own alias.',
    files: { [F]: group('      - &base\n        alert: A\n        expr: up == 0\n      - <<: *base\n        expr: up == 1\n      - <<: *base\n        expr: up == 2\n') },
    expected: (f) => [inFile(f, '*base'), inFile(f, '*base', 2)],
  },
  {
    name: 'A rule merged from an anchor with a label of its own passes.',
    files: { [F]: group('      - &base\n        alert: A\n        expr: up == 0\n      - <<: *base\n        labels: { env: b }\n') },
    expected: () => [],
  },
  { name: 'The same name with other labels passes.', files: { [F]: group(`${record('        labels: { env: a }\n')}${record('        labels: { env: b }\n')}`) }, expected: () => [] },
  { name: 'Two alerts with different names pass.', files: { [F]: group(`${alert()}      - alert: InstanceFlapping\n        expr: changes(up[10m]) > 3\n`) }, expected: () => [] },
  { name: 'The same recording rule in two files passes: files are not compared.', files: { 'a.yml': group(record()), 'b.yml': group(record()) }, expected: () => [] },
  {
    name: 'The same record and labels twice in one file is flagged at the second, across groups.',
    files: { [F]: `groups:\n  - name: a\n    rules:\n${record()}  - name: b\n    rules:\n${record()}` },
    expected: (f) => [inFile(f, 'job:up:sum', 2)],
  },
  { name: 'The same record twice in one group is flagged at the second.', files: { [F]: group(`${record()}${record()}`) }, expected: (f) => [inFile(f, 'job:up:sum', 2)] },
  {
    name: 'Two alerts with one name and the same labels in another order are flagged, whatever their expressions.',
    files: { [F]: group(`${alert('        labels: { severity: page, team: sre }\n')}${alert('        labels: { team: sre, severity: page }\n', 'up{job="api"} == 0')}`) },
    expected: (f) => [inFile(f, 'InstanceDown', 2)],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('is a warning that names the rule and points at the first one', async () => {
    const { diagnostics } = await compileFiles({ [F]: group(`${record()}${record()}`) }, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => [d.severity, d.message, d.related])).toEqual([
      [
        'warning',
        'rule "job:up:sum" repeats a rule with the same name and labels in this file; Prometheus would record or alert the same series twice',
        [{ file: F, line: 4, column: 17, message: 'first defined here' }],
      ],
    ]);
  });
});
