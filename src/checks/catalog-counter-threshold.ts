import { innermostSelector, isVectorValued } from '../promql/labels.ts';
import { modelCheck } from './check.ts';
import { forEachNode } from './expressions.ts';

const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);

/** A counter only grows: its raw value says how long the process has run, not how it is doing. */
export const catalogCounterThreshold = modelCheck({
  id: 'catalog/counter-threshold',
  summary: 'A raw counter is compared with a threshold instead of its rate or increase.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run(subject, ctx) {
    forEachNode(subject, (node, expr, catalog) => {
      if (node.kind !== 'binary' || !COMPARISONS.has(node.op.name)) return;
      for (const [side, other] of [
        [node.lhs, node.rhs],
        [node.rhs, node.lhs],
      ] as const) {
        const selector = innermostSelector(side);
        const info = selector?.metric && side.kind !== 'matrix' && catalog.get(selector.metric.name);
        if (!selector || !info || info.behaviour !== 'counter' || isVectorValued(other)) continue;
        ctx.report({
          at: ctx.spanInExpr(expr, selector.from, selector.to),
          message: `"${info.name}" is a counter: its raw value only grows, so a threshold on it fires by uptime, not by behaviour. Compare rate(${info.name}[5m]) or increase(${info.name}[1h])`,
        });
      }
    });
  },
});
