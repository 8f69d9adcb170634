import { DATASOURCE_VARIABLE } from '../model/conventions.ts';
import { BUILTIN_VARIABLES, substituteVariables, writtenOffset } from '../dashboards/variables.ts';
import { modelCheck } from './check.ts';
import { dashboardExpressions } from './expressions.ts';
import { closest } from '../suggest.ts';

/**
 * Panel queries go through every PromQL and catalog check (promql/*, catalog/*), with the
 * Grafana variables filled in. This check adds what only a dashboard can get wrong: a
 * variable the dashboard does not define (Grafana sends it as written, and the query fails),
 * a query whose result Grafana cannot draw (a range vector or a string), and a panel without
 * queries (it stays empty) or a text panel with some (they never run).
 */
export const dashboardQuery = modelCheck({
  id: 'dashboard/query',
  summary: 'A panel query uses a variable the dashboard does not define, or returns a range vector or a string; or a panel has no query, or a text panel has one.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    for (const panel of model.dashboards.flatMap((dashboard) => dashboard.rows.flatMap((row) => row.panels))) {
      if (panel.type !== 'text' && panel.queries.length === 0) {
        ctx.report({ at: panel.origin.at('type'), message: `the ${panel.type} panel${panel.title ? ` "${panel.title}"` : ''} has no queries, so Grafana draws it empty; add one under queries` });
      } else if (panel.type === 'text' && panel.queries.length > 0) {
        ctx.report({ at: panel.origin.at('queries'), message: 'a text panel shows its content and never runs queries; remove them, or make it a panel that draws them' });
      }
    }
    for (const { dashboard, expr } of dashboardExpressions(model)) {
      const defined = [DATASOURCE_VARIABLE, ...dashboard.variables.map((v) => v.name)];
      const substituted = substituteVariables(expr.text);
      for (const variable of substituted.variables) {
        if (BUILTIN_VARIABLES.includes(variable.name) || defined.includes(variable.name)) continue;
        const guess = closest(variable.name, defined);
        ctx.report({
          at: ctx.spanInExpr(expr, variable.writtenFrom, variable.writtenTo),
          message: `$${variable.name} is not a variable of dashboard "${dashboard.id}"${guess ? `; did you mean $${guess}?` : `; define it under variables (defined: ${defined.map((d) => `$${d}`).join(', ')})`}`,
        });
      }
      const ast = expanded.expressions.ast(substituted.text);
      const typed = expanded.expressions.types(substituted.text);
      if (!ast || !typed) continue;
      const { type, problems } = typed;
      if (problems.length > 0 || (type !== 'matrix' && type !== 'string')) continue;
      ctx.report({
        at: ctx.spanInExpr(expr, writtenOffset(substituted, ast.from), writtenOffset(substituted, ast.to)),
        message: `the query returns ${type === 'matrix' ? 'a range vector' : 'a string'}, which Grafana cannot draw; ${type === 'matrix' ? 'wrap it in rate(), avg_over_time() or similar' : 'return a number'}`,
      });
    }
  },
});
