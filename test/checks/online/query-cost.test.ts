/**
 * online/query-cost: the rules' queries evaluated on a real Prometheus with query stats, against
 * a budget of 500 samples and 20 series. app_requests_total has 60 series (6 codes × 10 paths),
 * app_queue_depth one; both backfilled every 15s, ending now.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { openMetrics, startPrometheus, type Prometheus } from '../../helpers/prometheus.ts';

const ID = 'online/query-cost';
const F = 'definitions/app.yaml';

let prom: Prometheus;

beforeAll(async () => {
  const now = Math.floor(Date.now() / 1000);
  const requests = ['200', '201', '400', '404', '500', '503'].flatMap((code) =>
    Array.from({ length: 10 }, (_, i) => ({ name: 'app_requests_total', labels: { job: 'app', code, path: `/p${i}` }, value: (t: number) => t - now + 1000 })),
  );
  const data = openMetrics([...requests, { name: 'app_queue_depth', labels: { job: 'app' }, value: () => 3 }], { start: now - 900, end: now, step: 15 });
  prom = await startPrometheus({ ruleFiles: {}, data });
});
afterAll(() => prom?.stop());

/** A service with one recording rule over `record` and one alert over `alert` (and `more` YAML), and the budget in monc.config.yaml. */
const project = (record: string, alert: string, more = '', online = '') => ({
  [F]: `kind: Service
name: app
team: core
metrics:
  - { name: app_requests_total, type: counter, help: Requests., labels: { code: { maxValues: 10 }, path: { maxValues: 10 } } }
  - { name: app_queue_depth, type: gauge, help: Queued jobs. }
recordingRules:
  - record: job:app_requests:rate5m
    expr: '${record}'
alerts:
  - name: QueueStuck
    expr: '${alert}'
    for: 10m
    severity: warning
    summary: The queue does not drain.
    runbook: https://runbooks.example.com/queue
${more}`,
  'monc.config.yaml': `online:\n  queryCostBudget: { samples: 500, series: 20 }\n${online}`,
});

const CHEAP_ALERT = 'min_over_time(app_queue_depth[10m]) > 0';

interface Case {
  readonly name: string;
  readonly record: string;
  readonly alert: string;
  /** The expressions reported, each at its start. */
  readonly at: readonly string[];
  readonly message?: string;
}

const CASES: readonly Case[] = [
  { name: 'Rules within the budget pass.', record: 'sum(rate(app_requests_total{code="200", path="/p1"}[5m]))', alert: CHEAP_ALERT, at: [] },
  {
    name: 'A rule over both budgets (60 series, 20 samples each) is reported at its expr.',
    record: 'sum by (code) (rate(app_requests_total[5m]))',
    alert: CHEAP_ALERT,
    at: ['sum by (code)'],
    message: 'one evaluation of recording rule job:app_requests:rate5m on Prometheus at',
  },
  {
    name: 'A rule over the series budget only is reported, naming the series.',
    record: 'count(app_requests_total)',
    alert: CHEAP_ALERT,
    at: ['count(app_requests_total)'],
    message: 'selects 60 series, over the budget of 20',
  },
  {
    name: 'An alert over the samples budget is reported at its expr.',
    record: 'sum(rate(app_requests_total{code="200", path="/p1"}[5m]))',
    alert: 'max_over_time(app_queue_depth[15m:1s]) > 0',
    at: ['max_over_time(app_queue_depth[15m:1s])'],
    message: 'one evaluation of alert QueueStuck',
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ record, alert, at: needles, message }) => {
    const files = project(record, alert);
    const found = (await lint(files, { online: { prometheus: prom.url } })).filter((d) => d.check === ID);
    expect(found.map(where)).toEqual(needles.map((needle) => at(ID, F, files[F], needle)));
    if (message) expect(found[0]?.message).toContain(message);
  });

  it("An SLO's generated rules are measured too, and one over the budget is reported at the SLO.", async () => {
    const slo = `slos:
  - name: errors
    objective: 99.9
    sli:
      ratio:
        errors: app_requests_total{code=~"5.."}
        total: app_requests_total
`;
    const files = project('sum(rate(app_requests_total{code="200", path="/p1"}[5m]))', CHEAP_ALERT, slo);
    const found = (await lint(files, { online: { prometheus: prom.url } })).filter((d) => d.check === ID);
    expect(found.map(where)).toEqual([at(ID, F, files[F], 'errors')]);
    expect(found[0]?.message).toMatch(/^one evaluation of recording rule slo:sli_total:increase5m on .* selects 60 series, over the budget of 20/);
  });

  it('A query that does not finish within online.timeout is reported at its expr; the other rules are still measured.', async () => {
    // In front of the server: the stats query of the alert answers after 2 s, everything else at once.
    const proxy = createServer((request, response) => {
      const target = new URL(request.url ?? '/', prom.url);
      const slow = target.searchParams.get('stats') === 'all' && target.searchParams.get('query') === CHEAP_ALERT;
      setTimeout(() => {
        fetch(target).then(
          async (upstream) => response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(Buffer.from(await upstream.arrayBuffer())),
          () => response.writeHead(502).end(),
        );
      }, slow ? 2_000 : 0);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const files = project('count(app_requests_total)', CHEAP_ALERT, '', '  timeout: 500ms\n');
      const found = (await lint(files, { online: { prometheus: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` } })).filter((d) => d.check === ID);
      expect(found.map(where)).toEqual([at(ID, F, files[F], 'count(app_requests_total)'), at(ID, F, files[F], CHEAP_ALERT)]);
      expect(found[1]?.message).toMatch(/^the query of alert QueueStuck did not finish on Prometheus at http:\/\/127\.0\.0\.1:\d+: /);
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('The samples the query loaded come from the query stats.', async () => {
    const found = await lint(project('sum by (code) (rate(app_requests_total[5m]))', CHEAP_ALERT), { online: { prometheus: prom.url } });
    expect(found.find((d) => d.check === ID)?.message).toMatch(/loads \d+ samples \(peak \d+ in memory\), over the budget of 500 and selects 60 series, over the budget of 20/);
  });
});
