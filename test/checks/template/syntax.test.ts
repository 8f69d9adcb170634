/** template/syntax: every alert label and annotation, in definitions and in rule files, is a Go template Prometheus can parse. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint, type LintOptions } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'template/syntax';
const F = 'definitions/app.yaml';
const R = 'rules.yml';
const RULES: LintOptions = { family: 'rule-files' };

type Files = Readonly<Record<string, string>>;

/** A service with alert AppDown; `fields` follow its runbook (summary, description, annotations, labels). */
const service = (fields: string, runbook = 'https://runbooks.example.com/app') =>
  `kind: Service\nname: app\nteam: core\nalerts:\n  - name: AppDown\n    expr: up{job="app"} == 0\n    for: 5m\n    severity: critical\n    runbook: ${runbook}\n${fields}`;

/** A rule file with one group "g" holding `rules` (each already indented as a list item). */
const group = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;
const alert = (extra = '') => `      - alert: InstanceDown\n        expr: up == 0\n${extra}`;
const record = (extra = '') => `      - record: job:up:sum\n        expr: sum by (job) (up)\n${extra}`;

interface Case {
  readonly name: string;
  readonly files: Files;
  /** Rule files (monc lint --rules) instead of definitions. */
  readonly options?: LintOptions;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

/** A case on one rule file, its findings at the given needles (each [needle, nth]). */
const ruleCase = (name: string, file: string, needles: readonly (readonly [string, number?])[], messages?: readonly string[]): Case => ({
  name,
  files: { [R]: file },
  options: RULES,
  expected: (files) => needles.map(([needle, nth]) => at(ID, R, files[R] ?? '', needle, nth)),
  ...(messages && { messages }),
});

/** A case on the service file, its findings at the given needles (each [needle, nth]). */
const definitionCase = (name: string, file: string, needles: readonly (readonly [string, number?])[], messages?: readonly string[]): Case => ({
  name,
  files: { [F]: file },
  expected: (files) => needles.map(([needle, nth]) => at(ID, F, files[F] ?? '', needle, nth)),
  ...(messages && { messages }),
});

const CASES: readonly Case[] = [
  // Definitions: summary, description, runbook, annotations and labels are all templates.
  definitionCase('A summary and description with variables, pipes and if/else/end pass.', service('    summary: "{{ $labels.instance }} of {{ $labels.job | toUpper }} is down"\n    description: "{{ if gt $value 0.0 }}up{{ else }}down{{ end }}"\n'), []),
  definitionCase('A summary with a lone }} and no {{ is no template and passes.', service('    summary: "instance is down }}"\n'), []),
  definitionCase(
    'An unclosed action in a summary is flagged at its {{.',
    service('    summary: "{{ $labels.instance is down"\n'),
    [['{{']],
    ['the summary of alert "AppDown": unclosed action: "{{" has no matching "}}"'],
  ),
  definitionCase(
    'An unknown function on the second line of a block description is flagged at the function name, with a suggestion.',
    service('    summary: s\n    description: |\n      Instance {{ $labels.instance }}\n      is down {{ with $value }}{{ . | humanise }}{{ end }}\n'),
    [['humanise']],
    ['the description of alert "AppDown": function "humanise" not defined; did you mean "humanize"?'],
  ),
  definitionCase(
    'An unknown function in an annotation is flagged, naming the annotation.',
    service('    summary: s\n    annotations:\n      hint: "{{ $labels.job | toupper }}"\n'),
    [['toupper']],
    ['annotation "hint" of alert "AppDown": function "toupper" not defined; did you mean "toUpper"?'],
  ),
  definitionCase(
    'A broken template in a label is flagged, naming the label.',
    service('    summary: s\n    labels:\n      team: "{{ $labels.team "\n'),
    [['{{']],
    ['label "team" of alert "AppDown": unclosed action: "{{" has no matching "}}"'],
  ),
  definitionCase('A broken template in the runbook URL is flagged inside the URL.', service('    summary: s\n', '"https://runbooks.example.com/{{ $labels.job }"'), [['{{']]),
  definitionCase(
    'An undefined variable in a summary is flagged at the variable.',
    service('    summary: "{{ $label.job }} is down"\n'),
    [['$label.']],
    ['the summary of alert "AppDown": undefined variable "$label"; Prometheus defines $labels, $externalLabels, $externalURL, $value'],
  ),
  definitionCase('An end without an open block in a summary is flagged at the end.', service('    summary: "x {{ end }}"\n'), [['end }}']]),
  // Rule files (monc lint --rules): the same check on every alert's labels and annotations.
  ruleCase(
    'In a rule file, if/else/end, range with variables, with, comments, trim markers and query|first|value pass.',
    group(
      alert(
        '        annotations:\n          a: "{{- if gt $value 1.0 -}} high {{- else if eq $value 0.0 }} zero {{ else }} low {{ end -}}"\n          b: "{{ range $i, $s := query \\"up\\" }}{{ $i }}{{ $s.Labels.job }}{{ end }}"\n          c: "{{/* a comment */}}{{ with query \\"up\\" }}{{ . | first | value | humanize }}{{ end }}"\n          d: "{{ $x := 1 }}{{ $x = 2 }}{{ $x }} {{ $externalLabels.cluster }} {{ $externalURL }} {{ reReplaceAll \\"a\\" \\"b\\" $labels.job }}"\n',
      ),
    ),
    [],
  ),
  ruleCase('In a rule file, templates in recording rule labels are not expanded and pass, as in promtool.', group(record('        labels: { x: "{{" }\n')), []),
  ruleCase('In a rule file, an unclosed action is flagged at its {{.', group(alert('        annotations:\n          summary: "{{ $labels.instance is down"\n')), [['{{']]),
  ruleCase('In a rule file, an unknown function is flagged at the function name.', group(alert('        annotations:\n          summary: "{{ $value | humanise }}"\n')), [['humanise']]),
  ruleCase('In a rule file, an if without end is flagged at the if.', group(alert('        annotations:\n          summary: "{{ if $value }}high"\n')), [['if $value']]),
  ruleCase('In a rule file, an end without an open block is flagged at the end.', group(alert('        annotations:\n          summary: "x {{ end }}"\n')), [['end }}']]),
  ruleCase('In a rule file, a range without end is flagged at the range.', group(alert('        annotations:\n          summary: "{{ range query \\"up\\" }}{{ .Value }}"\n')), [['range']]),
  ruleCase('In a rule file, an undefined variable is flagged at the variable.', group(alert('        annotations:\n          summary: "{{ $label.job }}"\n')), [['$label.']]),
  ruleCase('In a rule file, a broken template in a label is flagged.', group(alert('        labels:\n          team: "{{ $labels.team "\n')), [['{{']]),
  ruleCase(
    'In a rule file, an error on the second line of a block scalar points at that line.',
    group(alert('        annotations:\n          description: |\n            Instance {{ $labels.instance }}\n            is down {{ with $value }}{{ . | humanizeDuration }}\n')),
    [['with']],
  ),
  ruleCase(
    'In a rule file, each broken value of one alert is flagged once, at its first error.',
    'groups:\n  - name: api\n    rules:\n      - alert: ApiErrors\n        expr: sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 1\n        for: 5m\n        labels:\n          severity: "{{ if gt $value 10.0 }}critical{{ else }}warning"\n        annotations:\n          summary: "{{ $labels.job } is failing requests"\n          description: |\n            {{ $labels.job }} serves\n            {{ $value | humanise }} errors per second.\n',
    [['if gt'], ['{{ $labels.job }'], ['humanise']],
    [
      'the severity of alert "ApiErrors": {{if}} has no matching {{end}}',
      'the summary of alert "ApiErrors": unclosed action: "{{" has no matching "}}"',
      'the description of alert "ApiErrors": function "humanise" not defined; did you mean "humanize"?',
    ],
  ),
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, options, expected, messages }) => {
    const findings = (await lint(files, options)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});
