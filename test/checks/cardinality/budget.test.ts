/** cardinality/budget: the estimated series of a metric, a service and all definitions stay within their budgets. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { CONFIG, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, HISTOGRAM, metricsAtBudget, metricsFile, withLabels, type Case } from './fixture.ts';

const ID = 'cardinality/budget';
const SHARED = 'definitions/shared.yaml';

/** A service `name` whose metrics are `metrics` (items of `metrics:`); its name is at 2:7. */
const service = (name: string, metrics: string, fields = '') => `kind: Service\nname: ${name}\nteam: core\n${fields}metrics:\n${metrics}`;

/** A service whose metric app_hits_total (at 5:13, or 6:13 with a service field) is read by one recording rule. */
const withRuleOver = (labels: string, expr: string, fields = '') =>
  `kind: Service\nname: app\nteam: core\n${fields}metrics:\n  - { name: app_hits_total, type: counter, help: Hits., labels: { ${labels} } }\nrecordingRules:\n  - record: job:app_hits:rate5m\n    expr: ${expr}\n`;

const WIDE = 'endpoint: { maxValues: 100 }, tenant: { maxValues: 100 }, code: { values: ["2xx", "5xx"] }';

const CASES: readonly Case[] = [
  {
    name: 'A counter with 100 × 100 = 10 000 series is at the per-metric budget and passes.',
    files: { [F]: withLabels(['endpoint: { maxValues: 100 }', 'method: { maxValues: 100 }']) },
    expected: () => [],
  },
  {
    name: 'A counter with 100 × 100 × 2 = 20 000 series is reported at the metric name.',
    files: { [F]: withLabels(['endpoint: { maxValues: 100 }', 'method: { maxValues: 100 }', 'code: { values: ["2xx", "5xx"] }']) },
    expected: () => [`${ID}@${F}:5:11`],
  },
  {
    name: 'A classic histogram counts buckets + 3 series per label set: 50 × 20 × (10 + 3) = 13 000 is reported.',
    files: { [F]: withLabels(['endpoint: { maxValues: 50 }', 'method: { maxValues: 20 }'], HISTOGRAM, '', 'app_request_duration_seconds') },
    expected: () => [`${ID}@${F}:5:11`],
  },
  {
    name: 'A histogram with one bucket counts 1 + 3 series per label set: 50 × 20 × 4 = 4 000 passes.',
    files: { [F]: withLabels(['endpoint: { maxValues: 50 }', 'method: { maxValues: 20 }'], '    type: histogram\n    buckets: [1]\n', '', 'app_request_duration_seconds') },
    expected: () => [],
  },
  {
    name: 'A histogram without buckets is counted with 10: 40 × 20 × (10 + 3) = 10 400 is reported.',
    files: { [F]: withLabels(['endpoint: { maxValues: 40 }', 'method: { maxValues: 20 }'], '    type: histogram\n', '', 'app_request_duration_seconds') },
    expected: () => [`${ID}@${F}:5:11`],
  },
  {
    name: 'A summary counts 3 series per label set: 60 × 50 × 3 = 9 000 passes.',
    files: { [F]: withLabels(['endpoint: { maxValues: 60 }', 'method: { maxValues: 50 }'], '    type: summary\n', '', 'app_request_duration_seconds') },
    expected: () => [],
  },
  {
    name: 'A summary with 70 × 50 × 3 = 10 500 series is reported.',
    files: { [F]: withLabels(['endpoint: { maxValues: 70 }', 'method: { maxValues: 50 }'], '    type: summary\n', '', 'app_request_duration_seconds') },
    expected: () => [`${ID}@${F}:5:11`],
  },
  {
    name: 'Instances multiply: 3 instances × 50 × 100 = 15 000 series is reported.',
    files: { [F]: withLabels(['endpoint: { maxValues: 50 }', 'method: { maxValues: 100 }'], '    type: counter\n', 'instances: 3\n') },
    expected: () => [`${ID}@${F}:6:11`],
  },
  {
    name: 'Scrape targets count as instances: 2 targets × 100 × 100 = 20 000 series is reported.',
    files: { [F]: withLabels(['endpoint: { maxValues: 100 }', 'method: { maxValues: 100 }'], '    type: counter\n', 'scrape:\n  targets: ["a:8080", "b:8080"]\n') },
    expected: () => [`${ID}@${F}:7:11`],
  },
  {
    name: 'A metric of a Metrics file counts one instance: 100 × 100 = 10 000 passes.',
    files: { [SHARED]: metricsFile('endpoint: { maxValues: 100 }, method: { maxValues: 100 }') },
    expected: () => [],
  },
  {
    name: 'A metric of a Metrics file over budget is reported at its name there.',
    files: { [SHARED]: metricsFile('endpoint: { maxValues: 100 }, method: { maxValues: 100 }, code: { maxValues: 5 }') },
    expected: (files) => [at(ID, SHARED, files[SHARED] ?? '', 'shared_requests_total')],
  },
  {
    name: 'A metric with an unbounded label has no estimate, so it is not reported (cardinality/unbounded-label reports the label).',
    files: { [F]: withLabels(['endpoint: {}', 'method: { maxValues: 100 }', 'code: { maxValues: 100 }']) },
    expected: () => [],
  },
  {
    name: 'A metric over budget is reported once at its name, whether or not a rule reads it.',
    files: { [F]: withRuleOver(WIDE, 'sum by (endpoint) (rate(app_hits_total[5m]))') },
    expected: () => [`${ID}@${F}:5:13`],
  },
  {
    name: 'A metric over budget read by a rule that keeps every label is reported at its name, with instances from the service.',
    files: { [F]: withRuleOver(WIDE, 'sum without (code) (rate(app_hits_total[5m]))', 'instances: 3\n') },
    expected: () => [`${ID}@${F}:6:13`],
  },
  {
    name: 'A service with 10 metrics of 10 000 series (100 000) is at the per-service budget and passes.',
    files: { [F]: service('app', metricsAtBudget('app', 10)) },
    expected: () => [],
  },
  {
    name: 'A service with 11 metrics of 10 000 series (110 000) is over the per-service budget, reported at the service name.',
    files: { [F]: service('app', metricsAtBudget('app', 11)) },
    expected: () => [`${ID}@${F}:2:7`],
  },
  {
    name: 'A higher seriesPerMetric in the config lets a counter of 20 000 series pass.',
    files: {
      [F]: withLabels(['endpoint: { maxValues: 100 }', 'method: { maxValues: 100 }', 'code: { values: ["2xx", "5xx"] }']),
      [CONFIG]: 'cardinality:\n  seriesPerMetric: 50000\n',
    },
    expected: () => [],
  },
  {
    name: 'A lower seriesPerService in the config reports a service of 2 metrics of 10 000 series.',
    files: { [F]: service('app', metricsAtBudget('app', 2)), [CONFIG]: 'cardinality:\n  seriesPerService: 15000\n' },
    expected: () => [`${ID}@${F}:2:7`],
  },
  {
    name: 'Over the total budget, the largest service is reported at its name, not the first one.',
    files: {
      'definitions/a.yaml': service('small', '  - { name: small_things_total, type: counter, help: Things., labels: { code: { maxValues: 10 } } }\n'),
      'definitions/b.yaml': service('large', metricsAtBudget('large', 2)),
      [CONFIG]: 'cardinality:\n  seriesTotal: 20000\n',
    },
    expected: () => [`${ID}@definitions/b.yaml:2:7`],
  },
  {
    name: 'Services whose sum is at the total budget pass.',
    files: {
      'definitions/a.yaml': service('small', '  - { name: small_things_total, type: counter, help: Things., labels: { code: { maxValues: 10 } } }\n'),
      'definitions/b.yaml': service('large', metricsAtBudget('large', 2)),
      [CONFIG]: 'cardinality:\n  seriesTotal: 20010\n',
    },
    expected: () => [],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('shows every factor of a metric estimate in the message', async () => {
    const diagnostics = await lint({
      [F]: withLabels(['endpoint: { maxValues: 50 }', 'method: { maxValues: 20 }'], HISTOGRAM, '', 'app_request_duration_seconds'),
    });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'app_request_duration_seconds may have 13000 series (1 instance(s) × 50 endpoint × 20 method × 13 series per label set), over the budget of 10000 per metric',
    ]);
  });

  it('leaves out the series per label set of a counter, and counts its instances', async () => {
    const diagnostics = await lint({ [F]: withLabels(['endpoint: { maxValues: 50 }', 'method: { maxValues: 100 }'], '    type: counter\n', 'instances: 3\n') });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'app_requests_total may have 15000 series (3 instance(s) × 50 endpoint × 100 method), over the budget of 10000 per metric',
    ]);
  });

  it('names the service and its budget', async () => {
    const diagnostics = await lint({ [F]: service('app', metricsAtBudget('app', 11)) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual(['service app may have 110000 series, over the budget of 100000 per service']);
  });

  it('reports eleven services of 100 000 series each (1 100 000) over the total budget at the largest service, the first of equals', async () => {
    const files: Record<string, string> = {};
    for (let s = 0; s < 11; s++) {
      const name = `svc${String(s).padStart(2, '0')}`;
      files[`definitions/${name}.yaml`] = service(name, metricsAtBudget(name, 10));
    }
    const diagnostics = (await lint(files)).filter((d) => d.check === ID);
    expect(diagnostics.map(where)).toEqual([`${ID}@definitions/svc00.yaml:2:7`]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'all definitions together may have 1100000 series, over the total budget of 1000000 (the largest service is svc00)',
    ]);
  });
});
