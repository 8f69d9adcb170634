/**
 * `monc lint --rules`: every rulefmt/* check and template/syntax on valid and invalid rule
 * files, asserting the check id and the position in the rule file.
 */
import { describe, expect, it } from 'vitest';
import { makeProject, runCli, where, type JsonDiagnostic } from '../helpers/project.ts';

const F = 'rules.yml';

/**
 * The checks this file is about. Other checks that run on rule files (naming, types,
 * cardinality) have their own tests; leaving them out keeps these cases about one thing.
 */
const OURS = /^(load\/|rulefmt\/|template\/|promql\/syntax$)/;
const ours = (diagnostics: readonly JsonDiagnostic[]) => diagnostics.filter((d) => OURS.test(d.check));

async function lintRules(text: string, args: readonly string[] = []): Promise<{ code: number; diagnostics: JsonDiagnostic[] }> {
  const dir = makeProject({ [F]: text });
  const result = await runCli(dir, ['lint', '--rules', F, '--format', 'json', ...args]);
  expect(result.stderr).toBe('');
  return { code: result.code, diagnostics: ours((JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics) };
}

/** A file with one group "g" holding `rules` (each already indented as a list item). */
const group = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;
const alert = (extra = '', expr = 'up == 0') => `      - alert: InstanceDown\n        expr: ${expr}\n${extra}`;
const record = (extra = '', name = 'job:up:sum') => `      - record: ${name}\n        expr: sum by (job) (up)\n${extra}`;

interface Case {
  readonly name: string;
  readonly file: string;
  readonly expected: readonly string[];
}

const cases: Case[] = [
  {
    name: 'a valid file with an alert, a recording rule, labels, templated annotations, for and keep_firing_for passes',
    file: group(
      `${alert('        for: 5m\n        keep_firing_for: 10m\n        labels: { severity: critical, team: sre }\n        annotations:\n          summary: "{{ $labels.instance }} is down"\n          description: "{{ printf \\"%.2f\\" $value }} for {{ $labels.job | toUpper }}"\n')}${record('        labels: { env: prod }\n')}`,
    ),
    expected: [],
  },
  { name: 'an empty file passes, as in promtool', file: '', expected: [] },
  { name: 'a group without rules passes', file: 'groups:\n  - name: g\n', expected: [] },
  // load/yaml
  { name: 'load/yaml: broken YAML points at where parsing fails', file: 'groups:\n  - name: [g\n', expected: [`load/yaml@${F}:3:1`] },
  // rulefmt/structure
  { name: 'rulefmt/structure: groups that is not a list is flagged at its value', file: 'groups: g\n', expected: [`rulefmt/structure@${F}:1:9`] },
  { name: 'rulefmt/structure: a rule that is not a mapping is flagged at the item', file: group('      - up == 0\n'), expected: [`rulefmt/structure@${F}:4:9`] },
  { name: 'rulefmt/structure: labels that are a list are flagged at the list', file: group(alert('        labels: [a, b]\n')), expected: [`rulefmt/structure@${F}:6:17`] },
  { name: 'rulefmt/structure: a document that is a plain string is flagged', file: 'just text\n', expected: [`rulefmt/structure@${F}:1:1`] },
  // rulefmt/unknown-field
  { name: 'rulefmt/unknown-field: a field outside the rule format is flagged at its key', file: group(alert('        severity: critical\n')), expected: [`rulefmt/unknown-field@${F}:6:9`] },
  { name: 'rulefmt/unknown-field: an unknown group field is flagged at its key', file: 'groups:\n  - name: g\n    labels: { team: sre }\n    rules: []\n', expected: [`rulefmt/unknown-field@${F}:3:5`] },
  { name: 'rulefmt/unknown-field: an unknown top-level field is flagged', file: 'groups: []\nrules: []\n', expected: [`rulefmt/unknown-field@${F}:2:1`] },
  { name: 'rulefmt/unknown-field: a group with limit and interval passes', file: 'groups:\n  - name: g\n    interval: 1m\n    limit: 10\n    rules: []\n', expected: [] },
  // rulefmt/group-name
  { name: 'rulefmt/group-name: a group without a name is flagged at the group', file: 'groups:\n  - rules: []\n', expected: [`rulefmt/group-name@${F}:2:5`] },
  { name: 'rulefmt/group-name: an empty group name is flagged at the value', file: 'groups:\n  - name: ""\n    rules: []\n', expected: [`rulefmt/group-name@${F}:2:11`] },
  // rulefmt/duplicate-group
  { name: 'rulefmt/duplicate-group: a repeated group name is flagged at the second one', file: 'groups:\n  - name: g\n  - name: h\n  - name: g\n', expected: [`rulefmt/duplicate-group@${F}:4:11`] },
  // rulefmt/record-or-alert
  { name: 'rulefmt/record-or-alert: a rule with both record and alert is flagged at record', file: group('      - record: a:b:c\n        alert: A\n        expr: up\n'), expected: [`rulefmt/record-or-alert@${F}:4:9`] },
  { name: 'rulefmt/record-or-alert: a rule with neither is flagged at the rule', file: group('      - expr: up\n'), expected: [`rulefmt/record-or-alert@${F}:4:9`] },
  // rulefmt/missing-expr
  { name: 'rulefmt/missing-expr: a rule without expr is flagged at the rule', file: group('      - alert: A\n        for: 5m\n'), expected: [`rulefmt/missing-expr@${F}:4:9`] },
  { name: 'rulefmt/missing-expr: an empty expr is flagged at the value', file: group('      - alert: A\n        expr: ""\n'), expected: [`rulefmt/missing-expr@${F}:5:15`] },
  // rulefmt/record-name
  { name: 'rulefmt/record-name: a record name with a space is flagged at the name', file: group(record('', '"job x rate"')), expected: [`rulefmt/record-name@${F}:4:17`] },
  { name: 'rulefmt/record-name: a record name with a dash is flagged at the name', file: group(record('', 'job-up:sum')), expected: [`rulefmt/record-name@${F}:4:17`] },
  { name: 'rulefmt/record-name: a level:metric:operation name passes', file: group(record('', 'instance_path:requests:rate5m')), expected: [] },
  // rulefmt/alert-name
  { name: 'rulefmt/alert-name: an empty alert name is flagged at the value', file: group('      - alert: ""\n        expr: up\n'), expected: [`rulefmt/alert-name@${F}:4:16`] },
  { name: 'rulefmt/alert-name: an alert name with spaces is a valid label value and passes', file: group('      - alert: Instance is down\n        expr: up == 0\n'), expected: [] },
  // rulefmt/recording-rule-field
  { name: 'rulefmt/recording-rule-field: for on a recording rule is flagged at the key', file: group(record('        for: 5m\n')), expected: [`rulefmt/recording-rule-field@${F}:6:9`] },
  { name: 'rulefmt/recording-rule-field: keep_firing_for on a recording rule is flagged at the key', file: group(record('        keep_firing_for: 5m\n')), expected: [`rulefmt/recording-rule-field@${F}:6:9`] },
  { name: 'rulefmt/recording-rule-field: annotations on a recording rule are flagged at the key', file: group(record('        annotations: { summary: x }\n')), expected: [`rulefmt/recording-rule-field@${F}:6:9`] },
  { name: 'rulefmt/recording-rule-field: for: 0s and empty annotations on a recording rule pass, as in promtool', file: group(record('        for: 0s\n        annotations: {}\n')), expected: [] },
  // rulefmt/label-name
  { name: 'rulefmt/label-name: a label name with a dash is flagged at the key', file: group(alert('        labels:\n          bad-label: x\n')), expected: [`rulefmt/label-name@${F}:7:11`] },
  { name: 'rulefmt/label-name: __name__ as a label is flagged', file: group(record('        labels: { __name__: x }\n')), expected: [`rulefmt/label-name@${F}:6:19`] },
  { name: 'rulefmt/label-name: a label name starting with a digit is flagged', file: group(alert('        labels: { 1team: x }\n')), expected: [`rulefmt/label-name@${F}:6:19`] },
  // rulefmt/annotation-name
  { name: 'rulefmt/annotation-name: an annotation name with a dot is flagged at the key', file: group(alert('        annotations:\n          runbook.url: https://r.example\n')), expected: [`rulefmt/annotation-name@${F}:7:11`] },
  { name: 'rulefmt/annotation-name: runbook_url passes', file: group(alert('        annotations:\n          runbook_url: https://r.example\n')), expected: [] },
  // rulefmt/duration
  { name: 'rulefmt/duration: for: 5x is flagged at the value', file: group(alert('        for: 5x\n')), expected: [`rulefmt/duration@${F}:6:14`] },
  { name: 'rulefmt/duration: a duration without a unit is flagged', file: group(alert('        keep_firing_for: 10\n')), expected: [`rulefmt/duration@${F}:6:26`] },
  { name: 'rulefmt/duration: a fractional group interval is flagged', file: 'groups:\n  - name: g\n    interval: 1.5m\n', expected: [`rulefmt/duration@${F}:3:15`] },
  { name: 'rulefmt/duration: units out of order are flagged', file: group(alert('        for: 30s1m\n')), expected: [`rulefmt/duration@${F}:6:14`] },
  { name: 'rulefmt/duration: 1h30m, 1w, 500ms and 0 pass', file: `groups:\n  - name: g\n    interval: 500ms\n    rules:\n${alert('        for: 1h30m\n        keep_firing_for: 1w\n').replace(/^/gm, '')}      - alert: B\n        expr: up\n        for: 0\n`, expected: [] },
  // rulefmt/duplicate-rule
  {
    name: 'rulefmt/duplicate-rule: the same record and labels twice in one file is a warning at the second',
    file: `groups:\n  - name: a\n    rules:\n${record()}  - name: b\n    rules:\n${record()}`,
    expected: [`rulefmt/duplicate-rule@${F}:8:17`],
  },
  { name: 'rulefmt/duplicate-rule: the same name with other labels passes', file: group(`${record('        labels: { env: a }\n')}${record('        labels: { env: b }\n')}`), expected: [] },
  // template/syntax
  { name: 'template/syntax: an unclosed action is flagged at its {{', file: group(alert('        annotations:\n          summary: "{{ $labels.instance is down"\n')), expected: [`template/syntax@${F}:7:21`] },
  { name: 'template/syntax: an unknown function is flagged at the function name', file: group(alert('        annotations:\n          summary: "{{ $value | humanise }}"\n')), expected: [`template/syntax@${F}:7:33`] },
  { name: 'template/syntax: an if without end is flagged at the if', file: group(alert('        annotations:\n          summary: "{{ if $value }}high"\n')), expected: [`template/syntax@${F}:7:24`] },
  { name: 'template/syntax: an end without an open block is flagged at the end', file: group(alert('        annotations:\n          summary: "x {{ end }}"\n')), expected: [`template/syntax@${F}:7:26`] },
  { name: 'template/syntax: a range without end is flagged at the range', file: group(alert('        annotations:\n          summary: "{{ range query \\"up\\" }}{{ .Value }}"\n')), expected: [`template/syntax@${F}:7:24`] },
  { name: 'template/syntax: an undefined variable is flagged at the variable', file: group(alert('        annotations:\n          summary: "{{ $label.job }}"\n')), expected: [`template/syntax@${F}:7:24`] },
  { name: 'template/syntax: a broken template in a label is flagged', file: group(alert('        labels:\n          team: "{{ $labels.team "\n')), expected: [`template/syntax@${F}:7:18`] },
  {
    name: 'template/syntax: an error on the second line of a block scalar points at that line',
    file: group(alert('        annotations:\n          description: |\n            Instance {{ $labels.instance }}\n            is down {{ with $value }}{{ . | humanizeDuration }}\n')),
    expected: [`template/syntax@${F}:9:24`],
  },
  {
    name: 'template/syntax: if/else/end, range with variables, with, comments, trim markers and query|first|value pass',
    file: group(
      alert(
        '        annotations:\n          a: "{{- if gt $value 1.0 -}} high {{- else if eq $value 0.0 }} zero {{ else }} low {{ end -}}"\n          b: "{{ range $i, $s := query \\"up\\" }}{{ $i }}{{ $s.Labels.job }}{{ end }}"\n          c: "{{/* a comment */}}{{ with query \\"up\\" }}{{ . | first | value | humanize }}{{ end }}"\n          d: "{{ $x := 1 }}{{ $x = 2 }}{{ $x }} {{ $externalLabels.cluster }} {{ $externalURL }} {{ reReplaceAll \\"a\\" \\"b\\" $labels.job }}"\n',
      ),
    ),
    expected: [],
  },
  { name: 'template/syntax: templates in recording rule labels are not expanded and pass, as in promtool', file: group(record('        labels: { x: "{{" }\n')), expected: [] },
  // promql/syntax inside rule files
  {
    name: 'promql/syntax: an error in a multi-line expr points at the line and column in the rule file',
    file: group('      - alert: A\n        expr: |\n          sum by (job) (\n            rat(up[5m])\n          ) > 0\n'),
    expected: [`promql/syntax@${F}:7:16`],
  },
  { name: 'promql/syntax: grouping labels without parentheses are flagged in a recording rule', file: group('      - record: job:up:sum\n        expr: sum by job (up)\n'), expected: [`promql/syntax@${F}:5:22`] },
];

describe('monc lint --rules points every rule-file problem at its place in the file', () => {
  it.each(cases)('$name', async ({ file, expected }) => {
    const { code, diagnostics } = await lintRules(file);
    expect(diagnostics.map(where)).toEqual(expected);
    if (diagnostics.some((d) => d.severity === 'error')) expect(code).toBe(1);
  });
});

describe('PrometheusRule objects', () => {
  const object = (groups: string) => `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\n  labels: { prometheus: k8s }\nspec:\n  groups:\n${groups}`;

  it('a valid PrometheusRule object with a Thanos group field passes', async () => {
    const { diagnostics, code } = await lintRules(object('    - name: g\n      partial_response_strategy: warn\n      rules:\n        - alert: A\n          expr: up == 0\n'));
    expect(diagnostics).toEqual([]);
    expect(code).toBe(0);
  });

  it('problems inside a PrometheusRule spec point into the object', async () => {
    const { diagnostics } = await lintRules(object('    - name: g\n      rules:\n        - alert: A\n          expr: rate(up[5m)\n          for: 5x\n'));
    expect(diagnostics.map(where)).toEqual([`promql/syntax@${F}:11:27`, `rulefmt/duration@${F}:12:16`]);
  });

  it('a PrometheusRule without spec is a structure error', async () => {
    const { diagnostics } = await lintRules('apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: x }\n');
    expect(diagnostics.map(where)).toEqual([`rulefmt/structure@${F}:2:7`]);
  });

  it('a bare spec object (groups at the top) and several documents in one file are all read', async () => {
    const { diagnostics } = await lintRules(`groups:\n  - name: a\n    rules:\n      - record: "a b"\n        expr: up\n---\n${object('    - name: b\n      rules:\n        - record: "c d"\n          expr: up\n')}`);
    expect(diagnostics.map(where)).toEqual([`rulefmt/record-name@${F}:4:17`, `rulefmt/record-name@${F}:16:19`]);
  });
});

describe('the lint --rules command line', () => {
  it('several files are linted in one run, each diagnostic naming its file', async () => {
    const dir = makeProject({ 'a.yml': group(record('', '"a b"')), 'b.yml': group(alert('        for: 1x\n')) });
    const result = await runCli(dir, ['lint', '--rules', 'a.yml', 'b.yml', '--format', 'json']);
    const diagnostics = ours((JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics);
    expect(diagnostics.map(where)).toEqual(['rulefmt/record-name@a.yml:4:17', 'rulefmt/duration@b.yml:6:14']);
    expect(result.code).toBe(1);
  });

  it('a warning fails the run only with --fail-on warning', async () => {
    const file = group(`${record()}${record()}`);
    expect((await lintRules(file)).code).toBe(0);
    expect((await lintRules(file, ['--fail-on', 'warning'])).code).toBe(1);
  });

  it('pretty output shows a code frame in the rule file', async () => {
    const dir = makeProject({ [F]: group(alert('        for: 5x\n')) });
    const result = await runCli(dir, ['lint', '--rules', F]);
    expect(result.stdout).toContain(`${F}:6:14 error rulefmt/duration "5x" is not a valid duration`);
    expect(result.stdout).toContain('> 6 |         for: 5x');
  });

  it('--rules without files, files without --rules and a missing file are usage errors (exit 2)', async () => {
    const dir = makeProject({ [F]: '' });
    for (const argv of [['lint', '--rules'], ['lint', F], ['lint', '--rules', 'missing.yml'], ['lint', '--rules', F, '--definitions', 'd']]) {
      const result = await runCli(dir, argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
    }
  });

  it('lint --rules needs no definitions folder', async () => {
    const dir = makeProject({ 'r/rules.yml': group(alert()) });
    const result = await runCli(dir, ['lint', '--rules', 'r/rules.yml']);
    expect(result.stdout).toBe('no problems (0 errors, 0 warnings)\n');
    expect(result.code).toBe(0);
  });
});
