/** cardinality/rule-output: a recording rule or alert outputs no more series than the per-metric budget, from the labels it keeps. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { CONFIG, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, type Case } from './fixture.ts';

const ID = 'cardinality/rule-output';

/**
 * A service whose metric app_hits_total has `labels` and is read by one recording rule `expr`
 * (at 8:11, or 9:11 with a service field in `fields`), then `extra` (more rules, alerts).
 */
const withRuleOver = (labels: string, expr: string, fields = '', extra = '') =>
  `kind: Service\nname: app\nteam: core\n${fields}metrics:\n  - { name: app_hits_total, type: counter, help: Hits., labels: { ${labels} } }\nrecordingRules:\n  - record: job:app_hits:rate5m\n    expr: ${expr}\n${extra}`;

/** 100 endpoints × 100 tenants × 2 codes: 20 000 label sets, over the budget of 10 000. */
const WIDE = 'endpoint: { maxValues: 100 }, tenant: { maxValues: 100 }, code: { values: ["2xx", "5xx"] }';

/** An alert over `expr`, as items of `alerts:` after the recording rule. */
const alert = (expr: string) =>
  `alerts:\n  - name: AppHits\n    expr: ${expr}\n    for: 5m\n    severity: warning\n    summary: Hits.\n    runbook: https://runbooks.example/hits\n`;

const CASES: readonly Case[] = [
  {
    name: 'A rule that aggregates to one label of 100 values outputs 100 series and passes, though the metric itself is over budget.',
    files: { [F]: withRuleOver(WIDE, 'sum by (endpoint) (rate(app_hits_total[5m]))') },
    expected: () => [],
  },
  {
    name: 'A rule that keeps every label outputs 20 000 series and is reported at its expression.',
    files: { [F]: withRuleOver(WIDE, 'rate(app_hits_total[5m])') },
    expected: () => [`${ID}@${F}:8:11`],
  },
  {
    name: 'without () keeps the other labels: without (code) leaves 100 × 100 = 10 000 series, at the budget, and passes.',
    files: { [F]: withRuleOver(WIDE, 'sum without (code) (rate(app_hits_total[5m]))') },
    expected: () => [],
  },
  {
    name: 'without (code) with 3 instances keeps instance: 3 × 100 × 100 = 30 000 series is reported.',
    files: { [F]: withRuleOver(WIDE, 'sum without (code) (rate(app_hits_total[5m]))', 'instances: 3\n') },
    expected: () => [`${ID}@${F}:9:11`],
  },
  {
    name: 'by (instance, …) counts the service instances: 2 × 100 × 100 = 20 000 series is reported.',
    files: { [F]: withRuleOver(WIDE, 'sum by (instance, job, endpoint, tenant) (rate(app_hits_total[5m]))', 'instances: 2\n') },
    expected: () => [`${ID}@${F}:9:11`],
  },
  {
    name: 'A rule over a small metric passes.',
    files: { [F]: withRuleOver('code: { values: ["2xx", "5xx"] }', 'sum by (code) (rate(app_hits_total[5m]))') },
    expected: () => [],
  },
  {
    name: 'A rule that keeps a label with no bound has no estimate and is not reported.',
    files: { [F]: withRuleOver('endpoint: {}, tenant: { maxValues: 100 }, code: { maxValues: 200 }', 'rate(app_hits_total[5m])') },
    expected: () => [],
  },
  {
    name: 'A rule is followed through the recording rule it reads: one over a rule that kept every label is reported too.',
    files: { [F]: withRuleOver(WIDE, 'rate(app_hits_total[5m])', '', '  - record: copy:app_hits:rate5m\n    expr: job:app_hits:rate5m * 2\n') },
    expected: (files) => [`${ID}@${F}:8:11`, at(ID, F, files[F] ?? '', 'job:app_hits:rate5m * 2')],
  },
  {
    name: 'A rule that aggregates the labels of a wide recording rule away passes; only the wide rule it reads is reported.',
    files: { [F]: withRuleOver(WIDE, 'rate(app_hits_total[5m])', '', '  - record: tenant:app_hits:rate5m\n    expr: sum by (tenant) (job:app_hits:rate5m)\n') },
    expected: () => [`${ID}@${F}:8:11`],
  },
  {
    name: 'A rule over a recording rule that aggregated to one label passes.',
    files: { [F]: withRuleOver(WIDE, 'sum by (endpoint) (rate(app_hits_total[5m]))', '', '  - record: endpoint:app_hits:rate5m_x2\n    expr: job:app_hits:rate5m * 2\n') },
    expected: () => [],
  },
  {
    name: 'An alert that keeps every label is reported at its expression.',
    files: { [F]: withRuleOver(WIDE, 'sum by (code) (rate(app_hits_total[5m]))', '', alert('rate(app_hits_total[5m]) > 1')) },
    expected: (files) => [at(ID, F, files[F] ?? '', 'rate(app_hits_total[5m]) > 1')],
  },
  {
    name: 'An alert that aggregates to the labels it needs passes.',
    files: { [F]: withRuleOver(WIDE, 'sum by (code) (rate(app_hits_total[5m]))', '', alert('sum by (job, code) (rate(app_hits_total[5m])) > 1')) },
    expected: () => [],
  },
  {
    name: 'A higher seriesPerMetric in the config lets a rule of 20 000 series pass.',
    files: { [F]: withRuleOver(WIDE, 'rate(app_hits_total[5m])'), [CONFIG]: 'cardinality:\n  seriesPerMetric: 50000\n' },
    expected: () => [],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('names the rule and spells out the factors of its estimate, in label order', async () => {
    const diagnostics = await lint({ [F]: withRuleOver(WIDE, 'rate(app_hits_total[5m])') });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'recording rule job:app_hits:rate5m may output 20000 series (2 code × 100 endpoint × 1 instance × 1 job × 100 tenant), over the budget of 10000; aggregate with by (…) to the labels you need',
    ]);
  });

  it('names an alert as an alert', async () => {
    const diagnostics = await lint({ [F]: withRuleOver(WIDE, 'sum by (code) (rate(app_hits_total[5m]))', '', alert('rate(app_hits_total[5m]) > 1')) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'alert AppHits may output 20000 series (2 code × 100 endpoint × 1 instance × 1 job × 100 tenant), over the budget of 10000; aggregate with by (…) to the labels you need',
    ]);
  });
});
