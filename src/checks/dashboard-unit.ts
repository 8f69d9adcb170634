import { catalogOf } from '../model/catalog.ts';
import { toAst, walk } from '../promql/ast.ts';
import { parsePromql } from '../promql/parse.ts';
import { substituteVariables } from '../dashboards/variables.ts';
import type { ModelCheck } from './check.ts';

const UNITS: readonly [RegExp, string, string][] = [
  [/_seconds(_total|_bucket|_sum|_count)?$/, 'seconds', 's'],
  [/_bytes(_total|_bucket|_sum|_count)?$/, 'bytes', 'bytes'],
];

/** A number of seconds or bytes without a unit reads as a bare number: 0.25 instead of 250 ms, 1073741824 instead of 1 GiB. */
export const dashboardUnit: ModelCheck = {
  id: 'dashboard/unit',
  summary: 'A panel shows a _seconds or _bytes metric but sets no unit.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run(model, ctx) {
    const catalog = catalogOf(model);
    for (const dashboard of model.dashboards) {
      for (const panel of dashboard.rows.flatMap((row) => row.panels)) {
        if (panel.unit !== undefined) continue;
        const names = panel.queries.flatMap((query) => {
          const ast = toAst(parsePromql(substituteVariables(query.expr.text).text));
          return ast ? [...walk(ast)].flatMap((node) => (node.kind === 'vector' && node.metric ? [node.metric.name] : [])) : [];
        });
        const unit = names
          .map((name) => UNITS.find(([pattern]) => pattern.test(name)) ?? UNITS.find(([, unitName]) => catalog.get(name)?.metric?.unit === unitName))
          .find((u) => u !== undefined);
        if (!unit) continue;
        ctx.report({ at: panel.origin.at('title'), message: `panel "${panel.title}" shows ${unit[1]} but has no unit; set unit: ${unit[2]} (or the unit of what the query computes, e.g. percentunit for a ratio)` });
      }
    }
  },
};
