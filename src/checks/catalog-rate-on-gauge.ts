import { innermostSelector } from '../promql/labels.ts';
import { modelCheck } from './check.ts';
import { forEachNode } from './expressions.ts';

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

/** rate() assumes a counter: it treats every decrease as a reset and adds the value back. */
export const catalogRateOnGauge = modelCheck({
  id: 'catalog/rate-on-gauge',
  summary: 'rate(), irate() or increase() is applied to something that is not a counter.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run(subject, ctx) {
    forEachNode(subject, (node, expr, catalog) => {
      if (node.kind !== 'call' || !COUNTER_FUNCTIONS.has(node.func.name) || !node.args[0]) return;
      const selector = innermostSelector(node.args[0]);
      const info = selector?.metric && catalog.get(selector.metric.name);
      if (info?.behaviour !== 'gauge' || !info.metric) return;
      ctx.report({
        at: ctx.spanInExpr(expr, node.func.from, node.func.to),
        message: `${node.func.name}() on "${info.name}", ${info.metric.type === 'info' ? 'an' : 'a'} ${info.metric.type}: ${node.func.name}() treats every drop as a counter reset. Use deriv() or delta() for a gauge, or avg_over_time()/max_over_time()`,
      });
    });
  },
});
