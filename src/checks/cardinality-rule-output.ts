import { modelCheck } from './check.ts';
import { isAlert } from './expressions.ts';

/** A rule's output series, from the labels its result keeps (`by`, `without`, matching). */
export const cardinalityRuleOutput = modelCheck({
  id: 'cardinality/rule-output',
  summary: "A rule's estimated output series exceed the per-metric budget.",
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    for (const estimate of expanded.cardinality.rules) {
      if (estimate.series === undefined || estimate.series <= model.cardinality.seriesPerMetric) continue;
      const rule = estimate.rule;
      const name = isAlert(rule) ? `alert ${rule.name}` : `recording rule ${rule.record}`;
      const factors = (estimate.labels ?? []).map((l) => `${l.values} ${l.name}`).join(' × ');
      ctx.report({
        at: rule.expr.origin.at(),
        message: `${name} may output ${estimate.series} series (${factors}), over the budget of ${model.cardinality.seriesPerMetric}; aggregate with by (…) to the labels you need`,
      });
    }
  },
});
