/**
 * The SLO rules of the committed out/ in a real Prometheus on 127.0.0.1, with two hours of
 * backfilled backend traffic: an outage in the data fires the fast-burn alerts, healthy data
 * fires nothing, and every generated recording rule evaluates with health "ok".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/project.ts';
import { openMetrics, setGroupIntervals, withPrometheus, type Prometheus, type SeriesSpec } from '../helpers/prometheus.ts';

const RULES = readFileSync(path.join(REPO_ROOT, 'out/prometheus/rules/backend.yml'), 'utf8');
const BUCKETS = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2', '2.5', '5', '10', '+Inf'];

/**
 * Two hours of backend series at 15 s, ending now: 20 requests/s, 0.05% of them 5xx and all
 * under 100 ms, the target up. With `outage`, the last 20 minutes fail: every request is a
 * 503 taking 3 s, and the target is down.
 */
function backendTraffic(outage: boolean): string {
  const end = Math.floor(Date.now() / 1000);
  const start = end - 2 * 3600;
  const outageStart = end - 20 * 60;
  const rate = 20;
  const healthySeconds = (t: number) => (outage ? Math.min(t, outageStart) : t) - start;
  const outageSeconds = (t: number) => (outage ? Math.max(0, t - outageStart) : 0);
  const job = { job: 'backend', instance: 'backend:8000' };
  const requests = { ...job, method: 'GET', endpoint: '/api/chat' };
  const series: SeriesSpec[] = [
    { name: 'up', labels: job, value: (t) => (outage && t > outageStart ? 0 : 1) },
    { name: 'http_requests_total', labels: { ...requests, status: '200' }, value: (t) => healthySeconds(t) * rate * 0.9995 },
    { name: 'http_requests_total', labels: { ...requests, status: '500' }, value: (t) => healthySeconds(t) * rate * 0.0005 },
    { name: 'http_requests_total', labels: { ...requests, status: '503' }, value: (t) => outageSeconds(t) * rate },
    { name: 'http_request_duration_seconds_count', labels: requests, value: (t) => (healthySeconds(t) + outageSeconds(t)) * rate },
    ...BUCKETS.map((le) => ({
      name: 'http_request_duration_seconds_bucket',
      labels: { ...requests, le },
      // Healthy requests take 80 ms; outage requests 3 s.
      value: (t: number) => (Number(le) >= 0.1 ? healthySeconds(t) * rate : 0) + (Number(le) >= 5 ? outageSeconds(t) * rate : 0),
    })),
  ];
  return openMetrics(series, { start, end, step: 15 });
}

/** Every group at 1 s, so the test need not wait for 30 s or 2m30s evaluations. */
const fastRules = () => ({ 'backend.yml': setGroupIntervals(RULES, '1s') });

/** Waits until every rule group has been evaluated a few times. */
async function settled(prom: Prometheus): Promise<void> {
  const start = Date.now();
  await prom.waitFor(async () => {
    const groups = await prom.rules();
    const evaluated = groups.every((g) => g.rules.every((r: { lastEvaluation: string }) => Date.parse(r.lastEvaluation) > start + 2000));
    return evaluated ? true : undefined;
  }, 30_000);
}

const firing = (alerts: { state: string; labels: Record<string, string> }[]) =>
  alerts.filter((a) => a.state === 'firing').map((a) => `${a.labels['alertname']}{${a.labels['tier'] ?? ''}}`);

describe('the backend SLO rules in a real Prometheus', () => {
  it('fire the fast-burn alerts of all three SLOs during an outage', async () => {
    await withPrometheus({ ruleFiles: fastRules(), data: backendTraffic(true) }, async (prom) => {
      const pages = await prom.waitFor(async () => {
        const names = firing(await prom.alerts());
        const wanted = ['BackendAvailabilityFastBurn{page-1h}', 'BackendErrorsFastBurn{page-1h}', 'BackendLatencyFastBurn{page-1h}'];
        return wanted.every((w) => names.includes(w)) ? names : undefined;
      }, 30_000);
      expect(pages).toContain('BackendErrorsFastBurn{page-1h}');
      const alert = (await prom.alerts()).find((a) => a.labels.alertname === 'BackendErrorsFastBurn' && a.labels.tier === 'page-1h');
      expect(alert.labels).toMatchObject({ service: 'backend', slo: 'backend-errors', severity: 'critical', team: 'backend' });
      expect(alert.annotations.runbook_url).toMatch(/^https:\/\//);
      expect(alert.annotations.dashboard_url).toBe('http://localhost:3001/d/monc-slo-backend');
      expect(alert.annotations.description).toMatch(/Now burning at \d+\.\d× the rate/);
    });
  });

  it('fire nothing on healthy traffic, and every generated recording rule is healthy and records a number', async () => {
    await withPrometheus({ ruleFiles: fastRules(), data: backendTraffic(false) }, async (prom) => {
      await settled(prom);
      expect(firing(await prom.alerts())).toEqual([]);
      const rules = (await prom.rules()).flatMap((g) => g.rules).filter((r: { type: string }) => r.type === 'recording');
      expect(rules.length).toBeGreaterThan(10);
      for (const rule of rules) expect(`${rule.name}: ${rule.health} ${rule.lastError ?? ''}`.trim()).toBe(`${rule.name}: ok`);
      for (const series of ['slo:sli_total:increase5m', 'slo:sli_errors:increase5m', 'slo:objective:ratio', 'slo:sli_error:ratio_period', 'slo:error_budget_remaining:ratio']) {
        const samples = await prom.query(series);
        expect(samples.map((s) => s.metric['slo']).sort(), series).toEqual(['backend-availability', 'backend-errors', 'backend-latency']);
        for (const sample of samples) expect(Number.isNaN(Number(sample.value[1])), `${series} ${sample.metric['slo']}`).toBe(false);
      }
      const budget = await prom.query('slo:error_budget_remaining:ratio{slo="backend-errors"}');
      expect(Number(budget[0]?.value[1])).toBeCloseTo(0.5, 1);
    });
  });
});
