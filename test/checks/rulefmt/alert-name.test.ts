/** rulefmt/alert-name: an alerting rule's name is not empty. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/alert-name';
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
  { name: 'A CamelCase alert name passes.', files: { [F]: group('      - alert: InstanceDown\n        expr: up == 0\n') }, expected: () => [] },
  { name: 'An alert name with spaces is a valid label value and passes.', files: { [F]: group('      - alert: Instance is down\n        expr: up == 0\n') }, expected: () => [] },
  { name: 'An alert name with accented letters passes.', files: { [F]: group('      - alert: Instance arrêtée\n        expr: up == 0\n') }, expected: () => [] },
  { name: 'An empty alert name is flagged at the value.', files: { [F]: group('      - alert: ""\n        expr: up\n') }, expected: (f) => [inFile(f, '""')] },
  { name: "An empty single-quoted alert name is flagged at the value.", files: { [F]: group("      - alert: ''\n        expr: up\n        for: 5m\n") }, expected: (f) => [inFile(f, "''")] },
  {
    name: 'Each empty alert name of a group is flagged.',
    files: { [F]: group('      - alert: ""\n        expr: up\n      - alert: B\n        expr: up\n      - alert: ""\n        expr: vector(1)\n') },
    expected: (f) => [inFile(f, '""'), inFile(f, '""', 2)],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('says that the name becomes the alertname label', async () => {
    const diagnostics = await lint({ [F]: group('      - alert: ""\n        expr: up\n') }, { family: 'rule-files' });
    expect(diagnostics.map((d) => `${d.check}: ${d.message}`)).toEqual([`${ID}: the alert name is empty; "alert" needs a name, which becomes the alertname label`]);
  });
});
