import { catalogOf } from '../model/catalog.ts';
import { parsePromql, vectorSelectors } from '../promql/parse.ts';
import type { ModelCheck } from './check.ts';
import { closest } from './suggest.ts';

/** Every metric an expression selects must be declared, recorded, or built in. */
export const catalogUnknownMetric: ModelCheck = {
  id: 'catalog/unknown-metric',
  summary: 'An expression selects a metric that no definition declares.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run(model, ctx) {
    const catalog = catalogOf(model);
    const known = new Set(catalog.names());
    for (const expr of [...model.alerts, ...model.recordingRules].map((rule) => rule.expr)) {
      const parsed = parsePromql(expr.text);
      if (parsed.error) continue;
      for (const selector of vectorSelectors(parsed)) {
        if (selector.name === undefined || known.has(selector.name)) continue;
        const suggestion = closest(selector.name, known);
        ctx.report({
          at: ctx.spanInExpr(expr, selector.from, selector.to),
          message: `unknown metric "${selector.name}"${suggestion ? `; did you mean "${suggestion}"?` : '; declare it in a service or a Metrics file'}`,
        });
      }
    }
  },
};
