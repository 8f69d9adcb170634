/** promql/version: expressions use only PromQL the target Prometheus version has (prometheus.version, default 2). */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, exprAt, recordIn, RF, type RuleFileCase, ruleFiles, V3 } from './fixture.ts';

const ID = 'promql/version';

const CASES: readonly Case[] = [
  { name: 'limitk is rejected by default (Prometheus 2).', expr: 'limitk(2, app_queue_depth)', expected: [[ID, 'limitk']] },
  { name: 'limitk is accepted with prometheus version 3.', expr: 'limitk(2, app_queue_depth)', config: V3, expected: [] },
  { name: 'histogram_avg is rejected by default (Prometheus 2).', expr: 'histogram_avg(rate(app_latency_seconds_bucket[5m]))', expected: [[ID, 'histogram_avg']] },
  { name: 'histogram_avg is accepted with prometheus version 3.', expr: 'histogram_avg(rate(app_latency_seconds_bucket[5m]))', config: V3, expected: [] },
  {
    name: 'double_exponential_smoothing is rejected by default (Prometheus 2).',
    expr: 'double_exponential_smoothing(app_queue_depth[1h], 0.5, 0.5)',
    expected: [[ID, 'double_exponential_smoothing']],
  },
  { name: 'double_exponential_smoothing is accepted with prometheus version 3.', expr: 'double_exponential_smoothing(app_queue_depth[1h], 0.5, 0.5)', config: V3, expected: [] },
  { name: 'holt_winters is accepted on Prometheus 2.', expr: 'holt_winters(app_queue_depth[1h], 0.5, 0.5)', expected: [] },
  {
    name: 'holt_winters is rejected on Prometheus 3, which renamed it, as a version problem.',
    expr: 'holt_winters(app_queue_depth[1h], 0.5, 0.5)',
    config: V3,
    expected: [[ID, 'holt_winters']],
  },
  { name: 'A quoted metric name is rejected on Prometheus 2.', expr: '{"app_queue_depth"}', expected: [[ID, '{']] },
  { name: 'A quoted metric name is accepted on Prometheus 3.', expr: '{"app_queue_depth"}', config: V3, expected: [] },
  { name: 'A quoted label name is rejected on Prometheus 2.', expr: 'app_queue_depth{"queue"="fast"}', expected: [[ID, 'app_queue_depth']] },
  { name: 'A quoted label name is accepted on Prometheus 3.', expr: 'app_queue_depth{"queue"="fast"}', config: V3, expected: [] },
  { name: 'A range written as a plain number of seconds is rejected on Prometheus 2, at the duration.', expr: 'rate(app_jobs_total[300])', expected: [[ID, '300']] },
  { name: 'A range written as a plain number of seconds is accepted on Prometheus 3.', expr: 'rate(app_jobs_total[300])', config: V3, expected: [] },
  { name: 'An offset written as a plain number of seconds is rejected on Prometheus 2, at the duration.', expr: 'app_queue_depth offset 300', expected: [[ID, '300']] },
  { name: 'A subquery step written as a plain number is rejected on Prometheus 2, at the step.', expr: 'max_over_time(app_queue_depth[1h:60])', expected: [[ID, '60']] },
  { name: 'A subquery step written as a plain number is accepted on Prometheus 3.', expr: 'max_over_time(app_queue_depth[1h:60])', config: V3, expected: [] },
  {
    name: 'A bucket matched as le="1" is reported on Prometheus 3, which writes 1.0, at the value.',
    expr: 'rate(app_latency_seconds_bucket{le="1"}[5m])',
    config: V3,
    expected: [[ID, '"1"']],
  },
  { name: 'A bucket matched as le="1" passes on Prometheus 2, which keeps what the target exposes.', expr: 'rate(app_latency_seconds_bucket{le="1"}[5m])', expected: [] },
  { name: 'A bucket matched as le="0.1" or le="+Inf" passes on Prometheus 3: that is how it writes them.', expr: 'rate(app_latency_seconds_bucket{le=~"0.1",le!="+Inf"}[5m]) + rate(app_latency_seconds_bucket{le="0.1"}[5m])', config: V3, expected: [] },
  { name: 'A bucket matched by a regex is not checked for its spelling.', expr: 'rate(app_latency_seconds_bucket{le=~"1(\\\\.0)?"}[5m])', config: V3, expected: [] },
  { name: 'Functions both versions have pass on Prometheus 2.', expr: 'sum by (queue) (rate(app_jobs_total[5m])) / scalar(sum(app_queue_depth))', expected: [] },
];

const RULE_FILE_CASES: readonly RuleFileCase[] = [
  { name: 'Rule files target Prometheus 2: holt_winters passes.', file: recordIn('holt_winters(up[1h], 0.5, 0.5)'), expected: () => [] },
  { name: 'Rule files target Prometheus 2: durations with units pass.', file: recordIn('rate(up[5m] offset 1h)'), expected: () => [] },
  { name: 'Rule files target Prometheus 2: limitk is flagged at the aggregation.', file: recordIn('limitk(1, up)'), expected: (f) => [at(ID, RF, f, 'limitk')] },
  { name: 'Rule files target Prometheus 2: a quoted metric name is flagged at the selector.', file: recordIn("'{\"up\"}'"), expected: (f) => [at(ID, RF, f, '{')] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ expr, expected, config }) => {
    const diagnostics = await lint(ruleFiles(expr, config));
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected.map((e) => exprAt(expr, e)));
  });

  it.each(RULE_FILE_CASES)('In a rule file: $name', async ({ file, expected }) => {
    const diagnostics = await lint({ [RF]: file }, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(file));
  });

  it('names what the target version lacks', async () => {
    const messages = async (expr: string, config?: string) => (await lint(ruleFiles(expr, config))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages('limitk(2, app_queue_depth)')).toEqual(['aggregation "limitk" is not in Prometheus 2']);
    expect(await messages('histogram_avg(rate(app_latency_seconds_bucket[5m]))')).toEqual(['function "histogram_avg" is not in Prometheus 2']);
    expect(await messages('holt_winters(app_queue_depth[1h], 0.5, 0.5)', V3)).toEqual(['function "holt_winters" is not in Prometheus 3']);
    expect(await messages('{"app_queue_depth"}')).toEqual(['a quoted (UTF-8) metric or label name needs Prometheus 3; the target is Prometheus 2']);
    expect(await messages('rate(app_jobs_total[300])')).toEqual(['a range written as a number or an expression needs Prometheus 3; the target is Prometheus 2']);
    expect(await messages('rate(app_latency_seconds_bucket{le="1"}[5m])', V3)).toEqual([
      'Prometheus 3 writes le="1.0", not "1": match le="1.0", or le=~"1|1\\\\.0" for Prometheus 2 and 3',
    ]);
    expect(await messages('rate(app_latency_seconds_bucket{le!="1000000"}[5m])', V3)).toEqual([
      'Prometheus 3 writes le="1e+06", not "1000000": match le!="1e+06", or le!~"1000000|1e\\\\+06" for Prometheus 2 and 3',
    ]);
  });
});
