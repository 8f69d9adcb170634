/**
 * The real-Prometheus harness: backfilled data, a recording rule and an alert evaluated by
 * Debian's Prometheus 2.42 on loopback.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openMetrics, setGroupIntervals, startPrometheus, withPrometheus, type Prometheus } from './prometheus.ts';

const RULES = `groups:
- name: demo
  interval: 1m
  rules:
  - record: code:http_requests:increase5m
    expr: sum by (code) (increase(http_requests_total[5m]))
  - alert: DemoErrorRatioHigh
    expr: sum(rate(http_requests_total{code="500"}[5m])) / sum(rate(http_requests_total[5m])) > 0.05
    for: 0s
    labels:
      severity: page
    annotations:
      summary: "{{ $value | humanizePercentage }} of demo requests fail"
`;

/** 2 hours of two counters ending now, 15 s apart: 10 req/s with code 200 and 1 req/s with 500. */
function demoData(): string {
  const end = Math.floor(Date.now() / 1000);
  const start = end - 2 * 3600;
  const perSecond = { '200': 10, '500': 1 } as const;
  return openMetrics(
    (['200', '500'] as const).map((code) => ({
      name: 'http_requests_total',
      labels: { job: 'demo', code },
      value: (t: number) => (t - start) * perSecond[code],
    })),
    { start, end, step: 15 },
  );
}

describe('openMetrics', () => {
  it('writes one counter family, samples with second timestamps, and # EOF', () => {
    const text = openMetrics(
      [
        { name: 'a_total', labels: { code: '200' }, value: (t) => t },
        { name: 'b', labels: { path: 'say "hi"\\' }, value: () => NaN },
        { name: 'c', labels: {}, type: 'counter', value: () => 1 },
      ],
      { start: 100, end: 130, step: 15 },
    );
    expect(text).toBe(
      [
        '# TYPE a counter',
        'a_total{code="200"} 100 100',
        'a_total{code="200"} 115 115',
        'a_total{code="200"} 130 130',
        '# TYPE b gauge',
        'b{path="say \\"hi\\"\\\\"} NaN 100',
        'b{path="say \\"hi\\"\\\\"} NaN 115',
        'b{path="say \\"hi\\"\\\\"} NaN 130',
        '# TYPE c unknown',
        'c 1 100',
        'c 1 115',
        'c 1 130',
        '# EOF',
        '',
      ].join('\n'),
    );
  });

  it('refuses data that ends in the future', () => {
    const now = Date.now() / 1000;
    expect(() => openMetrics([], { start: now, end: now + 3600, step: 15 })).toThrow(/in the future/);
  });
});

describe('a real Prometheus with backfilled data', () => {
  it('evaluates a recording rule and fires a for: 0s alert', async () => {
    await withPrometheus({ ruleFiles: { 'demo.yml': setGroupIntervals(RULES, '1s') }, data: demoData() }, async (prom) => {
      expect(prom.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      // The recording rule has data, per code.
      const rows = await prom.waitFor(async () => {
        const result = await prom.query('code:http_requests:increase5m');
        return result.length === 2 ? result : undefined;
      });
      const byCode = Object.fromEntries(rows.map((r) => [r.metric['code'], Number(r.value[1])]));
      expect(byCode['200']).toBeGreaterThan(2000); // ~10/s over 5m; increase() extrapolates
      expect(byCode['500']).toBeGreaterThan(200);
      expect((byCode['500'] ?? 0) / (byCode['200'] ?? 1)).toBeCloseTo(0.1, 2);

      // /api/v1/rules: the group keeps its (rewritten) interval, the rule evaluated healthily.
      const rule = await prom.waitFor(async () => {
        const groups = await prom.rules();
        const found = groups.flatMap((g) => g.rules).find((r) => r.name === 'code:http_requests:increase5m');
        return found !== undefined && found.health !== 'unknown' ? found : undefined;
      });
      expect(rule).toMatchObject({ type: 'recording', health: 'ok' });
      expect((await prom.rules())[0]).toMatchObject({ name: 'demo', interval: 1 });

      // /api/v1/alerts: firing at the first evaluation, with its labels and template output.
      const alert = await prom.waitFor(async () =>
        (await prom.alerts()).find((a) => a.labels.alertname === 'DemoErrorRatioHigh' && a.state === 'firing'),
      );
      expect(alert.labels).toEqual({ alertname: 'DemoErrorRatioHigh', severity: 'page' });
      expect(alert.annotations.summary).toMatch(/^9\.\d+% of demo requests fail$/);
    });
  });

  it('stops and removes its directory; a bad rule file fails with Prometheus stderr', async () => {
    const prom: Prometheus = await startPrometheus({ ruleFiles: {} });
    expect(existsSync(prom.dir)).toBe(true);
    await prom.stop();
    expect(existsSync(prom.dir)).toBe(false);
    expect(() => process.kill(prom.pid, 0)).toThrow();

    await expect(
      startPrometheus({ ruleFiles: { 'bad.yml': 'groups:\n- name: g\n  rules:\n  - record: x\n    expr: sum(\n' } }),
    ).rejects.toThrow(/loading groups failed|unclosed left parenthesis/);
  });
});
