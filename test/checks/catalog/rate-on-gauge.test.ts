/** catalog/rate-on-gauge: rate(), irate() and increase() read counters only, not gauges, info metrics or summary quantiles. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, ruleCase, withRule, type Case } from './fixture.ts';

const ID = 'catalog/rate-on-gauge';
const rule = (name: string, expr: string, fragments: readonly (string | readonly [string, number])[] = [], extraRules = '') =>
  ruleCase(ID, name, expr, fragments, extraRules);

/** A service with one gauge and one alert on `expr`, written as a plain scalar. */
const withAlert = (expr: string) =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_open_files, type: gauge, help: Open files. }\nalerts:\n  - name: FilesLeaking\n    expr: ${expr}\n    for: 15m\n    severity: warning\n    summary: Files leak.\n    runbook: https://runbooks.example/files\n`;

const CASES: readonly Case[] = [
  rule('rate of a counter passes.', 'rate(app_jobs_total[5m])'),
  rule("rate of a histogram's _bucket, _sum and _count series passes.", 'rate(app_latency_seconds_sum[5m]) / rate(app_latency_seconds_count[5m]) + sum by (le) (rate(app_latency_seconds_bucket[5m]))'),
  rule("rate of a summary's _count and increase of its _sum pass.", 'rate(app_rpc_seconds_count[5m]) + increase(app_rpc_seconds_sum[1h])'),
  rule('deriv and delta of a gauge pass.', 'deriv(app_queue_depth[5m]) + delta(app_queue_depth[5m])'),
  rule('Gauge functions over time (avg_over_time, max_over_time) pass.', 'avg_over_time(app_queue_depth[5m]) + max_over_time(app_queue_depth[5m])'),
  rule(
    "A recording rule output and Prometheus' own series (up) are not checked.",
    'rate(job:app_jobs:rate5m[5m]) + rate(up[5m])',
    [],
    '  - record: job:app_jobs:rate5m\n    expr: sum by (job) (rate(app_jobs_total[5m]))\n',
  ),
  rule('rate of a gauge is reported at the function name.', 'rate(app_queue_depth[5m])', ['rate']),
  rule('increase of a gauge is reported at the function name.', 'sum(increase(app_queue_depth[1h]))', ['increase']),
  rule('irate of a gauge is reported at the function name.', 'irate(app_queue_depth[5m])', ['irate']),
  rule("rate of a summary's quantile series (a gauge) is reported.", 'rate(app_rpc_seconds[5m])', ['rate']),
  rule('rate of an info metric is reported.', 'rate(app_build_info[5m])', ['rate']),
  rule('rate of a gauge with a matcher and an offset is reported.', 'rate(app_queue_depth{queue="fast"}[5m] offset 1h)', ['rate']),
  rule('Each rate of a gauge is reported, not the rate of the counter between them.', 'rate(app_queue_depth[5m]) + rate(app_jobs_total[5m]) + irate(app_queue_depth[1m])', [['rate', 1], 'irate']),
  {
    name: 'rate of a gauge in an alert is reported at the function name.',
    files: { [F]: withAlert('rate(app_open_files[10m]) > 0') },
    expected: (files) => [at(ID, F, files[F] ?? '', 'rate(')],
  },
  { name: 'deriv of a gauge in an alert passes.', files: { [F]: withAlert('deriv(app_open_files[10m]) > 0') }, expected: () => [] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('names the function, the series and its type, and what to use instead', async () => {
    const diagnostics = await lint({ [F]: withRule('irate(app_queue_depth[5m])') });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'irate() on "app_queue_depth", a gauge: irate() treats every drop as a counter reset. Use deriv() or delta() for a gauge, or avg_over_time()/max_over_time()',
    ]);
  });
});
