/** catalog/histogram-quantile: histogram_quantile() reads rates of _bucket series that keep the le label. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, ruleCase, withRule, type Case } from './fixture.ts';

const ID = 'catalog/histogram-quantile';
const rule = (name: string, expr: string, fragments: readonly string[] = [], extraRules = '') => ruleCase(ID, name, expr, fragments, extraRules);

/** A service with one histogram and one alert on `expr`, written as a plain scalar. */
const withAlert = (expr: string) =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_request_duration_seconds, type: histogram, help: Latency., buckets: [0.1, 0.5, 1] }\nalerts:\n  - name: SlowRequests\n    expr: ${expr}\n    for: 5m\n    severity: warning\n    summary: Slow.\n    runbook: https://runbooks.example/slow\n`;

const CASES: readonly Case[] = [
  rule('Rates of buckets summed by le pass.', 'histogram_quantile(0.9, sum by (le) (rate(app_latency_seconds_bucket[5m])))'),
  rule('Rates of buckets summed by le and another label pass.', 'histogram_quantile(0.9, sum by (queue, le) (rate(app_latency_seconds_bucket[5m])))'),
  rule('Unaggregated bucket rates keep le and pass.', 'histogram_quantile(0.9, rate(app_latency_seconds_bucket[5m]))'),
  rule('Increases of buckets summed by le pass.', 'histogram_quantile(0.9, sum by (le) (increase(app_latency_seconds_bucket[1h])))'),
  rule('A parenthesised input is read through its parentheses and passes.', 'histogram_quantile(0.9, (sum by (le) (rate(app_latency_seconds_bucket[5m]))))'),
  rule(
    'A recorded bucket rate that keeps le passes.',
    'histogram_quantile(0.9, job:app_latency_seconds_bucket:rate5m)',
    [],
    '  - record: job:app_latency_seconds_bucket:rate5m\n    expr: sum by (job, le) (rate(app_latency_seconds_bucket[5m]))\n',
  ),
  rule('Buckets without rate are reported at the bucket selector.', 'histogram_quantile(0.9, app_latency_seconds_bucket)', ['app_latency_seconds_bucket']),
  rule(
    'Buckets summed by le without rate are reported at the bucket selector.',
    'histogram_quantile(0.9, sum by (le) (app_latency_seconds_bucket))',
    ['app_latency_seconds_bucket'],
  ),
  rule(
    'Bucket ranges read by max_over_time instead of a rate are reported at the function name.',
    'histogram_quantile(0.9, sum by (le) (max_over_time(app_latency_seconds_bucket[5m])))',
    ['max_over_time'],
  ),
  rule('sum by without le is reported at the grouping.', 'histogram_quantile(0.9, sum by (queue) (rate(app_latency_seconds_bucket[5m])))', ['by']),
  rule('sum without (le) is reported at the grouping.', 'histogram_quantile(0.9, sum without (le) (rate(app_latency_seconds_bucket[5m])))', ['without']),
  rule('sum with no grouping drops le and is reported at the aggregation.', 'histogram_quantile(0.9, sum(rate(app_latency_seconds_bucket[5m])))', ['sum']),
  rule(
    'A recorded bucket rate that dropped le is reported at the recorded series.',
    'histogram_quantile(0.9, job:app_latency_seconds_bucket:rate5m)',
    ['job:app_latency_seconds_bucket:rate5m'],
    '  - record: job:app_latency_seconds_bucket:rate5m\n    expr: sum by (job) (rate(app_latency_seconds_bucket[5m]))\n',
  ),
  {
    name: 'Buckets without rate in an alert are reported at the bucket selector.',
    files: { [F]: withAlert('histogram_quantile(0.95, app_request_duration_seconds_bucket) > 1') },
    expected: (files) => [at(ID, F, files[F] ?? '', 'app_request_duration_seconds_bucket)')],
  },
  {
    name: 'Rates of buckets summed by job and le in an alert pass.',
    files: { [F]: withAlert('histogram_quantile(0.95, sum by (job, le) (rate(app_request_duration_seconds_bucket[5m]))) > 1') },
    expected: () => [],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it.each([
    {
      expr: 'histogram_quantile(0.9, app_latency_seconds_bucket)',
      message:
        'histogram_quantile() over "app_latency_seconds_bucket" without rate(): the buckets count since the process started. Use sum by (le) (rate(app_latency_seconds_bucket[5m]))',
    },
    {
      expr: 'histogram_quantile(0.9, sum by (le) (max_over_time(app_latency_seconds_bucket[5m])))',
      message: 'histogram_quantile() over max_over_time() of "app_latency_seconds_bucket": bucket counters need rate() or increase() before a quantile',
    },
    {
      expr: 'histogram_quantile(0.9, sum(rate(app_latency_seconds_bucket[5m])))',
      message: 'histogram_quantile() needs the le label, but this expression drops it; keep le in the grouping, e.g. sum by (le) (…)',
    },
  ])('says what is wrong and how to write it: $message', async ({ expr, message }) => {
    const diagnostics = await lint({ [F]: withRule(expr) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([message]);
  });
});
