/** rulefmt/later-document: Prometheus loads only the first YAML document of a rule file. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { compileFiles, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/later-document';
const F = 'rules.yml';

type Files = Readonly<Record<string, string>>;

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
}

const inFile = (files: Files, needle: string, nth = 1) => at(ID, F, files[F] ?? '', needle, nth);
const GROUPS = (name: string) => `groups:\n  - name: ${name}\n    rules:\n      - record: job:${name}:sum\n        expr: sum by (job) (up)\n`;
const RULE = (name: string) => `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: ${name}\nspec:\n${GROUPS(name).replace(/^/gm, '  ')}`;

const CASES: readonly Case[] = [
  { name: 'A file of one document passes.', files: { [F]: GROUPS('a') }, expected: () => [] },
  { name: 'A document marker before the only document passes.', files: { [F]: `---\n${GROUPS('a')}` }, expected: () => [] },
  { name: 'An empty document after the groups passes.', files: { [F]: `${GROUPS('a')}---\n` }, expected: () => [] },
  { name: 'Groups in a second document are flagged at its groups key.', files: { [F]: `${GROUPS('a')}---\n${GROUPS('b')}` }, expected: (f) => [inFile(f, 'groups:', 2)] },
  { name: 'Each later document with groups is flagged.', files: { [F]: `${GROUPS('a')}---\n${GROUPS('b')}---\n${GROUPS('c')}` }, expected: (f) => [inFile(f, 'groups:', 2), inFile(f, 'groups:', 3)] },
  { name: 'Groups after an empty first document are flagged: Prometheus reads the empty one.', files: { [F]: `---\n---\n${GROUPS('a')}` }, expected: (f) => [inFile(f, 'groups:')] },
  { name: 'A stream of PrometheusRule objects passes: kubectl applies every document.', files: { [F]: `${RULE('a')}---\n${RULE('b')}` }, expected: () => [] },
  { name: 'A stream of mimirtool namespaces passes: mimirtool reads every document.', files: { [F]: `namespace: a\n${GROUPS('a')}---\nnamespace: b\n${GROUPS('b')}` }, expected: () => [] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('says that Prometheus never loads the groups, and the later document is still linted', async () => {
    const { diagnostics } = await compileFiles({ [F]: `${GROUPS('a')}---\ngroups:\n  - name: b\n    rules:\n      - alert: B\n        expr: up == (\n` }, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'Prometheus loads only the first YAML document of a rule file: the groups of this one are never loaded (and promtool does not check them); move them into the first document or a file of their own'],
    ]);
    expect(diagnostics.some((d) => d.check === 'promql/syntax')).toBe(true);
  });
});
