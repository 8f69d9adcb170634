/** rulefmt/recording-rule-field: a recording rule sets none of for, keep_firing_for and annotations, which only alerts have. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/recording-rule-field';
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
  { name: 'A recording rule with labels only passes.', files: { [F]: group(record('        labels: { env: prod }\n')) }, expected: () => [] },
  {
    name: 'for: 0s and empty annotations on a recording rule pass, as in promtool.',
    files: { [F]: group(record('        for: 0s\n        annotations: {}\n')) },
    expected: () => [],
  },
  {
    name: 'for, keep_firing_for and annotations on an alerting rule pass.',
    files: { [F]: group(alert('        for: 5m\n        keep_firing_for: 5m\n        annotations: { summary: Down. }\n')) },
    expected: () => [],
  },
  { name: 'for on a recording rule is flagged at the key.', files: { [F]: group(record('        for: 5m\n')) }, expected: (f) => [inFile(f, 'for:')] },
  { name: 'keep_firing_for on a recording rule is flagged at the key.', files: { [F]: group(record('        keep_firing_for: 5m\n')) }, expected: (f) => [inFile(f, 'keep_firing_for')] },
  { name: 'Annotations on a recording rule are flagged at the key.', files: { [F]: group(record('        annotations: { summary: x }\n')) }, expected: (f) => [inFile(f, 'annotations')] },
  {
    name: 'All three on one recording rule are each flagged at their key.',
    files: { [F]: group(record('        annotations: { summary: x }\n        for: 1m\n        keep_firing_for: 10m\n')) },
    expected: (f) => [inFile(f, 'annotations'), inFile(f, 'for:'), inFile(f, 'keep_firing_for')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('names the recording rule and the field that only alerts have', async () => {
    const diagnostics = await lint({ [F]: group(record('        annotations: { summary: x }\n        for: 1m\n        keep_firing_for: 10m\n')) }, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'recording rule "job:up:sum" has annotations; only alerting rules have them',
      'recording rule "job:up:sum" has "for"; only alerting rules wait before firing',
      'recording rule "job:up:sum" has "keep_firing_for"; only alerting rules have it',
    ]);
  });
});
