/** rulefmt/unknown-field: every field of a rule file, group and rule is one the Prometheus rule format knows. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/unknown-field';
const F = 'rules.yml';

/** A file with one group "g" holding `rules` (each already indented as a list item). */
const group = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;
const alert = (extra = '', expr = 'up == 0') => `      - alert: InstanceDown\n        expr: ${expr}\n${extra}`;
/** A PrometheusRule object whose spec.groups is `groups` (indented as items of spec.groups). */
const prometheusRule = (groups: string, top = 'metadata:\n  name: x\n  labels: { prometheus: k8s }\n') =>
  `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n${top}spec:\n  groups:\n${groups}`;

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
    name: 'A rule with every field of the rule format passes.',
    files: { [F]: group(alert('        for: 5m\n        keep_firing_for: 1m\n        labels: { severity: critical }\n        annotations: { summary: Down. }\n')) },
    expected: () => [],
  },
  { name: 'A group with limit and interval passes.', files: { [F]: 'groups:\n  - name: g\n    interval: 1m\n    limit: 10\n    rules: []\n' }, expected: () => [] },
  {
    name: 'A valid PrometheusRule object with a Thanos group field passes.',
    files: { [F]: prometheusRule('    - name: g\n      partial_response_strategy: warn\n      rules:\n        - alert: A\n          expr: up == 0\n') },
    expected: () => [],
  },
  {
    name: 'A PrometheusRule group may have query_offset and labels, which the resource defines.',
    files: { [F]: prometheusRule('    - name: g\n      query_offset: 1m\n      labels: { team: sre }\n      rules: []\n') },
    expected: () => [],
  },
  { name: 'A field outside the rule format is flagged at its key.', files: { [F]: group(alert('        severity: critical\n')) }, expected: (f) => [inFile(f, 'severity')] },
  {
    name: 'A misspelt expr is flagged at its key.',
    files: { [F]: group('      - alert: A\n        expresion: up == 0\n') },
    expected: (f) => [inFile(f, 'expresion')],
  },
  { name: 'An unknown group field is flagged at its key.', files: { [F]: 'groups:\n  - name: g\n    labels: { team: sre }\n    rules: []\n' }, expected: (f) => [inFile(f, 'labels')] },
  {
    name: 'query_offset in a plain rule file is flagged, as Prometheus 2.42 does not know it.',
    files: { [F]: 'groups:\n  - name: g\n    query_offset: 1m\n    rules: []\n' },
    expected: (f) => [inFile(f, 'query_offset')],
  },
  { name: 'An unknown top-level field is flagged.', files: { [F]: 'groups: []\nrules: []\n' }, expected: (f) => [inFile(f, 'rules')] },
  {
    name: 'A misspelt field of a PrometheusRule object is flagged at its key.',
    files: { [F]: prometheusRule('    - name: g\n      rules: []\n', 'metdata: { name: x }\n') },
    expected: (f) => [inFile(f, 'metdata')],
  },
  {
    name: 'An unknown field of a rule inside a PrometheusRule spec is flagged at its key.',
    files: { [F]: prometheusRule('    - name: g\n      rules:\n        - alert: A\n          expr: up == 0\n          severity: critical\n') },
    expected: (f) => [inFile(f, 'severity')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('names the field and the fields there are', async () => {
    const diagnostics = await lint({ [F]: `groups:\n  - name: g\n    labels: {}\n    rules:\n${alert('        severity: critical\n')}` }, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'unknown field "labels" in a rule group; the fields are name, interval, limit, rules',
      'unknown field "severity" in a rule; the fields are record, alert, expr, for, keep_firing_for, labels, annotations',
    ]);
  });
});
