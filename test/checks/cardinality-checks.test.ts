/**
 * The cardinality checks: cardinality/label-values, cardinality/unbounded-label,
 * cardinality/forbidden-label, cardinality/budget and cardinality/rule-output. The config has
 * no cardinality settings, so the budgets are the defaults (DEFAULT_CARDINALITY): 100 values
 * per label, 10 000 series per metric, 100 000 per service, 1 000 000 in total.
 *
 * Estimate: instances × the product of the label domains × series per label set (buckets + 3
 * for a classic histogram, 3 for a summary, 1 otherwise).
 */
import { describe, expect, it } from 'vitest';
import { lintJson, where } from '../helpers/project.ts';

const F = 'definitions/app.yaml';

/**
 * A service with one metric whose labels are `labels` (one `name: { domain }` per entry, from
 * line 9, column 7) and whose other fields are `fields`.
 */
const withLabels = (labels: readonly string[], fields = '    type: counter\n', service = '', name = 'app_requests_total') =>
  `kind: Service\nname: app\nteam: core\n${service}metrics:\n  - name: ${name}\n${fields}    help: Requests.\n    labels:\n${labels.map((l) => `      ${l}\n`).join('')}`;

/** A classic histogram with 10 buckets. */
const HISTOGRAM = `    type: histogram\n    buckets: [${Array.from({ length: 10 }, (_, i) => i + 1).join(', ')}]\n`;

interface Case {
  readonly name: string;
  readonly file: string;
  readonly expected: readonly string[];
}

const labelValues: Case[] = [
  { name: 'A label with 100 declared maxValues is at the limit and passes.', file: withLabels(['endpoint: { maxValues: 100 }']), expected: [] },
  { name: 'A label with 101 maxValues is flagged at the label name.', file: withLabels(['endpoint: { maxValues: 101 }']), expected: [`cardinality/label-values@${F}:9:7`] },
  {
    name: 'A label with a list of 101 values is flagged at the label name.',
    file: withLabels([`shard: { values: [${Array.from({ length: 101 }, (_, i) => `s${i}`).join(', ')}] }`]),
    expected: [`cardinality/label-values@${F}:9:7`],
  },
  {
    name: 'Only the label over the limit is flagged, not its bounded neighbours.',
    file: withLabels(['method: { values: [GET, POST] }', 'endpoint: { maxValues: 500 }']),
    expected: [`cardinality/label-values@${F}:10:7`],
  },
];

const unbounded: Case[] = [
  { name: 'A label with a list of values is bounded.', file: withLabels(['method: { values: [GET, POST] }']), expected: [] },
  { name: 'A label with maxValues is bounded.', file: withLabels(['endpoint: { maxValues: 50 }']), expected: [] },
  { name: 'A label with no domain at all is flagged at the label name.', file: withLabels(['endpoint: {}']), expected: [`cardinality/unbounded-label@${F}:9:7`] },
  {
    name: 'A label with only a description is flagged at the label name.',
    file: withLabels(['method: { values: [GET] }', 'endpoint: { description: the route template }']),
    expected: [`cardinality/unbounded-label@${F}:10:7`],
  },
  {
    name: 'A pattern says what values look like, not how many: a pattern alone is flagged.',
    file: withLabels(['status: { pattern: "[1-5][0-9][0-9]" }']),
    expected: [`cardinality/unbounded-label@${F}:9:7`],
  },
  { name: 'A pattern with maxValues is bounded.', file: withLabels(['status: { pattern: "[1-5][0-9][0-9]", maxValues: 20 }']), expected: [] },
];

