import { modelCheck } from './check.ts';
import { definitionExpressions } from './expressions.ts';

export const promqlSyntax = modelCheck({
  id: 'promql/syntax',
  summary: 'A PromQL expression does not parse.',
  defaultSeverity: 'error',
  inputs: ['definitions', 'rule-files'],
  // What does not parse cannot be compiled, so no comment or setting can silence it.
  suppressible: false,
  run({ model, expanded }, ctx) {
    for (const expr of definitionExpressions(model)) {
      const error = expanded.expressions.get(expr.text).error;
      if (error) ctx.report({ at: ctx.spanInExpr(expr, error.from, error.to), message: error.message });
    }
  },
});
