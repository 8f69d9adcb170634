/** catalog/counter-threshold: a raw counter is not compared with a number; its rate or increase is. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, ruleCase, withRule, type Case } from './fixture.ts';

const ID = 'catalog/counter-threshold';
const rule = (name: string, expr: string, fragments: readonly (string | readonly [string, number])[] = [], extraRules = '') =>
  ruleCase(ID, name, expr, fragments, extraRules);

/** A service with one counter and one alert on `expr`, written as a plain scalar. */
const withAlert = (expr: string) =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_payment_failures_total, type: counter, help: Failed payments. }\nalerts:\n  - name: PaymentFailures\n    expr: ${expr}\n    for: 5m\n    severity: warning\n    summary: Payments fail.\n    runbook: https://runbooks.example/payments\n`;

const CASES: readonly Case[] = [
  rule('A rate compared with a threshold passes.', 'rate(app_jobs_total[5m]) > 1'),
  rule('An increase compared with a threshold passes.', 'increase(app_jobs_total[1h]) == 0'),
  rule('A gauge compared with a threshold passes.', 'app_queue_depth > 100'),
  rule("A summary's quantile series (a gauge) compared with a threshold passes.", 'app_rpc_seconds{quantile="0.99"} > 0.5'),
  rule('A counter compared with another vector is not a threshold and passes.', 'app_jobs_total > app_queue_depth'),
  rule(
    'A recorded rate compared with a threshold passes.',
    'job:app_jobs:rate5m > 1',
    [],
    '  - record: job:app_jobs:rate5m\n    expr: sum by (job) (rate(app_jobs_total[5m]))\n',
  ),
  rule('A raw counter compared with a number is reported at the selector.', 'app_jobs_total > 100', ['app_jobs_total']),
  rule('A threshold written on the left is reported at the selector.', '100 < app_jobs_total{queue="fast"}', ['app_jobs_total']),
  rule('A raw counter with bool is reported too.', 'app_jobs_total > bool 100', ['app_jobs_total']),
  rule('A raw counter with offset compared with a number is reported.', 'app_jobs_total offset 1h > 100', ['app_jobs_total']),
  rule("A histogram's _count compared with a number is reported.", 'app_latency_seconds_count > 1000', ['app_latency_seconds_count']),
  rule(
    "A histogram's _sum and _bucket compared with numbers are reported, each at its selector.",
    'app_latency_seconds_sum > 5 or app_latency_seconds_bucket > 3',
    ['app_latency_seconds_sum', 'app_latency_seconds_bucket'],
  ),
  rule('Only the raw counter of two comparisons is reported.', 'rate(app_jobs_total[5m]) > 1 and app_jobs_total > 0', [['app_jobs_total', 2]]),
  {
    name: 'A raw counter compared with a number in an alert is reported at the selector.',
    files: { [F]: withAlert('app_payment_failures_total > 100') },
    expected: (files) => [at(ID, F, files[F] ?? '', 'app_payment_failures_total > 100')],
  },
  { name: 'An increase compared with a number in an alert passes.', files: { [F]: withAlert('increase(app_payment_failures_total[1h]) > 100') }, expected: () => [] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('names the counter and the rate and increase to compare instead', async () => {
    const diagnostics = await lint({ [F]: withRule('app_jobs_total > 100') });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      '"app_jobs_total" is a counter: its raw value only grows, so a threshold on it fires by uptime, not by behaviour. Compare rate(app_jobs_total[5m]) or increase(app_jobs_total[1h])',
    ]);
  });
});
