import type { Metric } from '../model/model.ts';
import type { SeriesLabels } from '../online/snapshot.ts';
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
    // All series of a metric together: a histogram's _bucket, _sum and _count.
    const byMetric = new Map<Metric, { series: SeriesLabels[]; known: Set<string> | undefined }>();
    for (const [name, series] of prometheus.series) {
      const info = expanded.catalog.get(name);
      if (!info?.metric) continue;
      const entry = byMetric.get(info.metric) ?? { series: [], known: new Set<string>() };
      entry.series.push(...series);
      entry.known = info.labels === 'unknown' || entry.known === undefined ? undefined : new Set([...entry.known, ...info.labels]);
      byMetric.set(info.metric, entry);
    }
    for (const [metric, { series, known }] of byMetric) {
      if (series.length === 0) continue;
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
