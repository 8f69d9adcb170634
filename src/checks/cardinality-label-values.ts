import { labelValues } from '../cardinality/estimate.ts';
import { modelCheck } from './check.ts';

/** Every label value multiplies a metric's series; the seed keeps labels under 100 values. */
export const cardinalityLabelValues = modelCheck({
  id: 'cardinality/label-values',
  summary: 'A label may take more values than the configured limit (100 by default).',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const limit = model.cardinality.maxLabelValues;
    for (const metric of model.metrics) {
      for (const label of metric.labels) {
        const values = labelValues(label);
        if (values === undefined || values <= limit) continue;
        ctx.report({
          at: metric.origin.keyAt('labels', label.name),
          message: `label "${label.name}" of ${metric.name} may take ${values} values, over the limit of ${limit}; aggregate it away or bucket its values`,
        });
      }
    }
  },
});
