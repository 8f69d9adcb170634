import { seriesByMetric } from '../online/series.ts';
import { reachablePrometheus } from '../online/snapshot.ts';
import { modelCheck } from './check.ts';

/**
 * The labels the catalog declares for a metric against the labels its series on the live
 * Prometheus carry: a declared label none of them has, and a label they have that the
 * catalog does not declare (nor the scrape job adds).
 */
export const onlineLabels = modelCheck({
  id: 'online/labels',
  summary: "A declared label that the metric's series on the live Prometheus lack, or a label they carry that the catalog does not declare.",
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ expanded, online }, ctx) {
    const reachable = reachablePrometheus(online);
    if (!reachable) return;
    const { prometheus, server } = reachable;
    for (const [metric, { series, infos }] of seriesByMetric(prometheus, expanded.catalog)) {
      if (series.length === 0) continue;
      // The labels any of its series names may carry; undefined when one of them may carry any.
      const known = infos.some((info) => info.labels === 'unknown') ? undefined : new Set(infos.flatMap((info) => (info.labels === 'unknown' ? [] : [...info.labels])));
      const carried = new Set(series.flatMap((s) => Object.keys(s)));
      for (const label of metric.labels) {
        if (carried.has(label.name)) continue;
        ctx.report({
          at: metric.origin.keyAt('labels', label.name),
          message: `label "${label.name}" of ${metric.name} is on none of its ${series.length} series on ${server}`,
        });
      }
      if (known === undefined) continue;
      const undeclared = [...carried].filter((name) => !known.has(name)).sort();
      if (undeclared.length === 0) continue;
      ctx.report({
        at: metric.origin.at('name'),
        message: `the series of ${metric.name} on ${server} carry ${undeclared.map((n) => `"${n}"`).join(', ')}, which the catalog does not declare; declare ${undeclared.length === 1 ? 'it' : 'them'} with a domain`,
      });
    }
  },
});
