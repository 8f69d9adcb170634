import type { Catalog } from '../model/catalog.ts';
import type { Slo } from '../model/model.ts';
import type { ParsedExpressions } from '../promql/parsed-expressions.ts';
import { asSelector, hasWindowPlaceholder } from '../slo/sli/promql.ts';
import { sliKindOf } from '../slo/sli/registry.ts';
import { modelCheck, type CheckContext } from './check.ts';

/** An SLI must say what it counts in a form monc can turn into 5m event counts. */
export const sloSli = modelCheck({
  id: 'slo/sli',
  summary: 'An SLI query has the wrong shape or selects the wrong kind of metric: errors and good together, a gauge counted as events, a latency SLI on something that is not a histogram.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    for (const slo of model.slos) {
      // Further objectives share the SLO's definition: its findings are reported once, on the SLO.
      if (slo.objectiveOf !== undefined) continue;
      sliKindOf(slo.sli).reportProblems(slo.sli, expanded.sliContext, ctx);
      groupByLabels(slo, ctx, expanded.catalog, expanded.expressions);
    }
  },
});

/** groupBy labels must be labels of the SLI's series, or every group collapses into one with the label empty. */
function groupByLabels(slo: Slo, ctx: CheckContext, catalog: Catalog, expressions: ParsedExpressions): void {
  const text = sliKindOf(slo.sli).groupedSelector(slo.sli);
  const name = hasWindowPlaceholder(text) ? undefined : asSelector(expressions.ast(text))?.metric?.name;
  const labels = name === undefined ? undefined : catalog.get(name)?.labels;
  if (labels === undefined || labels === 'unknown') return;
  slo.groupBy.forEach((label, i) => {
    if (!labels.has(label)) ctx.report({ at: slo.origin.at('groupBy', i), message: `${name} has no label "${label}" to group the SLO by (its labels: ${[...labels].filter((l) => l !== '__name__').sort().join(', ')})` });
  });
}
