/** rulefmt/annotation-name: an alert's annotation names are valid Prometheus label names. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/annotation-name';
const F = 'rules.yml';

/** A file with one group "g" holding `rules` (each already indented as a list item). */
const group = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;
const alert = (extra = '', expr = 'up == 0') => `      - alert: InstanceDown\n        expr: ${expr}\n${extra}`;

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
  { name: 'runbook_url passes.', files: { [F]: group(alert('        annotations:\n          runbook_url: https://r.example\n')) }, expected: () => [] },
  { name: 'summary, description and a custom annotation pass.', files: { [F]: group(alert('        annotations: { summary: Down., description: Really., dashboard_2: x }\n')) }, expected: () => [] },
  { name: 'An annotation name with a dot is flagged at the key.', files: { [F]: group(alert('        annotations:\n          runbook.url: https://r.example\n')) }, expected: (f) => [inFile(f, 'runbook.url')] },
  { name: 'With prometheus.version 3, whose names are UTF-8, an annotation name with a dot passes.', files: { [F]: group(alert('        annotations:\n          runbook.url: https://r.example\n')), 'monc.config.yaml': 'prometheus:\n  version: 3\n' }, expected: () => [] },
  { name: 'An annotation name with a dash is flagged at the key.', files: { [F]: group(alert('        annotations:\n          summary: Down.\n          runbook-url: https://r.example\n')) }, expected: (f) => [inFile(f, 'runbook-url')] },
  { name: 'An annotation name starting with a digit is flagged at the key.', files: { [F]: group(alert('        annotations: { 2nd_summary: x }\n')) }, expected: (f) => [inFile(f, '2nd_summary')] },
  { name: 'An annotation name with a space is flagged at the key.', files: { [F]: group(alert('        annotations:\n          "run book": x\n')) }, expected: (f) => [inFile(f, '"run book"')] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('says what an annotation name may hold', async () => {
    const diagnostics = await lint({ [F]: group(alert('        annotations:\n          runbook-url: https://r.example\n')) }, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      '"runbook-url" is not a valid annotation name: annotation names are letters, digits and "_", not starting with a digit',
    ]);
  });
});
