/** catalog/template-label: an alert's templates use only labels the result of its expression can carry. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'catalog/template-label';
const F = 'definitions/app.yaml';

/** A service with one alert on `expr` whose summary is `summary` (line 9, from column 14) and extra `fields` (from line 13). */
const withAlert = (expr: string, summary: string, fields = '') =>
  [
    'kind: Service',
    'name: app',
    'team: core',
    'metrics:',
    '  - { name: app_jobs_total, type: counter, help: Jobs., labels: { queue: { values: [fast, slow] } } }',
    'alerts:',
    '  - name: JobsStalled',
    `    expr: ${expr}`,
    `    summary: ${summary}`,
    '    for: 15m',
    '    severity: warning',
    '    runbook: https://runbooks.example/jobs-stalled',
    fields,
  ].join('\n');

interface Case {
  readonly name: string;
  readonly file: string;
  /** The findings of this check, as `check@file:line:column` (where()), from the file of the case. */
  readonly expected: (file: string) => readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: 'A label kept by by() may be used in the summary.',
    file: withAlert('sum by (queue) (rate(app_jobs_total[5m])) == 0', '"no jobs on {{ $labels.queue }}"'),
    expected: () => [],
  },
  {
    name: 'Without aggregation every label of the series may be used.',
    file: withAlert('rate(app_jobs_total[5m]) == 0', '"{{ $labels.queue }} on {{ $labels.instance }} of {{ $labels.job }}"'),
    expected: () => [],
  },
  {
    name: 'A template without labels ($value only) passes.',
    file: withAlert('sum(rate(app_jobs_total[5m])) == 0', '"{{ $value }} jobs per second"'),
    expected: () => [],
  },
  {
    name: 'An expression over an undeclared metric has unknown labels, so its templates are not checked.',
    file: withAlert('rate(other_jobs_total[5m]) == 0', '"no jobs at {{ $labels.pod }}"'),
    expected: () => [],
  },
  {
    name: 'by (…) fixes the labels even over an undeclared metric: a label it drops is reported.',
    file: withAlert('sum by (job) (rate(other_jobs_total[5m])) == 0', '"no jobs at {{ $labels.pod }}"'),
    expected: (file) => [at(ID, F, file, 'pod }}')],
  },
  {
    name: '$labels.x after sum by (y) is reported at the label name in the summary.',
    file: withAlert('sum by (queue) (rate(app_jobs_total[5m])) == 0', '"no jobs at {{ $labels.instance }}"'),
    expected: () => [`${ID}@${F}:9:37`],
  },
  {
    name: '.Labels.x in the description is reported at the label name.',
    file: withAlert('sum by (queue) (rate(app_jobs_total[5m])) == 0', 'no jobs', '    description: "{{ .Labels.job }} is idle"\n'),
    expected: () => [`${ID}@${F}:13:30`],
  },
  {
    name: 'index $labels "x" with escaped quotes is reported at the label name inside the quotes.',
    file: withAlert('sum(rate(app_jobs_total[5m])) == 0', 'no jobs', '    description: "{{ index $labels \\"queue\\" }}"\n'),
    expected: () => [`${ID}@${F}:13:38`],
  },
  {
    name: 'index .Labels "x" in a plain scalar is reported at the label name.',
    file: withAlert('sum by (job) (rate(app_jobs_total[5m])) == 0', 'no jobs', "    description: '{{ index .Labels \"queue\" }} is idle'\n"),
    expected: (file) => [at(ID, F, file, 'queue" }}')],
  },
  {
    name: 'A label template is checked too.',
    file: withAlert('sum by (queue) (rate(app_jobs_total[5m])) == 0', 'no jobs', '    labels:\n      pod: "{{ $labels.pod }}"\n'),
    expected: () => [`${ID}@${F}:14:24`],
  },
  {
    name: 'An annotation template is checked too.',
    file: withAlert('sum by (job) (rate(app_jobs_total[5m])) == 0', 'no jobs', '    annotations:\n      dashboard: "https://grafana.example/d/jobs?var-queue={{ $labels.queue }}"\n'),
    expected: (file) => [at(ID, F, file, 'queue }}')],
  },
  {
    name: 'Every missing label of the templates is reported, each at its name.',
    file: withAlert('sum by (job) (rate(app_jobs_total[5m])) == 0', '"{{ $labels.queue }} on {{ $labels.instance }} of {{ $labels.job }}"'),
    expected: (file) => [at(ID, F, file, 'queue }}'), at(ID, F, file, 'instance }}')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ file, expected }) => {
    const diagnostics = await lint({ [F]: file });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(file));
  });

  it('names the label and the labels the result carries', async () => {
    const diagnostics = await lint({ [F]: withAlert('sum by (queue) (rate(app_jobs_total[5m])) == 0', '"no jobs at {{ $labels.instance }}"') });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'template uses label "instance", which the result of the alert expression cannot carry (it carries queue)',
    ]);
  });

  it('says when the result carries no labels at all', async () => {
    const diagnostics = await lint({ [F]: withAlert('sum(rate(app_jobs_total[5m])) == 0', '"no jobs at {{ $labels.instance }}"') });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'template uses label "instance", which the result of the alert expression cannot carry (it carries no labels)',
    ]);
  });
});
