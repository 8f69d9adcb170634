/** rulefmt/label-name: a rule's label names are valid Prometheus label names, and not __name__. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/label-name';
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
  { name: 'Labels with letters, digits and underscores pass.', files: { [F]: group(alert('        labels: { severity: critical, team_2: sre, _internal: x }\n')) }, expected: () => [] },
  { name: 'Labels on a recording rule pass.', files: { [F]: group(record('        labels: { env: prod }\n')) }, expected: () => [] },
  { name: 'Annotation names are not label names: a dash there is another check.', files: { [F]: group(alert('        annotations: { runbook-url: x }\n')) }, expected: () => [] },
  { name: 'A label name with a dash is flagged at the key.', files: { [F]: group(alert('        labels:\n          bad-label: x\n')) }, expected: (f) => [inFile(f, 'bad-label')] },
  { name: '__name__ as a label is flagged.', files: { [F]: group(record('        labels: { __name__: x }\n')) }, expected: (f) => [inFile(f, '__name__')] },
  { name: 'A label name starting with a digit is flagged.', files: { [F]: group(alert('        labels: { 1team: x }\n')) }, expected: (f) => [inFile(f, '1team')] },
  {
    name: 'A Kubernetes-style label name with dots and a slash is flagged at the key.',
    files: { [F]: group(alert('        labels:\n          severity: critical\n          app.kubernetes.io/name: api\n')) },
    expected: (f) => [inFile(f, 'app.kubernetes.io/name')],
  },
  {
    name: 'With prometheus.version 3, whose names are UTF-8, dots and slashes pass; an empty name and __name__ are still flagged.',
    files: { [F]: group(alert('        labels:\n          app.kubernetes.io/name: api\n          "": x\n          __name__: y\n')), 'monc.config.yaml': 'prometheus:\n  version: 3\n' },
    expected: (f) => [inFile(f, '""'), inFile(f, '__name__')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('says what a label name may hold, and why __name__ is not one', async () => {
    const diagnostics = await lint({ [F]: group(alert('        labels: { team-name: x, __name__: y }\n')) }, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      '"team-name" is not a valid label name: label names are letters, digits and "_", not starting with a digit',
      '"__name__" is not a valid label name: the metric name cannot be set as a label',
    ]);
  });
});
