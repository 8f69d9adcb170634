/**
 * The catalog checks (catalog/unknown-label, catalog/label-value, catalog/rate-on-gauge,
 * catalog/counter-threshold, catalog/histogram-quantile, catalog/template-label) and
 * rule/record-name, against a small declared catalog. Each case asserts which checks fire and
 * at which character.
 *
 * Expression cases are one recording rule whose expression is a YAML block scalar on line 13
 * from column 7: a finding at offset i of the expression is at 13:(7 + i), computed by `at()`
 * from a fragment of the expression.
 */
import { describe, expect, it } from 'vitest';
import { lintJson, where } from '../helpers/project.ts';
import { fragmentAt, type Expected } from '../helpers/fragments.ts';

const F = 'definitions/app.yaml';
const EXPR_LINE = 13;
const EXPR_COLUMN = 7;

const METRICS = [
  '  - { name: app_jobs_total, type: counter, help: Jobs., labels: { queue: { values: [fast, slow] } } }',
  '  - { name: app_queue_depth, type: gauge, help: Depth., labels: { queue: { values: [fast, slow] } } }',
  '  - { name: app_latency_seconds, type: histogram, help: Latency., buckets: [0.1, 1], labels: { queue: { values: [fast, slow] } } }',
  '  - { name: app_rpc_seconds, type: summary, help: RPC time., labels: { code: { pattern: "[1-5][0-9][0-9]", maxValues: 10 } } }',
  '  - { name: app_build_info, type: info, help: Build., labels: { version: { maxValues: 5 } } }',
].join('\n');

