import { MAX_ANALYSED_DEPTH } from '../promql/parse.ts';
import { modelCheck } from './check.ts';
import { definitionExpressions } from './expressions.ts';

/**
 * Prometheus parses any depth; monc's analyses recurse, so beyond MAX_ANALYSED_DEPTH they are
 * skipped. Saying so keeps "no finding" from reading as "checked and fine".
 */
export const promqlDepth = modelCheck({
  id: 'promql/depth',
  summary: 'A PromQL expression nests too deep for monc to check beyond its syntax.',
  defaultSeverity: 'info',
  inputs: ['definitions', 'rule-files'],
  run({ model, expanded }, ctx) {
    for (const expr of definitionExpressions(model)) {
      const { depth } = expanded.expressions.get(expr.text);
      if (depth <= MAX_ANALYSED_DEPTH) continue;
      ctx.report({
        at: ctx.spanInExpr(expr, 0, Math.min(expr.text.trimEnd().length, 1)),
        message: `the expression nests ${depth} levels deep; monc checked its syntax only (types, metrics, labels and cardinality are checked up to ${MAX_ANALYSED_DEPTH} levels)`,
      });
    }
  },
});
