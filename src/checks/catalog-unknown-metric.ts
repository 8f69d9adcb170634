import { mightBeDeclared } from '../model/model.ts';
import { modelCheck } from './check.ts';
import { forEachNode } from './expressions.ts';
import { closest } from '../suggest.ts';

/** Every metric an expression selects must be declared, recorded, or built in. */
export const catalogUnknownMetric = modelCheck({
  id: 'catalog/unknown-metric',
  summary: 'An expression selects a metric that no definition declares.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run(subject, ctx) {
    forEachNode(subject, (node, expr, catalog) => {
      if (node.kind !== 'vector' || !node.metric || catalog.get(node.metric.name) || mightBeDeclared(subject.model.lost, node.metric.name)) return;
      const suggestion = closest(node.metric.name, catalog.names());
      ctx.report({
        at: ctx.spanInExpr(expr, node.metric.from, node.metric.to),
        message: `unknown metric "${node.metric.name}"${suggestion ? `; did you mean "${suggestion}"?` : '; declare it in a service or a Metrics file'}`,
      });
    });
  },
});
