import { modelCheck } from './check.ts';
import { ruleExpressions } from './expressions.ts';

/** promtool accepts `x[5m]` as a rule; Prometheus then fails the rule at every evaluation. */
export const promqlRangeResult = modelCheck({
  id: 'promql/range-result',
  summary: "A rule's expression evaluates to a range vector or a string, which Prometheus cannot record or alert on.",
  defaultSeverity: 'error',
  inputs: ['definitions', 'rule-files'],
  run(subject, ctx) {
    for (const { expr, ast } of ruleExpressions(subject)) {
      const typed = subject.expanded.expressions.types(expr.text);
      if (!ast || !typed) continue;
      const { type, problems } = typed;
      if (problems.length > 0 || (type !== 'matrix' && type !== 'string')) continue;
      const what = type === 'matrix' ? 'a range vector' : 'a string';
      ctx.report({
        at: ctx.spanInExpr(expr, ast.from, ast.to),
        message: `the rule evaluates to ${what}; Prometheus fails such a rule at evaluation (promtool accepts it). ${type === 'matrix' ? 'Wrap it in a function such as rate() or last_over_time()' : 'Return a vector or a scalar'}`,
      });
    }
  },
});
