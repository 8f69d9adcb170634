/** rulefmt/structure: a rule file, group or rule has the shape of a Prometheus rule file (lists, mappings, strings where promtool expects them). */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/structure';
const F = 'rules.yml';

/** A file with one group "g" holding `rules` (each already indented as a list item). */
const group = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;
const alert = (extra = '', expr = 'up == 0') => `      - alert: InstanceDown\n        expr: ${expr}\n${extra}`;
const record = (extra = '', name = 'job:up:sum') => `      - record: ${name}\n        expr: sum by (job) (up)\n${extra}`;
const prometheusRule = (rest: string) => `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n${rest}`;

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
    name: 'A valid file with an alert, a recording rule, labels, templated annotations, for and keep_firing_for passes.',
    files: {
      [F]: group(
        `${alert('        for: 5m\n        keep_firing_for: 10m\n        labels: { severity: critical, team: sre }\n        annotations:\n          summary: "{{ $labels.instance }} is down"\n          description: "{{ printf \\"%.2f\\" $value }} for {{ $labels.job | toUpper }}"\n')}${record('        labels: { env: prod }\n')}`,
      ),
    },
    expected: () => [],
  },
  { name: 'An empty file passes, as in promtool.', files: { [F]: '' }, expected: () => [] },
  { name: 'A group without rules passes.', files: { [F]: 'groups:\n  - name: g\n' }, expected: () => [] },
  { name: 'A file whose groups is empty passes.', files: { [F]: 'groups:\n' }, expected: () => [] },
  {
    name: 'A PrometheusRule object with a spec holding groups passes.',
    files: { [F]: prometheusRule('metadata: { name: x }\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          expr: up == 0\n') },
    expected: () => [],
  },
  { name: 'Groups that is not a list is flagged at its value.', files: { [F]: 'groups: g\n' }, expected: (f) => [inFile(f, 'g\n')] },
  { name: 'A group that is not a mapping is flagged at the item.', files: { [F]: 'groups:\n  - g\n' }, expected: (f) => [inFile(f, 'g\n')] },
  { name: 'Rules that is not a list is flagged at its value.', files: { [F]: 'groups:\n  - name: g\n    rules: x\n' }, expected: (f) => [inFile(f, 'x')] },
  { name: 'A rule that is not a mapping is flagged at the item.', files: { [F]: group('      - up == 0\n') }, expected: (f) => [inFile(f, 'up == 0')] },
  { name: 'Labels that are a list are flagged at the list.', files: { [F]: group(alert('        labels: [a, b]\n')) }, expected: (f) => [inFile(f, '[a, b]')] },
  {
    name: 'An annotation whose value is a mapping is flagged at the value.',
    files: { [F]: group(alert('        annotations:\n          summary: { a: b }\n')) },
    expected: (f) => [inFile(f, '{ a: b }')],
  },
  { name: 'An expr that is a list is flagged at the list.', files: { [F]: group(alert('', '[up]')) }, expected: (f) => [inFile(f, '[up]')] },
  { name: 'A group limit beyond 64 bits is flagged at the value.', files: { [F]: 'groups:\n  - name: g\n    limit: 99999999999999999999999\n    rules: []\n' }, expected: (f) => [inFile(f, '9999')] },
  { name: 'A group limit in hex, with underscores, passes.', files: { [F]: 'groups:\n  - name: g\n    limit: 0x1_000\n    rules: []\n' }, expected: () => [] },
  { name: 'A group limit that is not a whole number is flagged at the value.', files: { [F]: 'groups:\n  - name: g\n    limit: 1.5\n    rules: []\n' }, expected: (f) => [inFile(f, '1.5')] },
  { name: 'A document that is a plain string is flagged.', files: { [F]: 'just text\n' }, expected: (f) => [inFile(f, 'just text')] },
  {
    name: 'A PrometheusRule without spec is flagged at its kind.',
    files: { [F]: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: x }\n' },
    expected: (f) => [inFile(f, 'PrometheusRule')],
  },
  { name: 'A PrometheusRule whose spec is not a mapping is flagged at the spec.', files: { [F]: prometheusRule('spec: x\n') }, expected: (f) => [inFile(f, 'x\n')] },
  { name: 'A Kubernetes object of another kind is flagged at its kind.', files: { [F]: 'apiVersion: v1\nkind: ConfigMap\nspec: {}\n' }, expected: (f) => [inFile(f, 'ConfigMap')] },
  {
    name: 'Other Kubernetes objects in a manifest with a PrometheusRule pass, with a spec or without: kubectl applies them, the rules are linted.',
    files: {
      [F]: `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: { name: s }\nspec: { endpoints: [] }\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { name: r }\n---\n${prometheusRule('metadata: { name: x }\nspec:\n  groups:\n    - name: g\n      rules: x\n')}`,
    },
    expected: (f) => [inFile(f, 'x\n')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('says what shape was expected and what it found', async () => {
    const messages = async (text: string) => (await lint({ [F]: text }, { family: 'rule-files' })).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages('groups: g\n')).toEqual(['"groups" must be a list of rule groups, not "g"']);
    expect(await messages(group('      - up == 0\n'))).toEqual(['a rule must be a mapping with "record" or "alert" and "expr", not "up == 0"']);
    expect(await messages(group(alert('        labels: [a, b]\n')))).toEqual(['"labels" must be a mapping of label names to strings, not a list']);
    expect(await messages('just text\n')).toEqual(['a rule file must be a mapping with "groups:", or a PrometheusRule object']);
    expect(await messages(prometheusRule('metadata: { name: x }\n'))).toEqual(['a PrometheusRule needs a "spec" mapping with "groups:"']);
  });
});
