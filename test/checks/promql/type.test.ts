/** promql/type: PromQL is well-typed: function arguments and counts, aggregation parameters, binary operators and vector matching, subqueries, offset and unary operators. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, exprAt, recordIn, RF, type RuleFileCase, ruleFiles } from './fixture.ts';

const ID = 'promql/type';

const CASES: readonly Case[] = [
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
  { name: 'rate of an instant vector is flagged at the argument.', expr: 'rate(app_jobs_total)', expected: [[ID, 'app_jobs_total']] },
  { name: 'vector of a string is flagged at the argument.', expr: 'vector("1")', expected: [[ID, '"1"']] },
  { name: 'sum_over_time of a scalar is flagged at the argument.', expr: 'sum_over_time(1)', expected: [[ID, '1']] },
  { name: 'clamp with two arguments instead of three is flagged at the call.', expr: 'clamp(app_queue_depth, 1)', expected: [[ID, 'clamp']] },
  { name: 'label_replace with four arguments instead of five is flagged at the call.', expr: 'label_replace(app_queue_depth, "a", "b", "c")', expected: [[ID, 'label_replace']] },
  { name: 'rate with an extra argument is flagged at the call.', expr: 'rate(app_jobs_total[5m], 1)', expected: [[ID, 'rate']] },
  // Aggregation parameters.
  { name: 'topk with a string parameter is flagged at the parameter.', expr: 'topk("5", app_jobs_total)', expected: [[ID, '"5"']] },
  { name: 'count_values with a number parameter is flagged at the parameter.', expr: 'count_values(5, app_queue_depth)', expected: [[ID, '5']] },
  { name: 'quantile with a string parameter is flagged at the parameter.', expr: 'quantile("0.9", app_queue_depth)', expected: [[ID, '"0.9"']] },
  { name: 'quantile without its parameter is flagged at the aggregation.', expr: 'quantile(app_queue_depth)', expected: [[ID, 'quantile']] },
  { name: 'sum over a range vector is flagged at the range selector.', expr: 'sum(app_jobs_total[5m])', expected: [[ID, 'app_jobs_total']] },
  // Binary operators.
  { name: 'and with a scalar on one side is flagged at the operator.', expr: 'app_jobs_total and 1', expected: [[ID, 'and']] },
  { name: 'unless between two scalars is flagged at the operator.', expr: '1 unless 2', expected: [[ID, 'unless']] },
  { name: 'A comparison between two scalars without bool is flagged at the operator.', expr: '1 > 2', expected: [[ID, '>']] },
  { name: 'bool on an arithmetic operator is flagged at the operator.', expr: 'app_queue_depth + bool 1', expected: [[ID, '+']] },
  { name: 'Vector matching (on) with a scalar on one side is flagged at the matching clause.', expr: 'app_queue_depth + on (queue) 1', expected: [[ID, 'on']] },
  { name: 'group_left with and is flagged at the matching clause.', expr: 'app_jobs_total and on (queue) group_left app_queue_depth', expected: [[ID, 'on']] },
  {
    name: 'The same label in on() and group_left() is flagged at its place in group_left.',
    expr: 'app_jobs_total * on (queue) group_left (queue) app_queue_depth',
    expected: [[ID, 'queue', 2]],
  },
  { name: 'A string operand of an arithmetic operator is flagged at the string.', expr: '"abc" + 1', expected: [[ID, '"abc"']] },
  // Subqueries, offset, unary.
  { name: 'A subquery over a range vector is flagged at the range vector.', expr: 'app_jobs_total[5m][10m:1m]', expected: [[ID, 'app_jobs_total']] },
  { name: 'offset on a function call is flagged at the expression.', expr: 'rate(app_jobs_total[5m]) offset 5m', expected: [[ID, 'rate']] },
  { name: 'Unary minus on a string is flagged at the expression.', expr: '-"abc"', expected: [[ID, '-']] },
];

const RULE_FILE_CASES: readonly RuleFileCase[] = [
  { name: 'A rate over a range selector in a rule file is well-typed.', file: recordIn('sum by (job) (rate(up[5m]))'), expected: () => [] },
  { name: 'A comparison with bool between scalars in a rule file is well-typed.', file: recordIn('scalar(up) > bool 1'), expected: () => [] },
  { name: 'rate of an instant vector in a rule file is flagged at the argument.', file: recordIn('rate(up)'), expected: (f) => [at(ID, RF, f, 'up)')] },
  { name: 'A set operator on a scalar in a rule file is flagged at the operator.', file: recordIn('up or 1'), expected: (f) => [at(ID, RF, f, 'or 1')] },
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

  it("gives Prometheus' own messages", async () => {
    const messages = async (expr: string) => (await lint(ruleFiles(expr))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages('rate(app_jobs_total)')).toEqual(['expected type range vector in call to function "rate", got instant vector']);
    expect(await messages('clamp(app_queue_depth, 1)')).toEqual(['expected 3 argument(s) in call to "clamp", got 2']);
    expect(await messages('topk("5", app_jobs_total)')).toEqual(['expected type scalar in aggregation parameter, got string']);
    expect(await messages('1 > 2')).toEqual(['comparisons between scalars must use BOOL modifier']);
    expect(await messages('app_jobs_total * on (queue) group_left (queue) app_queue_depth')).toEqual(['label "queue" must not occur in ON and GROUP clause at once']);
  });

  it('reports a type error alone: sum over a range vector is not also a range result (promql/range-result)', async () => {
    const diagnostics = await lint(ruleFiles('sum(app_jobs_total[5m])'));
    expect(diagnostics.map((d) => d.check)).toEqual([ID]);
  });
});
