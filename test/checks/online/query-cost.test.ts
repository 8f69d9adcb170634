/**
 * online/query-cost: the rules' queries evaluated on a real Prometheus with query stats, against
 * a budget of 500 samples and 20 series. app_requests_total has 60 series (6 codes × 10 paths),
 * app_queue_depth one; both backfilled every 15s, ending now.
 */
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

/** A service with one recording rule over `record` and one alert over `alert`, and the budget in monc.config.yaml. */
const project = (record: string, alert: string) => ({
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
`,
  'monc.config.yaml': 'online:\n  queryCostBudget: { samples: 500, series: 20 }\n',
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

  it('The samples the query loaded come from the query stats.', async () => {
    const found = await lint(project('sum by (code) (rate(app_requests_total[5m]))', CHEAP_ALERT), { online: { prometheus: prom.url } });
    expect(found.find((d) => d.check === ID)?.message).toMatch(/loads \d+ samples \(peak \d+ in memory\), over the budget of 500 and selects 60 series, over the budget of 20/);
  });
});
