/** Matching a selector's label matchers against series a live server holds. */
import type { LabelMatcher } from '../promql/ast.ts';
import { matchesValue } from '../routing/matchers.ts';
import type { SeriesLabels } from './snapshot.ts';

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
