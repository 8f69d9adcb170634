/** promql/range-result: a rule's expression evaluates to an instant vector or a scalar, not a range vector or a string, which Prometheus fails at evaluation. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, exprAt, F, group, METRICS, recordIn, RF, type RuleFileCase, ruleFiles } from './fixture.ts';

const ID = 'promql/range-result';

const CASES: readonly Case[] = [
  { name: 'A range selector as a rule result is flagged at the expression.', expr: 'app_jobs_total[5m]', expected: [[ID, 'app_jobs_total']] },
  { name: 'A subquery as a rule result is flagged at the expression.', expr: 'app_queue_depth[1h:5m]', expected: [[ID, 'app_queue_depth']] },
  { name: 'A string as a rule result is flagged at the expression.', expr: '"abc"', expected: [[ID, '"abc"']] },
  { name: 'A rate of the range selector is an instant vector and passes.', expr: 'rate(app_jobs_total[5m])', expected: [] },
  { name: 'A function over a subquery is an instant vector and passes.', expr: 'max_over_time(app_queue_depth[1h:5m])', expected: [] },
  { name: 'A scalar as a rule result passes.', expr: 'scalar(sum(app_queue_depth))', expected: [] },
  { name: 'An expression with a type error is left to promql/type.', expr: 'sum(app_jobs_total[5m])', expected: [] },
  { name: 'A range selector with offset as a rule result is flagged at the expression.', expr: 'app_jobs_total[5m] offset 1h', expected: [[ID, 'app_jobs_total']] },
];

/** A service with one alert over `expr` (line 10, from column 11). */
const withAlert = (expr: string) =>
  ['kind: Service', 'name: app', 'team: core', 'metrics:', METRICS, 'alerts:', '  - name: DepthHistory', `    expr: ${expr}`, '    for: 5m', '    severity: info', '    summary: queue depth history', '    runbook: https://runbooks.example/depth', ''].join('\n');

const RULE_FILE_CASES: readonly RuleFileCase[] = [
  { name: 'A rate in a rule file passes.', file: recordIn('rate(up[5m])'), expected: () => [] },
  { name: 'A number as an alert expression passes.', file: group('      - alert: Always\n        expr: vector(1)\n'), expected: () => [] },
  { name: 'A range selector in a rule file is flagged at the expression.', file: recordIn('up[5m]'), expected: (f) => [at(ID, RF, f, 'up[5m]')] },
  { name: 'A string as an alert expression in a rule file is flagged.', file: group('      - alert: Text\n        expr: \'"down"\'\n'), expected: (f) => [at(ID, RF, f, '"down"')] },
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

  it('flags a range vector as an alert expression like in a recording rule', async () => {
    const diagnostics = await lint({ [F]: withAlert('app_queue_depth[5m]') });
    expect(diagnostics.map(where)).toEqual([`${ID}@${F}:10:11`]);
  });

  it('passes an alert over an instant vector', async () => {
    const diagnostics = await lint({ [F]: withAlert('max_over_time(app_queue_depth[5m]) > 100') });
    expect(diagnostics.filter((d) => d.check === ID)).toEqual([]);
  });

  it('says what the rule evaluates to and what to do', async () => {
    const messages = async (expr: string) => (await lint(ruleFiles(expr))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages('app_jobs_total[5m]')).toEqual([
      'the rule evaluates to a range vector; Prometheus fails such a rule at evaluation (promtool accepts it). Wrap it in a function such as rate() or last_over_time()',
    ]);
    expect(await messages('"abc"')).toEqual(['the rule evaluates to a string; Prometheus fails such a rule at evaluation (promtool accepts it). Return a vector or a scalar']);
  });
});
