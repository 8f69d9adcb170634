/**
 * promql/type, promql/regex, promql/version and promql/range-result: each case is one
 * recording rule in a small service, and asserts which checks fire and at which character.
 *
 * The expression is written as a YAML block scalar on line 11 from column 7, so a finding
 * at offset i of the expression is at 11:(7 + i); `at()` computes that from a fragment of
 * the expression, which keeps each case readable.
 */
import { describe, expect, it } from 'vitest';
import { lintJson, where } from '../helpers/project.ts';
import { fragmentAt, type Expected } from '../helpers/fragments.ts';

const F = 'definitions/app.yaml';
const EXPR_LINE = 11;
const EXPR_COLUMN = 7;

const METRICS = [
  '  - { name: app_jobs_total, type: counter, help: Jobs., labels: { queue: { values: [fast, slow] } } }',
  '  - { name: app_queue_depth, type: gauge, help: Depth., labels: { queue: { values: [fast, slow] } } }',
  '  - { name: app_latency_seconds, type: histogram, help: Latency., buckets: [0.1, 1], labels: { queue: { values: [fast, slow] } } }',
].join('\n');

/** A service whose one recording rule records `expr` (line 11, column 7). */
const withRule = (expr: string) =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n${METRICS}\nrecordingRules:\n  - record: job:app_jobs:test\n    expr: |\n      ${expr}\n`;

function at(expr: string, expected: Expected): string {
  return fragmentAt(F, EXPR_LINE, EXPR_COLUMN, expr, expected);
}

interface Case {
  readonly name: string;
  readonly expr: string;
  readonly expected: readonly Expected[];
  /** monc.config.yaml, when the case needs one. */
  readonly config?: string;
}

const V3 = 'prometheus: { version: 3 }\n';

async function lintRule({ expr, config }: Case): Promise<string[]> {
  const files: Record<string, string> = { [F]: withRule(expr) };
  if (config !== undefined) files['monc.config.yaml'] = config;
  const { diagnostics } = await lintJson(files);
  return diagnostics.map(where);
}

const typeCases: Case[] = [
  // Valid expressions.
  { name: 'A rate over a range selector, aggregated by a label, is well-typed.', expr: 'sum by (queue) (rate(app_jobs_total[5m]))', expected: [] },
  { name: 'topk with a number parameter is well-typed.', expr: 'topk(3, rate(app_jobs_total[5m]))', expected: [] },
  { name: 'count_values with a string parameter is well-typed.', expr: 'count_values("depth", app_queue_depth)', expected: [] },
  { name: 'quantile with a number parameter is well-typed.', expr: 'quantile(0.9, app_queue_depth)', expected: [] },
  { name: 'A comparison between two scalars with bool is well-typed.', expr: '1 > bool 2', expected: [] },
  { name: 'A comparison between a vector and a scalar needs no bool.', expr: 'app_queue_depth > 10', expected: [] },
  { name: 'Many-to-one matching with on and group_left is well-typed.', expr: 'rate(app_jobs_total[5m]) * on (queue) group_left app_queue_depth', expected: [] },
  { name: 'A set operator between two vectors is well-typed.', expr: 'app_queue_depth > 10 and on (queue) rate(app_jobs_total[5m]) > 0', expected: [] },
  { name: 'A subquery over an instant-vector expression is well-typed.', expr: 'max_over_time(rate(app_jobs_total[5m])[1h:1m])', expected: [] },
  { name: 'offset on a selector is well-typed.', expr: 'app_queue_depth offset 5m', expected: [] },
  { name: 'offset on a range selector inside a function is well-typed.', expr: 'rate(app_jobs_total[5m] offset 1h)', expected: [] },
  { name: 'Unary minus on a vector is well-typed.', expr: '-app_queue_depth', expected: [] },
  { name: 'clamp with all three arguments is well-typed.', expr: 'clamp(app_queue_depth, 0, 10)', expected: [] },
  { name: 'round without its optional second argument is well-typed.', expr: 'round(app_queue_depth)', expected: [] },
  { name: 'label_join with several source labels (variadic) is well-typed.', expr: 'label_join(app_queue_depth, "dst", ",", "queue", "job")', expected: [] },
  // Function arguments: types and counts.
  { name: 'rate of an instant vector is flagged at the argument.', expr: 'rate(app_jobs_total)', expected: [['promql/type', 'app_jobs_total']] },
  { name: 'vector of a string is flagged at the argument.', expr: 'vector("1")', expected: [['promql/type', '"1"']] },
  { name: 'sum_over_time of a scalar is flagged at the argument.', expr: 'sum_over_time(1)', expected: [['promql/type', '1']] },
  { name: 'clamp with two arguments instead of three is flagged at the call.', expr: 'clamp(app_queue_depth, 1)', expected: [['promql/type', 'clamp']] },
  { name: 'label_replace with four arguments instead of five is flagged at the call.', expr: 'label_replace(app_queue_depth, "a", "b", "c")', expected: [['promql/type', 'label_replace']] },
  { name: 'rate with an extra argument is flagged at the call.', expr: 'rate(app_jobs_total[5m], 1)', expected: [['promql/type', 'rate']] },
  // Aggregation parameters.
  { name: 'topk with a string parameter is flagged at the parameter.', expr: 'topk("5", app_jobs_total)', expected: [['promql/type', '"5"']] },
  { name: 'count_values with a number parameter is flagged at the parameter.', expr: 'count_values(5, app_queue_depth)', expected: [['promql/type', '5']] },
  { name: 'quantile with a string parameter is flagged at the parameter.', expr: 'quantile("0.9", app_queue_depth)', expected: [['promql/type', '"0.9"']] },
  { name: 'quantile without its parameter is flagged at the aggregation.', expr: 'quantile(app_queue_depth)', expected: [['promql/type', 'quantile']] },
  { name: 'sum over a range vector is flagged at the range selector.', expr: 'sum(app_jobs_total[5m])', expected: [['promql/type', 'app_jobs_total']] },
  // Binary operators.
  { name: 'and with a scalar on one side is flagged at the operator.', expr: 'app_jobs_total and 1', expected: [['promql/type', 'and']] },
  { name: 'unless between two scalars is flagged at the operator.', expr: '1 unless 2', expected: [['promql/type', 'unless']] },
  { name: 'A comparison between two scalars without bool is flagged at the operator.', expr: '1 > 2', expected: [['promql/type', '>']] },
  { name: 'bool on an arithmetic operator is flagged at the operator.', expr: 'app_queue_depth + bool 1', expected: [['promql/type', '+']] },
  { name: 'Vector matching (on) with a scalar on one side is flagged at the matching clause.', expr: 'app_queue_depth + on (queue) 1', expected: [['promql/type', 'on']] },
  { name: 'group_left with and is flagged at the matching clause.', expr: 'app_jobs_total and on (queue) group_left app_queue_depth', expected: [['promql/type', 'on']] },
  {
    name: 'The same label in on() and group_left() is flagged at its place in group_left.',
    expr: 'app_jobs_total * on (queue) group_left (queue) app_queue_depth',
    expected: [['promql/type', 'queue', 2]],
  },
  { name: 'A string operand of an arithmetic operator is flagged at the string.', expr: '"abc" + 1', expected: [['promql/type', '"abc"']] },
  // Subqueries, offset, unary.
  { name: 'A subquery over a range vector is flagged at the range vector.', expr: 'app_jobs_total[5m][10m:1m]', expected: [['promql/type', 'app_jobs_total']] },
  { name: 'offset on a function call is flagged at the expression.', expr: 'rate(app_jobs_total[5m]) offset 5m', expected: [['promql/type', 'rate']] },
  { name: 'Unary minus on a string is flagged at the expression.', expr: '-"abc"', expected: [['promql/type', '-']] },
];

const regexCases: Case[] = [
  { name: 'An alternation of declared values is a valid RE2 regex.', expr: 'app_queue_depth{queue=~"fast|slow"}', expected: [] },
  { name: 'A case-insensitive flag is valid RE2.', expr: 'app_queue_depth{job!~"(?i)API.*"}', expected: [] },
  { name: 'An unclosed group is flagged at the regex string.', expr: 'app_queue_depth{queue=~"fa(st"}', expected: [['promql/regex', '"fa(st"']] },
  { name: 'A lookahead, valid in JavaScript but not in RE2, is flagged at the regex string.', expr: 'app_queue_depth{job=~"(?=api).*"}', expected: [['promql/regex', '"(?=api).*"']] },
  { name: 'A backreference, which RE2 does not support, is flagged in a !~ matcher too.', expr: 'app_queue_depth{job!~"(a)\\\\1"}', expected: [['promql/regex', '"(a)']] },
  {
    name: 'A lookahead on a label with declared values is reported once, by promql/regex, not also as a value outside the domain.',
    expr: 'app_queue_depth{queue=~"(?=fast)"}',
    expected: [['promql/regex', '"(?=fast)"']],
  },
];

const versionCases: Case[] = [
  { name: 'limitk is rejected by default (Prometheus 2).', expr: 'limitk(2, app_queue_depth)', expected: [['promql/version', 'limitk']] },
  { name: 'limitk is accepted with prometheus version 3.', expr: 'limitk(2, app_queue_depth)', config: V3, expected: [] },
  { name: 'histogram_avg is rejected by default (Prometheus 2).', expr: 'histogram_avg(rate(app_latency_seconds_bucket[5m]))', expected: [['promql/version', 'histogram_avg']] },
  { name: 'histogram_avg is accepted with prometheus version 3.', expr: 'histogram_avg(rate(app_latency_seconds_bucket[5m]))', config: V3, expected: [] },
  {
    name: 'double_exponential_smoothing is rejected by default (Prometheus 2).',
    expr: 'double_exponential_smoothing(app_queue_depth[1h], 0.5, 0.5)',
    expected: [['promql/version', 'double_exponential_smoothing']],
  },
  { name: 'double_exponential_smoothing is accepted with prometheus version 3.', expr: 'double_exponential_smoothing(app_queue_depth[1h], 0.5, 0.5)', config: V3, expected: [] },
  { name: 'holt_winters is accepted on Prometheus 2.', expr: 'holt_winters(app_queue_depth[1h], 0.5, 0.5)', expected: [] },
  {
    name: 'holt_winters is rejected on Prometheus 3, which renamed it, as a version problem.',
    expr: 'holt_winters(app_queue_depth[1h], 0.5, 0.5)',
    config: V3,
    expected: [['promql/version', 'holt_winters']],
  },
  { name: 'A quoted metric name is rejected on Prometheus 2.', expr: '{"app_queue_depth"}', expected: [['promql/version', '{']] },
  { name: 'A quoted metric name is accepted on Prometheus 3.', expr: '{"app_queue_depth"}', config: V3, expected: [] },
  { name: 'A quoted label name is rejected on Prometheus 2.', expr: 'app_queue_depth{"queue"="fast"}', expected: [['promql/version', 'app_queue_depth']] },
  { name: 'A quoted label name is accepted on Prometheus 3.', expr: 'app_queue_depth{"queue"="fast"}', config: V3, expected: [] },
  { name: 'A range written as a plain number of seconds is rejected on Prometheus 2, at the duration.', expr: 'rate(app_jobs_total[300])', expected: [['promql/version', '300']] },
  { name: 'A range written as a plain number of seconds is accepted on Prometheus 3.', expr: 'rate(app_jobs_total[300])', config: V3, expected: [] },
];

const rangeResultCases: Case[] = [
  { name: 'A range selector as a rule result is flagged at the expression.', expr: 'app_jobs_total[5m]', expected: [['promql/range-result', 'app_jobs_total']] },
  { name: 'A subquery as a rule result is flagged at the expression.', expr: 'app_queue_depth[1h:5m]', expected: [['promql/range-result', 'app_queue_depth']] },
  { name: 'A string as a rule result is flagged at the expression.', expr: '"abc"', expected: [['promql/range-result', '"abc"']] },
  { name: 'A rate of the range selector is an instant vector and passes.', expr: 'rate(app_jobs_total[5m])', expected: [] },
  { name: 'A function over a subquery is an instant vector and passes.', expr: 'max_over_time(app_queue_depth[1h:5m])', expected: [] },
  { name: 'A scalar as a rule result passes.', expr: 'scalar(sum(app_queue_depth))', expected: [] },
];

describe.each([
  ['promql/type', typeCases],
  ['promql/regex', regexCases],
  ['promql/version', versionCases],
  ['promql/range-result', rangeResultCases],
])('%s reports the right check at the right character', (_check, cases) => {
  it.each(cases)('$name', async (testCase) => {
    expect(await lintRule(testCase)).toEqual(testCase.expected.map((e) => at(testCase.expr, e)));
  });
});

describe('promql checks in alerts', () => {
  it('A range vector as an alert expression is flagged like in a recording rule.', async () => {
    const file = [
      'kind: Service',
      'name: app',
      'team: core',
      'metrics:',
      METRICS,
      'alerts:',
      '  - name: DepthHistory',
      '    expr: app_queue_depth[5m]',
      '    for: 5m',
      '    severity: info',
      '    summary: queue depth history',
      '    runbook: https://runbooks.example/depth',
      '',
    ].join('\n');
    const { diagnostics } = await lintJson({ [F]: file });
    expect(diagnostics.map(where)).toEqual([`promql/range-result@${F}:10:11`]);
  });
});
