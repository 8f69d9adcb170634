import { unwrapParens, walk, type Expr } from '../promql/ast.ts';
import { resultLabels } from '../promql/labels.ts';
import { modelCheck, type CheckContext } from './check.ts';
import { ruleExpressions } from './expressions.ts';
import type { Catalog } from '../model/catalog.ts';
import type { PromqlText } from '../model/model.ts';

/**
 * histogram_quantile needs bucket rates (buckets are counters since process start) that keep
 * `le` (the bucket bounds): without rate the quantile is over all time; without le, nothing.
 */
const RATES = new Set(['rate', 'irate', 'increase']);

export const catalogHistogramQuantile = modelCheck({
  id: 'catalog/histogram-quantile',
  summary: 'histogram_quantile() reads _bucket series without rate(), or aggregates le away.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run(subject, ctx) {
    for (const { expr, ast } of ruleExpressions(subject)) {
      if (!ast) continue;
      for (const node of walk(ast)) {
        if (node.kind !== 'call' || node.func.name !== 'histogram_quantile' || !node.args[1]) continue;
        checkBuckets(subject.expanded.catalog, ctx, expr, node.args[1]);
      }
    }
  },
});

function checkBuckets(catalog: Catalog, ctx: CheckContext, expr: PromqlText, arg: Expr): void {
  // A bucket selector read as an instant vector (not inside a range) has no rate.
  const rangeSelected = new Set<Expr>();
  for (const node of walk(arg)) if (node.kind === 'matrix') rangeSelected.add(unwrapParens(node.vector));
  for (const node of walk(arg)) {
    if (node.kind !== 'vector' || !node.metric?.name.endsWith('_bucket') || rangeSelected.has(node)) continue;
    if (catalog.get(node.metric.name)?.metric?.type !== 'histogram') continue;
    ctx.report({
      at: ctx.spanInExpr(expr, node.from, node.to),
      message: `histogram_quantile() over "${node.metric.name}" without rate(): the buckets count since the process started. Use sum by (le) (rate(${node.metric.name}[5m]))`,
    });
  }
  // Bucket ranges read by anything but a rate: max_over_time(x_bucket[5m]) is still raw counts.
  for (const node of walk(arg)) {
    if (node.kind !== 'call' || RATES.has(node.func.name)) continue;
    for (const range of node.args.map(unwrapParens)) {
      const selector = range.kind === 'matrix' ? unwrapParens(range.vector) : undefined;
      if (selector?.kind !== 'vector' || !selector.metric?.name.endsWith('_bucket')) continue;
      if (catalog.get(selector.metric.name)?.metric?.type !== 'histogram') continue;
      ctx.report({
        at: ctx.spanInExpr(expr, node.func.from, node.func.to),
        message: `histogram_quantile() over ${node.func.name}() of "${selector.metric.name}": bucket counters need rate() or increase() before a quantile`,
      });
    }
  }
  const labels = resultLabels(arg, catalog);
  if (labels !== 'unknown' && !labels.has('le')) {
    const inner = unwrapParens(arg);
    const at = inner.kind === 'aggregate' && inner.grouping ? inner.grouping : inner;
    ctx.report({
      at: ctx.spanInExpr(expr, at.from, at.to),
      message: 'histogram_quantile() needs the le label, but this expression drops it; keep le in the grouping, e.g. sum by (le) (…)',
    });
  }
}
