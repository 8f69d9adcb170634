/**
 * What the IOB MAIIS dashboards share (monitoring-guide.md, "Dashboard Best Practices"): the
 * folder, runbook links, the deployment and incident annotations, template variables, and
 * latency quantiles written the one correct way.
 *
 * Rate windows are `$__rate_interval` (at least four scrape intervals, whatever the zoom);
 * the top-N tables rank over the whole time range with `$__range`.
 */
import type { DashboardSpec, DashboardVariableSpec, PanelQuerySpec, Selector } from 'monc';
import * as m from '../backend-metrics.ts';
import { runbookUrl } from '../runbooks.ts';

export const FOLDER = 'IOB MAIIS';
/** The published runbook page of an alert, for the dashboards' header links. */
export { runbookUrl };

/** The rate window of every graph: Grafana makes it at least four scrape intervals. */
export const RATE = '$__rate_interval';
/** The window of the top-N tables and totals: the dashboard's time range. */
export const RANGE = '$__range';

/** Matchers for the `job`, `instance` and `endpoint` variables (multi-value, so regex). */
export const JOB = { job: /$job/ };
export const INSTANCE = { job: /$job/, instance: /$instance/ };

/**
 * Deployments: the backend's process start time changes when a new version starts.
 * Incidents: critical alerts while they fire.
 */
export const ANNOTATIONS: NonNullable<DashboardSpec['annotations']> = [
  { name: 'Deployments', expr: `changes(${m.processStartTime.where({ job: 'backend' })}[5m]) > 0`, color: 'blue' },
  { name: 'Incidents', expr: 'ALERTS{alertstate="firing", severity="critical"}', color: 'red' },
];

/** A multi-value query variable offering "All": `label_values(series, label)`. */
export function labelVariable(name: string, label: string, series: string, labelName: string = name): DashboardVariableSpec {
  return { name, label, kind: 'query', query: `label_values(${series}, ${labelName})`, multi: true, includeAll: true };
}

/** The `job` picker: the jobs that expose `metric`. One job at a time by default. */
export function jobVariable(metric: string): DashboardVariableSpec {
  return { name: 'job', label: 'Job', kind: 'query', query: `label_values(${metric}, job)`, multi: true, includeAll: false };
}

/** The `instance` picker: the instances of the selected job(s). */
export function instanceVariable(metric: string): DashboardVariableSpec {
  return { name: 'instance', label: 'Instance', kind: 'query', query: `label_values(${metric}{job=~"$job"}, instance)`, multi: true, includeAll: true };
}

const QUANTILES = [
  ['0.5', 'p50'],
  ['0.95', 'p95'],
  ['0.99', 'p99'],
] as const;

/**
 * p50, p95 and p99 of a histogram: the bucket RATES summed by le (and `by`) before
 * histogram_quantile. The seed's histogram_quantile(0.95, rate(x_bucket[5m])) yields one
 * quantile per label set instead of the service's.
 */
export function quantileQueries(buckets: Selector, by: readonly string[] = [], quantiles: readonly string[] = ['p50', 'p95', 'p99']): PanelQuerySpec[] {
  const grouping = [...by, 'le'].join(', ');
  const suffix = by.map((label) => ` {{${label}}}`).join('');
  return QUANTILES.filter(([, name]) => quantiles.includes(name)).map(([q, name]) => ({
    expr: `histogram_quantile(${q}, sum by (${grouping}) (rate(${buckets.over(RATE)})))`,
    legend: `${name}${suffix}`,
  }));
}

/** Links to the other IOB MAIIS dashboards, for the header. */
export function dashboardLinks(...ids: string[]): { title: string; url: string }[] {
  const titles: Record<string, string> = {
    'system-overview': 'System Overview',
    'application-performance': 'Application Performance',
    database: 'Database',
    'ai-services': 'AI Services',
    'storage-cache': 'Storage & Cache',
    security: 'Security',
  };
  return ids.map((id) => ({ title: titles[id] ?? id, url: `/d/monc-${id}` }));
}
