import { parsePromql } from '../promql/parse.ts';
import type { ModelCheck } from './check.ts';
import { definitionExpressions } from './expressions.ts';

export const promqlSyntax: ModelCheck = {
  id: 'promql/syntax',
  summary: 'A PromQL expression does not parse.',
  defaultSeverity: 'error',
  inputs: ['definitions', 'rule-files'],
  run(model, ctx) {
    for (const expr of definitionExpressions(model)) {
      const error = parsePromql(expr.text).error;
      if (error) ctx.report({ at: ctx.spanInExpr(expr, error.from, error.to), message: error.message });
    }
  },
};
