import { parseHistogram } from '../slo/sli/promql.ts';
import { modelCheck } from './check.ts';

/** A threshold between buckets cannot be counted exactly: requests are only known to be under a bucket bound. */
export const sloLatencyThresholdNotBucket = modelCheck({
  id: 'slo/latency-threshold-not-bucket',
  summary: "A latency SLO's threshold is not one of the histogram's bucket bounds.",
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const slo of model.slos) {
      // An objective on the same threshold as its SLO: reported once, on the SLO.
      if (slo.recordedBy !== undefined) continue;
      // A native histogram's fraction interpolates inside its exponential buckets: any threshold reads.
      if (slo.sli.kind !== 'latency' || slo.sli.native) continue;
      const name = parseHistogram(slo.sli.histogram.text)?.name;
      const metric = name === undefined ? undefined : model.metricsByName.get(name);
      if (metric?.type !== 'histogram' || !metric.buckets) continue; // slo/sli or catalog/unknown-metric
      const threshold = slo.sli.threshold;
      if (metric.buckets.includes(threshold)) continue;
      const below = metric.buckets.filter((b) => b < threshold).at(-1);
      const above = metric.buckets.find((b) => b > threshold);
      const near = [below, above].filter((b) => b !== undefined).join(' or ');
      ctx.report({
        at: slo.origin.at('sli', 'latency', 'threshold'),
        message:
          `${threshold} is not a bucket bound of ${metric.name} (buckets: ${metric.buckets.join(', ')}), so requests under it cannot be counted; ` +
          `use ${near || 'a bucket bound'}, or add ${threshold} to the metric's buckets`,
      });
    }
  },
});
