/** Matching a selector's label matchers against series a live server holds. */
import type { Catalog, SeriesInfo } from '../model/catalog.ts';
import type { Metric } from '../model/model.ts';
import type { LabelMatcher } from '../promql/ast.ts';
import { matchesValue } from '../routing/matchers.ts';
import type { PrometheusSnapshot, SeriesLabels } from './snapshot.ts';

/** Whether a series' labels satisfy one matcher, as Prometheus matches (a missing label is the empty value). */
export function matches(matcher: LabelMatcher, labels: SeriesLabels): boolean {
  return matchesValue(matcher, labels[matcher.label.name] ?? '');
}

/** A label's distinct values among the series, sorted. */
export function valuesOf(label: string, series: readonly SeriesLabels[]): string[] {
  return [...new Set(series.flatMap((s) => (s[label] === undefined ? [] : [s[label]])))].sort();
}

/** "40 seconds", "3 minutes", "5 hours", "2 days": how long ago, rounded down, for messages. */
export function ago(ms: number): string {
  if (ms < 60_000) {
    const seconds = Math.max(0, Math.floor(ms / 1000));
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  const minutes = Math.floor(ms / 60_000);
  const [n, unit] = minutes < 120 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.floor(minutes / 60), 'hour'] : [Math.floor(minutes / 1440), 'day'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The live series of each declared metric, all its series names together (a histogram's _bucket, _sum and _count), with what the catalog says of each name. */
export function seriesByMetric(prometheus: PrometheusSnapshot, catalog: Catalog): Map<Metric, { readonly series: SeriesLabels[]; readonly infos: SeriesInfo[] }> {
  const byMetric = new Map<Metric, { series: SeriesLabels[]; infos: SeriesInfo[] }>();
  for (const [name, series] of prometheus.series) {
    const info = catalog.get(name);
    if (!info?.metric) continue;
    const entry = byMetric.get(info.metric) ?? { series: [], infos: [] };
    entry.series.push(...series);
    entry.infos.push(info);
    byMetric.set(info.metric, entry);
  }
  return byMetric;
}