/** A service whose first recording rule records `expr` (line 13, column 7), then `extraRules`. */
const withRule = (expr: string, extraRules = '') =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n${METRICS}\nrecordingRules:\n  - record: job:app_jobs:test\n    expr: |\n      ${expr}\n${extraRules}`;

function at(expr: string, expected: Expected): string {
  return fragmentAt(F, EXPR_LINE, EXPR_COLUMN, expr, expected);
}

interface Case {
  readonly name: string;
  readonly expr: string;
  readonly expected: readonly Expected[];
  /** More recording rules after the tested one (YAML items of recordingRules). */
  readonly extraRules?: string;
}

const unknownLabel: Case[] = [
  { name: 'A declared label in a matcher passes.', expr: 'app_jobs_total{queue="fast"}', expected: [] },
  { name: 'The target labels job and instance exist on every declared metric.', expr: 'sum by (job, instance) (app_jobs_total{job="app"})', expected: [] },
  { name: 'le exists on a histogram\'s _bucket series.', expr: 'sum by (le) (rate(app_latency_seconds_bucket[5m]))', expected: [] },
  { name: 'quantile exists on a summary\'s own series.', expr: 'app_rpc_seconds{quantile="0.99"}', expected: [] },
  { name: 'An unknown label in a matcher is flagged at the label name.', expr: 'app_jobs_total{queu="fast"}', expected: [['catalog/unknown-label', 'queu']] },
  { name: 'An unknown label in by is flagged at the label name.', expr: 'sum by (queu) (app_jobs_total)', expected: [['catalog/unknown-label', 'queu']] },
  { name: 'An unknown label in without is flagged at the label name.', expr: 'sum without (queu) (app_jobs_total)', expected: [['catalog/unknown-label', 'queu']] },
  { name: 'An unknown label in on is flagged at the label name.', expr: 'app_jobs_total / on (queu) app_queue_depth', expected: [['catalog/unknown-label', 'queu']] },
  { name: 'An unknown label in ignoring is flagged at the label name.', expr: 'app_jobs_total / ignoring (queu) app_queue_depth', expected: [['catalog/unknown-label', 'queu']] },
  {
    name: 'A group_left label that the "one" side does not have is flagged at the label name.',
    expr: 'app_jobs_total * on (queue) group_left (colour) app_queue_depth',
    expected: [['catalog/unknown-label', 'colour']],
  },
  { name: 'le on a histogram\'s _sum series is flagged (only _bucket has le).', expr: 'app_latency_seconds_sum{le="1"}', expected: [['catalog/unknown-label', 'le']] },
  { name: 'A label dropped by an inner sum is flagged in the outer by.', expr: 'max by (queue) (sum by (job) (app_jobs_total))', expected: [['catalog/unknown-label', 'queue']] },
  {
    name: 'A recording rule output joins the catalog with the labels it keeps: a label it dropped is flagged.',
    expr: 'job:app_jobs:rate5m{queue="fast"}',
    extraRules: '  - record: job:app_jobs:rate5m\n    expr: sum by (job) (rate(app_jobs_total[5m]))\n',
    expected: [['catalog/unknown-label', 'queue']],
  },
  {
    name: '__name__ in by over a raw selector is a label the series have, not an unknown label.',
    expr: 'count by (__name__, job) (up)',
    expected: [],
  },
];

const labelValue: Case[] = [
  { name: 'A declared value passes.', expr: 'app_jobs_total{queue="fast"}', expected: [] },
  { name: 'A regex matching a declared value passes.', expr: 'app_jobs_total{queue=~"f.*"}', expected: [] },
  { name: 'A negative matcher with any value passes.', expr: 'app_jobs_total{queue!="medium"}', expected: [] },
  { name: 'An empty value (series without the label) passes.', expr: 'app_jobs_total{queue=""}', expected: [] },
  { name: 'A value matching the label\'s pattern passes.', expr: 'app_rpc_seconds_count{code="503"}', expected: [] },
  { name: 'A value outside the declared values is flagged at the value.', expr: 'app_jobs_total{queue="medium"}', expected: [['catalog/label-value', '"medium"']] },
  { name: 'A regex matching none of the declared values is flagged at the regex.', expr: 'app_jobs_total{queue=~"x.*"}', expected: [['catalog/label-value', '"x.*"']] },
  { name: 'A value not matching the label\'s pattern is flagged at the value.', expr: 'app_rpc_seconds_count{code="OK"}', expected: [['catalog/label-value', '"OK"']] },
  { name: 'A declared bucket bound as the le value passes, also written as a float.', expr: 'app_latency_seconds_bucket{le="1.0"}', expected: [] },
  {
    name: 'An le value that is not one of the declared buckets (or +Inf) is flagged at the value.',
    expr: 'app_latency_seconds_bucket{le="2"}',
    expected: [['catalog/label-value', '"2"']],
  },
];

const rateOnGauge: Case[] = [
  { name: 'rate of a counter passes.', expr: 'rate(app_jobs_total[5m])', expected: [] },
  { name: 'rate of a histogram\'s _bucket, _sum and _count series passes.', expr: 'rate(app_latency_seconds_sum[5m]) / rate(app_latency_seconds_count[5m])', expected: [] },
  { name: 'deriv of a gauge passes.', expr: 'deriv(app_queue_depth[5m])', expected: [] },
  { name: 'rate of a gauge is flagged at the function name.', expr: 'rate(app_queue_depth[5m])', expected: [['catalog/rate-on-gauge', 'rate']] },
  { name: 'increase of a gauge is flagged at the function name.', expr: 'sum(increase(app_queue_depth[1h]))', expected: [['catalog/rate-on-gauge', 'increase']] },
  { name: 'irate of a gauge is flagged at the function name.', expr: 'irate(app_queue_depth[5m])', expected: [['catalog/rate-on-gauge', 'irate']] },
  { name: 'rate of a summary\'s quantile series (a gauge) is flagged.', expr: 'rate(app_rpc_seconds[5m])', expected: [['catalog/rate-on-gauge', 'rate']] },
  { name: 'rate of an info metric is flagged.', expr: 'rate(app_build_info[5m])', expected: [['catalog/rate-on-gauge', 'rate']] },
];

const counterThreshold: Case[] = [
  { name: 'A rate compared with a threshold passes.', expr: 'rate(app_jobs_total[5m]) > 1', expected: [] },
  { name: 'An increase compared with a threshold passes.', expr: 'increase(app_jobs_total[1h]) == 0', expected: [] },
  { name: 'A gauge compared with a threshold passes.', expr: 'app_queue_depth > 100', expected: [] },
  { name: 'A counter compared with another vector is not a threshold and passes.', expr: 'app_jobs_total > app_queue_depth', expected: [] },
  { name: 'A raw counter compared with a number is flagged at the selector.', expr: 'app_jobs_total > 100', expected: [['catalog/counter-threshold', 'app_jobs_total']] },
  { name: 'A threshold written on the left is flagged at the selector.', expr: '100 < app_jobs_total{queue="fast"}', expected: [['catalog/counter-threshold', 'app_jobs_total']] },
  { name: 'A raw counter with bool is flagged too.', expr: 'app_jobs_total > bool 100', expected: [['catalog/counter-threshold', 'app_jobs_total']] },
  { name: 'A raw counter with offset compared with a number is flagged.', expr: 'app_jobs_total offset 1h > 100', expected: [['catalog/counter-threshold', 'app_jobs_total']] },
  { name: 'A histogram\'s _count compared with a number is flagged.', expr: 'app_latency_seconds_count > 1000', expected: [['catalog/counter-threshold', 'app_latency_seconds_count']] },
];

const histogramQuantile: Case[] = [
  { name: 'Rates of buckets summed by le pass.', expr: 'histogram_quantile(0.9, sum by (le) (rate(app_latency_seconds_bucket[5m])))', expected: [] },
  { name: 'Rates of buckets summed by le and another label pass.', expr: 'histogram_quantile(0.9, sum by (queue, le) (rate(app_latency_seconds_bucket[5m])))', expected: [] },
  { name: 'Unaggregated bucket rates keep le and pass.', expr: 'histogram_quantile(0.9, rate(app_latency_seconds_bucket[5m]))', expected: [] },
  {
    name: 'Buckets without rate are flagged at the bucket selector.',
    expr: 'histogram_quantile(0.9, app_latency_seconds_bucket)',
    expected: [['catalog/histogram-quantile', 'app_latency_seconds_bucket']],
  },
  {
    name: 'Buckets summed by le without rate are flagged at the bucket selector.',
    expr: 'histogram_quantile(0.9, sum by (le) (app_latency_seconds_bucket))',
    expected: [['catalog/histogram-quantile', 'app_latency_seconds_bucket']],
  },
  {
    name: 'sum by without le is flagged at the grouping.',
    expr: 'histogram_quantile(0.9, sum by (queue) (rate(app_latency_seconds_bucket[5m])))',
    expected: [['catalog/histogram-quantile', 'by']],
  },
  {
    name: 'sum without (le) is flagged at the grouping.',
    expr: 'histogram_quantile(0.9, sum without (le) (rate(app_latency_seconds_bucket[5m])))',
    expected: [['catalog/histogram-quantile', 'without']],
  },
  {
    name: 'sum with no grouping drops le and is flagged at the aggregation.',
    expr: 'histogram_quantile(0.9, sum(rate(app_latency_seconds_bucket[5m])))',
    expected: [['catalog/histogram-quantile', 'sum']],
  },
  {
    name: 'A recorded bucket rate that keeps le passes.',
    expr: 'histogram_quantile(0.9, job:app_latency_seconds_bucket:rate5m)',
    extraRules: '  - record: job:app_latency_seconds_bucket:rate5m\n    expr: sum by (job, le) (rate(app_latency_seconds_bucket[5m]))\n',
    expected: [],
  },
  {
    name: 'A recorded bucket rate that dropped le is flagged at the recorded series.',
    expr: 'histogram_quantile(0.9, job:app_latency_seconds_bucket:rate5m)',
    extraRules: '  - record: job:app_latency_seconds_bucket:rate5m\n    expr: sum by (job) (rate(app_latency_seconds_bucket[5m]))\n',
    expected: [['catalog/histogram-quantile', 'job:app_latency_seconds_bucket:rate5m']],
  },
];

describe.each([
  ['catalog/unknown-label', unknownLabel],
  ['catalog/label-value', labelValue],
  ['catalog/rate-on-gauge', rateOnGauge],
  ['catalog/counter-threshold', counterThreshold],
  ['catalog/histogram-quantile', histogramQuantile],
])('%s reports the right check at the right character', (_check, cases) => {
  it.each(cases)('$name', async ({ expr, extraRules, expected }) => {
    const { diagnostics } = await lintJson({ [F]: withRule(expr, extraRules) });
    expect(diagnostics.map(where)).toEqual(expected.map((e) => at(expr, e)));
  });
});

/** A service with one alert on `expr` whose summary is `summary` (line 9) and extra `fields`. */
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

describe('catalog/template-label reports template labels the alert result cannot carry', () => {
  it.each([
    {
      name: 'A label kept by by() may be used in the summary.',
      file: withAlert('sum by (queue) (rate(app_jobs_total[5m])) == 0', '"no jobs on {{ $labels.queue }}"'),
      expected: [],
    },
    {
      name: 'Without aggregation every label of the series may be used.',
      file: withAlert('rate(app_jobs_total[5m]) == 0', '"{{ $labels.queue }} on {{ $labels.instance }} of {{ $labels.job }}"'),
      expected: [],
    },
    {
      name: '$labels.x after sum by (y) is flagged at the label name in the summary.',
      file: withAlert('sum by (queue) (rate(app_jobs_total[5m])) == 0', '"no jobs at {{ $labels.instance }}"'),
      expected: [`catalog/template-label@${F}:9:37`],
    },
    {
      name: '.Labels.x in the description is flagged at the label name.',
      file: withAlert('sum by (queue) (rate(app_jobs_total[5m])) == 0', 'no jobs', '    description: "{{ .Labels.job }} is idle"\n'),
      expected: [`catalog/template-label@${F}:13:30`],
    },
    {
      name: 'index $labels "x" with escaped quotes is flagged at the label name inside the quotes.',
      file: withAlert('sum(rate(app_jobs_total[5m])) == 0', 'no jobs', '    description: "{{ index $labels \\"queue\\" }}"\n'),
      expected: [`catalog/template-label@${F}:13:38`],
    },
    {
      name: 'A label template is checked too.',
      file: withAlert('sum by (queue) (rate(app_jobs_total[5m])) == 0', 'no jobs', '    labels:\n      pod: "{{ $labels.pod }}"\n'),
      expected: [`catalog/template-label@${F}:14:24`],
    },
  ])('$name', async ({ file, expected }) => {
    const { diagnostics } = await lintJson({ [F]: file });
    expect(diagnostics.map(where)).toEqual(expected);
  });
});

describe('rule/record-name reports recording rules not named level:metric:operations', () => {
  const withRecord = (record: string) =>
    `kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_jobs_total, type: counter, help: Jobs. }\nrecordingRules:\n  - record: ${record}\n    expr: sum by (job) (rate(app_jobs_total[5m]))\n`;
  it.each([
    { name: 'level:metric:operations passes.', record: 'job:app_jobs:rate5m', expected: [] },
    { name: 'More than one operation passes.', record: 'job:app_jobs:rate5m:sum', expected: [] },
    { name: 'A name without colons is flagged at the record name.', record: 'app_jobs_rate5m', expected: [`rule/record-name@${F}:7:13`] },
    { name: 'A name with only level:metric is flagged at the record name.', record: 'job:app_jobs', expected: [`rule/record-name@${F}:7:13`] },
  ])('$name', async ({ record, expected }) => {
    const { diagnostics } = await lintJson({ [F]: withRecord(record) });
    expect(diagnostics.map(where)).toEqual(expected);
  });
});