const forbidden: Case[] = [
  ...['user_id', 'email', 'request_id', 'trace_id', 'path', 'timestamp', 'session_id', 'uuid', 'customer_uuid', 'url', 'span', 'user_email'].map(
    (label): Case => ({
      name: `A label named ${label} is flagged at the label name, even with a bound.`,
      file: withLabels([`${label}: { maxValues: 10 }`]),
      expected: [`cardinality/forbidden-label@${F}:9:7`],
    }),
  ),
  ...['endpoint', 'route', 'status', 'method', 'valid', 'runtime', 'hosts', 'mode'].map(
    (label): Case => ({
      name: `A label named ${label} is not forbidden.`,
      file: withLabels([`${label}: { maxValues: 10 }`]),
      expected: [],
    }),
  ),
  {
    name: 'A third-party exporter metric is exempt: its label names are not yours to choose.',
    file: withLabels(['path: { maxValues: 10 }'], '    type: counter\n    exporter: some_exporter\n'),
    expected: [],
  },
  {
    name: 'A forbidden name with no bound is flagged by both forbidden-label and unbounded-label.',
    file: withLabels(['trace_id: {}']),
    expected: [`cardinality/forbidden-label@${F}:9:7`, `cardinality/unbounded-label@${F}:9:7`],
  },
];

/** `count` counters of 100 × 100 = 10 000 series each (at the per-metric budget), as items of `metrics:`. */
const metricsAtBudget = (prefix: string, count: number) =>
  Array.from(
    { length: count },
    (_, i) => `  - { name: ${prefix}_things_${i}_total, type: counter, help: Things., labels: { shard: { maxValues: 100 }, code: { maxValues: 100 } } }\n`,
  ).join('');

const budget: Case[] = [
  {
    name: 'A counter with 100 × 100 = 10 000 series is at the per-metric budget and passes.',
    file: withLabels(['endpoint: { maxValues: 100 }', 'method: { maxValues: 100 }']),
    expected: [],
  },
  {
    name: 'A counter with 100 × 100 × 2 = 20 000 series is flagged at the metric name.',
    file: withLabels(['endpoint: { maxValues: 100 }', 'method: { maxValues: 100 }', 'code: { values: ["2xx", "5xx"] }']),
    expected: [`cardinality/budget@${F}:5:11`],
  },
  {
    name: 'A classic histogram counts buckets + 3 series per label set: 50 × 20 × (10 + 3) = 13 000 is flagged.',
    file: withLabels(['endpoint: { maxValues: 50 }', 'method: { maxValues: 20 }'], HISTOGRAM, '', 'app_request_duration_seconds'),
    expected: [`cardinality/budget@${F}:5:11`],
  },
  {
    name: 'A summary counts 3 series per label set: 60 × 50 × 3 = 9 000 passes.',
    file: withLabels(['endpoint: { maxValues: 60 }', 'method: { maxValues: 50 }'], '    type: summary\n', '', 'app_request_duration_seconds'),
    expected: [],
  },
  {
    name: 'A summary with 70 × 50 × 3 = 10 500 series is flagged.',
    file: withLabels(['endpoint: { maxValues: 70 }', 'method: { maxValues: 50 }'], '    type: summary\n', '', 'app_request_duration_seconds'),
    expected: [`cardinality/budget@${F}:5:11`],
  },
  {
    name: 'Instances multiply: 3 instances × 50 × 100 = 15 000 series is flagged.',
    file: withLabels(['endpoint: { maxValues: 50 }', 'method: { maxValues: 100 }'], '    type: counter\n', 'instances: 3\n'),
    expected: [`cardinality/budget@${F}:6:11`],
  },
  {
    name: 'A metric with an unbounded label has no estimate, so only unbounded-label reports it.',
    file: withLabels(['endpoint: {}', 'method: { maxValues: 100 }', 'code: { maxValues: 100 }']),
    expected: [`cardinality/unbounded-label@${F}:9:7`],
  },
  {
    name: 'A service with 11 metrics of 10 000 series (110 000) is over the per-service budget, flagged at the service name.',
    file: `kind: Service\nname: app\nteam: core\nmetrics:\n${metricsAtBudget('app', 11)}`,
    expected: [`cardinality/budget@${F}:2:7`],
  },
];

