import { labelValues } from '../cardinality/estimate.ts';
import { seriesByMetric, valuesOf } from '../online/series.ts';
import { reachablePrometheus } from '../online/snapshot.ts';
import { modelCheck } from './check.ts';

/**
 * Real cardinality on the live Prometheus against what the catalog declares: a label with
 * more distinct values than its `values` list or `maxValues` (at the label), and a metric
 * with more series than monc's estimate (at the metric) when no label explains it, i.e.
 * more instances or label combinations than declared.
 */
export const onlineCardinality = modelCheck({
  id: 'online/cardinality',
  summary: "A metric's series or a label's values on the live Prometheus exceed the bound the catalog declares.",
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ expanded, online }, ctx) {
    const reachable = reachablePrometheus(online);
    if (!reachable) return;
    const { prometheus, server } = reachable;
    const estimates = new Map(expanded.cardinality.metrics.map((e) => [e.metric, e]));
    for (const [metric, { series, infos }] of seriesByMetric(prometheus, expanded.catalog)) {
      // Labels the scrape job rewrites have no declared domain.
      const rewritten = new Set(infos.flatMap((info) => [...(info.rewritten ?? [])]));
      let labelOver = false;
      for (const label of metric.labels) {
        const bound = labelValues(label);
        if (bound === undefined || rewritten.has(label.name)) continue;
        const values = valuesOf(label.name, series);
        if (values.length <= bound) continue;
        labelOver = true;
        const declared = new Set(label.values ?? []);
        const extra = label.values === undefined ? [] : values.filter((v) => !declared.has(v));
        const which = label.values === undefined ? `its maxValues of ${bound}` : `the ${bound} declared values; not declared: ${quoted(extra)}`;
        ctx.report({
          at: metric.origin.keyAt('labels', label.name),
          message: `label "${label.name}" of ${metric.name} takes ${values.length} values on ${server}, over ${which}`,
        });
      }
      const estimate = estimates.get(metric);
      if (labelOver || estimate?.series === undefined || series.length <= estimate.series) continue;
      const instances = valuesOf('instance', series).length;
      ctx.report({
        at: metric.origin.at('name'),
        message: `${metric.name} has ${series.length} series on ${server} (${instances} instance(s)), over monc's estimate of ${estimate.series} (${estimate.instances} instance(s) × the declared label values); declare the service's instances or the missing labels`,
      });
    }
  },
});

const quoted = (values: readonly string[]) => `${values.slice(0, 8).map((v) => `"${v}"`).join(', ')}${values.length > 8 ? ', …' : ''}`;
