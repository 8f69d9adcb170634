/** load/no-definitions: the definitions folder holds at least one definitions file. */
import { describe, expect, it } from 'vitest';
import { CONFIG, lint, type LintOptions } from '../../helpers/lint.ts';
import { where, type Files } from '../../helpers/project.ts';

const ID = 'load/no-definitions';

interface Case {
  readonly name: string;
  readonly files: Files;
  readonly options?: LintOptions;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'One YAML definitions file is enough.', files: { 'definitions/app.yaml': 'kind: Service\nname: app\nteam: core\n' }, expected: [] },
  { name: 'A definitions file that does not load still counts as one.', files: { 'definitions/app.yaml': 'kind: [\n' }, expected: [] },
  { name: 'Linting rule files needs no definitions folder.', files: { 'r/rules.yml': 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n' }, options: { family: 'rule-files' }, expected: [] },
  { name: 'An empty definitions folder is reported at the folder.', files: {}, expected: [`${ID}@definitions:1:1`] },
  { name: 'A config without definitions is still reported at the folder.', files: { [CONFIG]: 'prometheus:\n  version: 3\n' }, expected: [`${ID}@definitions:1:1`] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, options, expected }) => {
    const diagnostics = await lint(files, options);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected);
  });

  it('says which folder is empty and what to add', async () => {
    const diagnostics = await lint({});
    expect(diagnostics.map((d) => `${d.check}: ${d.message}`)).toEqual([`${ID}: no definitions found in definitions/: add a *.ts or *.yaml file`]);
  });
});
