/**
 * The series catalog: every series name an expression may select, with what monc knows about
 * it — the declared metric it comes from, how it behaves (counter or gauge), and the labels
 * it carries. The expansion builds it (src/expand/catalog.ts); checks and generators read it.
 */
import type { LabelSet } from '../promql/labels.ts';
import { TARGET_LABELS } from './conventions.ts';
import type { Metric, RecordingRule } from './model.ts';

export type SeriesBehaviour = 'counter' | 'gauge' | 'unknown';

export interface SeriesInfo {
  readonly name: string;
  /** The declared metric, for its own series and its _bucket/_sum/_count series. */
  readonly metric: Metric | undefined;
  readonly rule: RecordingRule | undefined;
  readonly behaviour: SeriesBehaviour;
  /** Label names the series can carry, or 'unknown'. */
  readonly labels: LabelSet;
}

export interface Catalog {
  get(series: string): SeriesInfo | undefined;
  names(): readonly string[];
}

/**
 * The series a metric exposes, with the labels of each: a classic histogram its _bucket, _sum
 * and _count series, a native one its bare name (a counter of histograms), or both.
 */
export function seriesOf(metric: Metric): SeriesInfo[] {
  const labels = new Set([...metric.labels.map((l) => l.name), ...TARGET_LABELS, '__name__']);
  const base = { metric, rule: undefined };
  switch (metric.type) {
    case 'histogram': {
      const native: SeriesInfo[] = metric.native ? [{ ...base, name: metric.name, behaviour: 'counter', labels }] : [];
      const classic: SeriesInfo[] =
        !metric.native || metric.buckets !== undefined
          ? [
              { ...base, name: `${metric.name}_bucket`, behaviour: 'counter', labels: new Set([...labels, 'le']) },
              { ...base, name: `${metric.name}_sum`, behaviour: 'counter', labels },
              { ...base, name: `${metric.name}_count`, behaviour: 'counter', labels },
            ]
          : [];
      return [...native, ...classic];
    }
    case 'summary':
      return [
        { ...base, name: metric.name, behaviour: 'gauge', labels: new Set([...labels, 'quantile']) },
        { ...base, name: `${metric.name}_sum`, behaviour: 'counter', labels },
        { ...base, name: `${metric.name}_count`, behaviour: 'counter', labels },
      ];
    case 'counter':
      return [{ ...base, name: metric.name, behaviour: 'counter', labels }];
    default:
      return [{ ...base, name: metric.name, behaviour: 'gauge', labels }];
  }
}
