/** rulefmt/duplicate-group: the rule groups of one file have distinct names. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { compileFiles, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/duplicate-group';
const F = 'rules.yml';

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
  { name: 'Groups with different names pass.', files: { [F]: 'groups:\n  - name: g\n  - name: h\n' }, expected: () => [] },
  { name: 'Names that differ only in case are different names and pass.', files: { [F]: 'groups:\n  - name: api\n  - name: API\n' }, expected: () => [] },
  {
    name: 'Groups in different files may share a name.',
    files: { 'a.yml': 'groups:\n  - name: g\n    rules: []\n', 'b.yml': 'groups:\n  - name: g\n    rules: []\n' },
    expected: () => [],
  },
  { name: 'A repeated group name is flagged at the second one.', files: { [F]: 'groups:\n  - name: g\n  - name: h\n  - name: g\n' }, expected: (f) => [inFile(f, 'g\n', 2)] },
  {
    name: 'A name used three times is flagged at the second and the third.',
    files: { [F]: 'groups:\n  - name: g\n  - name: g\n  - name: g\n' },
    expected: (f) => [inFile(f, 'g\n', 2), inFile(f, 'g\n', 3)],
  },
  {
    name: 'A repeated group name inside a PrometheusRule spec is flagged.',
    files: { [F]: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - name: api\n    - name: api\n' },
    expected: (f) => [inFile(f, 'api\n', 2)],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('names the group and points at the first one', async () => {
    const { diagnostics } = await compileFiles({ [F]: 'groups:\n  - name: g\n  - name: h\n  - name: g\n' }, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => [d.message, d.related])).toEqual([
      ['group "g" is repeated in this file; group names must be unique per file', [{ file: F, line: 2, column: 11, message: 'first defined here' }]],
    ]);
  });
});
