/**
 * Synthetic series for tests against a real Prometheus: the backend's SLI traffic (healthy or
 * with an outage at the end) and one plausible series for every other declared metric.
 */
import type { Metric, Model } from '../../src/model/model.ts';
import type { SeriesSpec } from './prometheus.ts';

export const BACKEND_BUCKETS = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2', '2.5', '5', '10', '+Inf'];

/** The window the series cover: two hours at 15 s, ending now. */
export function lastTwoHours(): { start: number; end: number; step: number } {
  const end = Math.floor(Date.now() / 1000);
  return { start: end - 2 * 3600, end, step: 15 };
}

/**
 * Backend series: 20 requests/s, 0.05% of them 5xx and all under 100 ms, the target up.
 * With `outage`, the last 20 minutes fail: every request is a 503 taking 3 s, and the target
 * is down.
 */
export function backendSeries(outage: boolean, { start, end }: { start: number; end: number }): SeriesSpec[] {
  const outageStart = end - 20 * 60;
  const rate = 20;
  const healthySeconds = (t: number) => (outage ? Math.min(t, outageStart) : t) - start;
  const outageSeconds = (t: number) => (outage ? Math.max(0, t - outageStart) : 0);
  const job = { job: 'backend', instance: 'backend:8000' };
  const requests = { ...job, method: 'GET', endpoint: '/api/chat' };
  return [
    { name: 'up', labels: job, value: (t) => (outage && t > outageStart ? 0 : 1) },
    { name: 'http_requests_total', labels: { ...requests, status: '200' }, value: (t) => healthySeconds(t) * rate * 0.9995 },
    { name: 'http_requests_total', labels: { ...requests, status: '500' }, value: (t) => healthySeconds(t) * rate * 0.0005 },
    { name: 'http_requests_total', labels: { ...requests, status: '503' }, value: (t) => outageSeconds(t) * rate },
    { name: 'http_request_duration_seconds_count', labels: requests, value: (t) => (healthySeconds(t) + outageSeconds(t)) * rate },
    { name: 'http_request_duration_seconds_sum', labels: requests, value: (t) => healthySeconds(t) * rate * 0.08 + outageSeconds(t) * rate * 3 },
    ...BACKEND_BUCKETS.map((le) => ({
      name: 'http_request_duration_seconds_bucket',
      labels: { ...requests, le },
      // Healthy requests take 80 ms; outage requests 3 s.
      value: (t: number) => (Number(le) >= 0.1 ? healthySeconds(t) * rate : 0) + (Number(le) >= 5 ? outageSeconds(t) * rate : 0),
    })),
  ];
}

/** A value a label can take: its first declared value, or one its pattern accepts, or "test". */
function labelValue(label: Metric['labels'][number]): string {
  if (label.values?.[0] !== undefined) return label.values[0];
  if (label.pattern !== undefined) {
    const regex = new RegExp(`^(?:${label.pattern})$`);
    return ['200', '500', '0', '1', 'a', 'test'].find((v) => regex.test(v)) ?? 'test';
  }
  return 'test';
}

/** One series per declared metric not in `skip` (histograms: every bucket, _sum and _count), job from its service's scrape job. */
export function catalogSeries(model: Model, skip: ReadonlySet<string>): SeriesSpec[] {
  const jobs = new Map(model.services.map((s) => [s.name, s.scrape?.job ?? s.name]));
  return model.metrics
    .filter((metric, i, all) => !skip.has(metric.name) && all.findIndex((m) => m.name === metric.name) === i)
    .flatMap((metric): SeriesSpec[] => {
      const labels: Record<string, string> = {
        job: (metric.service && jobs.get(metric.service)) ?? metric.exporter?.replace(/_exporter$/, '') ?? 'test',
        instance: 'test:9100',
        ...Object.fromEntries(metric.labels.map((label) => [label.name, labelValue(label)])),
      };
      const rising = (perSecond: number) => (t: number) => (t % 86_400) * perSecond;
      switch (metric.type) {
        case 'counter':
          return [{ name: metric.name, labels, type: 'counter', value: rising(1) }];
        case 'histogram':
          return [
            ...[...(metric.buckets ?? [1]).map(String), '+Inf'].map((le) => ({ name: `${metric.name}_bucket`, labels: { ...labels, le }, value: rising(1) })),
            { name: `${metric.name}_sum`, labels, value: rising(0.5) },
            { name: `${metric.name}_count`, labels, value: rising(1) },
          ];
        case 'summary':
          return [
            { name: metric.name, labels: { ...labels, quantile: '0.5' }, type: 'gauge', value: () => 0.2 },
            { name: `${metric.name}_sum`, labels, value: rising(0.2) },
            { name: `${metric.name}_count`, labels, value: rising(1) },
          ];
        default:
          return [{ name: metric.name, labels, type: 'gauge', value: (t) => 1 + (t % 600) / 600 }];
      }
    });
}
