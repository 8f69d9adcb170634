/**
 * The SLO rules of the committed out/ in a real Prometheus on 127.0.0.1, with two hours of
 * backfilled backend traffic: an outage in the data fires the fast-burn alerts, healthy data
 * fires nothing, and every generated recording rule evaluates with health "ok".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/project.ts';
import { openMetrics, setGroupIntervals, withPrometheus, type Prometheus } from '../helpers/prometheus.ts';
import { backendSeries, lastTwoHours } from '../helpers/traffic.ts';

const RULES = readFileSync(path.join(REPO_ROOT, 'out/prometheus/rules/backend.yml'), 'utf8');
/** Two hours of backend series ending now; with `outage`, the last 20 minutes fail. */
function backendTraffic(outage: boolean): string {
  const range = lastTwoHours();
  return openMetrics(backendSeries(outage, range), range);
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
