import { walk, type Expr } from '../promql/ast.ts';
import { substituteVariables } from '../dashboards/variables.ts';
import { modelCheck } from './check.ts';

/** What a series measures, by its name: seconds or bytes (counts, like _count or a rate of _bucket, have no unit). */
const UNITS: readonly [RegExp, string, string][] = [
  [/_seconds(_total|_sum)?$/, 'seconds', 's'],
  [/_bytes(_total|_sum)?$/, 'bytes', 'bytes'],
];

/** The seconds or bytes a query shows: a plain series named so, or a histogram_quantile of such buckets. */
function measured(expr: Expr): [RegExp, string, string] | undefined {
  for (const node of walk(expr)) {
    if (node.kind === 'call' && node.func.name === 'histogram_quantile') {
      const bucket = [...walk(node)].find((n) => n.kind === 'vector' && n.metric?.name.endsWith('_bucket'));
      const base = bucket?.kind === 'vector' ? bucket.metric?.name.replace(/_bucket$/, '') : undefined;
      const unit = base === undefined ? undefined : UNITS.find(([pattern]) => pattern.test(base));
      if (unit) return unit;
    }
    if (node.kind === 'vector' && node.metric) {
      const name = node.metric.name;
      const unit = UNITS.find(([pattern]) => pattern.test(name));
      if (unit) return unit;
    }
  }
  return undefined;
}

/** A number of seconds or bytes without a unit reads as a bare number: 0.25 instead of 250 ms, 1073741824 instead of 1 GiB. */
export const dashboardUnit = modelCheck({
  id: 'dashboard/unit',
  summary: 'A panel shows a _seconds or _bytes metric but sets no unit.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    for (const dashboard of model.dashboards) {
      for (const panel of dashboard.rows.flatMap((row) => row.panels)) {
        if (panel.unit !== undefined) continue;
        const unit = panel.queries
          .map((query) => expanded.expressions.ast(substituteVariables(query.expr.text).text))
          .map((ast) => (ast ? measured(ast) : undefined))
          .find((u) => u !== undefined);
        if (!unit) continue;
        ctx.report({ at: panel.origin.at('title'), message: `panel "${panel.title}" shows ${unit[1]} but has no unit; set unit: ${unit[2]} (or the unit of what the query computes, e.g. percentunit for a ratio)` });
      }
    }
  },
});
