import { modelCheck } from './check.ts';

/** Series budgets per metric, per service and in total, from the declared label domains. */
export const cardinalityBudget = modelCheck({
  id: 'cardinality/budget',
  summary: 'The estimated series of a metric, a service or all definitions exceed the budget.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    const report = expanded.cardinality;
    const budget = model.cardinality;
    for (const estimate of report.metrics) {
      if (estimate.series === undefined || estimate.series <= budget.seriesPerMetric) continue;
      const factors = [`${estimate.instances} instance(s)`, ...estimate.labels.map((l) => `${l.values} ${l.name}`)];
      if (estimate.seriesPerLabelSet > 1) factors.push(`${estimate.seriesPerLabelSet} series per label set`);
      ctx.report({
        at: estimate.metric.origin.at('name'),
        message: `${estimate.metric.name} may have ${estimate.series} series (${factors.join(' × ')}), over the budget of ${budget.seriesPerMetric} per metric`,
      });
    }
    const seriesOf = new Map(report.services.map((s) => [s.name, s.series]));
    for (const service of model.services) {
      const series = seriesOf.get(service.name);
      if (series === undefined || series <= budget.seriesPerService) continue;
      ctx.report({ at: service.origin.at('name'), message: `service ${service.name} may have ${series} series, over the budget of ${budget.seriesPerService} per service` });
    }
    const largest = [...model.services].sort((a, b) => (seriesOf.get(b.name) ?? 0) - (seriesOf.get(a.name) ?? 0))[0];
    if (report.total !== undefined && report.total > budget.seriesTotal && largest) {
      ctx.report({ at: largest.origin.at('name'), message: `all definitions together may have ${report.total} series, over the total budget of ${budget.seriesTotal} (the largest service is ${largest.name})` });
    }
  },
});
