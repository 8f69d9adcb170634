/** rulefmt/group-name: every rule group has a non-empty name. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/group-name';
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
  { name: 'A named group passes.', files: { [F]: 'groups:\n  - name: api\n    rules: []\n' }, expected: () => [] },
  { name: 'A group name with spaces and dots passes, as any non-empty name does.', files: { [F]: 'groups:\n  - name: api.rules v2\n    rules: []\n' }, expected: () => [] },
  {
    name: 'A named group inside a PrometheusRule spec passes.',
    files: { [F]: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - name: api\n      rules: []\n' },
    expected: () => [],
  },
  { name: 'A group without a name is flagged at the group.', files: { [F]: 'groups:\n  - rules: []\n' }, expected: (f) => [inFile(f, 'rules: []')] },
  { name: 'An empty group name is flagged at the value.', files: { [F]: 'groups:\n  - name: ""\n    rules: []\n' }, expected: (f) => [inFile(f, '""')] },
  { name: 'A null group name (~) is flagged at the value.', files: { [F]: 'groups:\n  - name: ~\n    rules: []\n' }, expected: (f) => [inFile(f, '~')] },
  {
    name: 'Only the group without a name is flagged when others have one.',
    files: { [F]: 'groups:\n  - name: a\n    rules: []\n  - interval: 1m\n    rules: []\n' },
    expected: (f) => [inFile(f, 'interval')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('says that every group needs a name', async () => {
    const diagnostics = await lint({ [F]: 'groups:\n  - rules: []\n' }, { family: 'rule-files' });
    expect(diagnostics.map((d) => `${d.check}: ${d.message}`)).toEqual([`${ID}: the rule group has no name; every group needs a unique "name"`]);
  });
});
