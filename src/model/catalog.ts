/**
 * The series catalog: every series name an expression may select, with what monc knows about
 * it — the declared metric it comes from, how it behaves (counter or gauge), and the labels
 * it carries. The expansion builds it (src/expand/catalog.ts); checks and generators read it.
 */
import type { LabelSet } from '../promql/labels.ts';
import type { Metric, RecordingRule, Scrape } from './model.ts';
import { scrapedLabels } from './relabel.ts';

export type SeriesBehaviour = 'counter' | 'gauge' | 'unknown';

export interface SeriesInfo {
  readonly name: string;
  /** The declared metric, for its own series and its _bucket/_sum/_count series. */
  readonly metric: Metric | undefined;
  readonly rule: RecordingRule | undefined;
  readonly behaviour: SeriesBehaviour;
  /** Label names the series can carry, or 'unknown'. */
  readonly labels: LabelSet;
  /** Declared labels whose values the scrape job may overwrite, so that their declared domain does not hold. */
  readonly rewritten?: ReadonlySet<string>;
}

export interface Catalog {
  get(series: string): SeriesInfo | undefined;
  names(): readonly string[];
}

/**
 * The series a metric exposes, with the labels of each once `scrape` (the job of the service
 * that owns it; undefined for a shared metric) scraped it: a classic histogram its _bucket,
 * _sum and _count series, a native one its bare name (a counter of histograms), or both.
 */
export function seriesOf(metric: Metric, scrape: Scrape | undefined): SeriesInfo[] {
  const exposed = [...metric.labels.map((l) => l.name), '__name__'];
  const series = (name: string, behaviour: SeriesBehaviour, extra: readonly string[] = []): SeriesInfo => {
    const { labels, rewritten } = scrapedLabels(new Set([...exposed, ...extra]), scrape);
    return { name, metric, rule: undefined, behaviour, labels, ...(rewritten.size > 0 && { rewritten }) };
  };
  switch (metric.type) {
    case 'histogram': {
      const native = metric.native ? [series(metric.name, 'counter')] : [];
      const classic =
        !metric.native || metric.buckets !== undefined
          ? [series(`${metric.name}_bucket`, 'counter', ['le']), series(`${metric.name}_sum`, 'counter'), series(`${metric.name}_count`, 'counter')]
          : [];
      return [...native, ...classic];
    }
    case 'summary':
      return [series(metric.name, 'gauge', ['quantile']), series(`${metric.name}_sum`, 'counter'), series(`${metric.name}_count`, 'counter')];
    case 'counter':
      return [series(metric.name, 'counter')];
    default:
      return [series(metric.name, 'gauge')];
  }
}
