import { modelCheck } from './check.ts';

/** A label without a bound is a cardinality explosion waiting for the wrong value. */
export const cardinalityUnboundedLabel = modelCheck({
  id: 'cardinality/unbounded-label',
  summary: 'A label declares no bound: neither a list of values nor maxValues.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const metric of model.metrics) {
      for (const label of metric.labels) {
        if (label.values !== undefined || label.maxValues !== undefined) continue;
        const pattern = label.pattern !== undefined ? ' (a pattern says what values look like, not how many there are)' : '';
        ctx.report({
          at: metric.origin.keyAt('labels', label.name),
          message: `label "${label.name}" of ${metric.name} has no bound${pattern}; declare its values or maxValues`,
        });
      }
    }
  },
});