describe.each([
  ['cardinality/label-values', labelValues],
  ['cardinality/unbounded-label', unbounded],
  ['cardinality/forbidden-label', forbidden],
  ['cardinality/budget', budget],
])('%s reports the right check at the right place', (_check, cases) => {
  it.each(cases)('$name', async ({ file, expected }) => {
    const { diagnostics } = await lintJson({ [F]: file });
    expect(diagnostics.map(where)).toEqual(expected);
  });
});

describe('cardinality/budget in total', () => {
  it('Eleven services of 100 000 series each (1 100 000) are over the total budget, flagged at the largest service, which is the first of equals.', async () => {
    const files: Record<string, string> = {};
    for (let s = 0; s < 11; s++) {
      const name = `svc${String(s).padStart(2, '0')}`;
      files[`definitions/${name}.yaml`] = `kind: Service\nname: ${name}\nteam: core\nmetrics:\n${metricsAtBudget(name, 10)}`;
    }
    const { diagnostics } = await lintJson(files);
    expect(diagnostics.map(where)).toEqual(['cardinality/budget@definitions/svc00.yaml:2:7']);
    expect(diagnostics[0]?.message).toBe('all definitions together may have 1100000 series, over the total budget of 1000000 (the largest service is svc00)');
  });

  it('The message shows every factor of the estimate.', async () => {
    const { diagnostics } = await lintJson({
      [F]: withLabels(['endpoint: { maxValues: 50 }', 'method: { maxValues: 20 }'], HISTOGRAM, '', 'app_request_duration_seconds'),
    });
    expect(diagnostics.map((d) => d.message)).toEqual([
      'app_request_duration_seconds may have 13000 series (1 instance(s) × 50 endpoint × 20 method × 13 series per label set), over the budget of 10000 per metric',
    ]);
  });
});

/** A service whose metric app_hits_total has `labels`, recorded by one rule `expr` (line 8, column 11). */
const withRuleOver = (labels: string, expr: string, service = '') =>
  `kind: Service\nname: app\nteam: core\n${service}metrics:\n  - { name: app_hits_total, type: counter, help: Hits., labels: { ${labels} } }\nrecordingRules:\n  - record: job:app_hits:rate5m\n    expr: ${expr}\n`;

describe('cardinality/rule-output estimates the series each rule outputs from the labels it keeps', () => {
  const wide = 'endpoint: { maxValues: 100 }, tenant: { maxValues: 100 }, code: { values: ["2xx", "5xx"] }';
  it.each([
    {
      name: 'A rule that aggregates to one label of 100 values outputs 100 series and passes; the metric itself is over budget.',
      file: withRuleOver(wide, 'sum by (endpoint) (rate(app_hits_total[5m]))'),
      expected: [`cardinality/budget@${F}:5:13`],
    },
    {
      name: 'A rule that keeps every label outputs 20 000 series and is flagged at its expression, besides the metric.',
      file: withRuleOver(wide, 'rate(app_hits_total[5m])'),
      expected: [`cardinality/budget@${F}:5:13`, `cardinality/rule-output@${F}:8:11`],
    },
    {
      name: 'without () keeps the other labels: without (code) leaves 100 × 100 = 10 000 series, at the budget.',
      file: withRuleOver(wide, 'sum without (code) (rate(app_hits_total[5m]))'),
      expected: [`cardinality/budget@${F}:5:13`],
    },
    {
      name: 'without (code) with 3 instances keeps instance: 3 × 100 × 100 = 30 000 series, flagged.',
      file: withRuleOver(wide, 'sum without (code) (rate(app_hits_total[5m]))', 'instances: 3\n'),
      expected: [`cardinality/budget@${F}:6:13`, `cardinality/rule-output@${F}:9:11`],
    },
    {
      name: 'A rule over a small metric passes.',
      file: withRuleOver('code: { values: ["2xx", "5xx"] }', 'sum by (code) (rate(app_hits_total[5m]))'),
      expected: [],
    },
  ])('$name', async ({ file, expected }) => {
    const { diagnostics } = await lintJson({ [F]: file });
    expect(diagnostics.map(where)).toEqual(expected);
  });
});
