import { seconds } from '../slo/math.ts';
import { walk } from '../promql/ast.ts';
import { substituteVariables, writtenOffset } from '../dashboards/variables.ts';
import { modelCheck } from './check.ts';
import { dashboardExpressions } from './expressions.ts';

/** The functions that need two samples in their window, whose window must span 4 scrapes. */
export const RATE_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv']);

/**
 * rate() needs at least two samples in its window, and a missed scrape must not empty it:
 * Grafana's $__rate_interval is at least 4× the scrape interval for that reason. A fixed
 * window under 4 scrapes shows gaps; one that does not follow the zoom level hides spikes.
 */
export const dashboardRateInterval = modelCheck({
  id: 'dashboard/rate-interval',
  summary: 'A dashboard query takes rate() over a window shorter than 4 scrape intervals; use $__rate_interval.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    const minimum = 4 * seconds(model.prometheus.scrapeInterval);
    for (const { expr } of dashboardExpressions(model)) {
      const substituted = substituteVariables(expr.text);
      const ast = expanded.expressions.ast(substituted.text);
      if (!ast) continue;
      for (const node of walk(ast)) {
        if (node.kind !== 'call' || !RATE_FUNCTIONS.has(node.func.name)) continue;
        const matrix = node.args[0];
        if (matrix?.kind !== 'matrix' || matrix.range.ms === undefined) continue;
        const { from, to } = matrix.range;
        if (substituted.variables.some((v) => v.from < to && v.to > from)) continue; // [$__rate_interval], [$interval]
        if (matrix.range.ms / 1000 >= minimum) continue;
        ctx.report({
          at: ctx.spanInExpr(expr, writtenOffset(substituted, from), writtenOffset(substituted, to)),
          message: `${node.func.name}() over ${matrix.range.text} sees fewer than 4 scrapes (scrape interval ${model.prometheus.scrapeInterval}); write [$__rate_interval], which Grafana keeps at 4 scrapes or more and widens as you zoom out`,
        });
      }
    }
  },
});
