/**
 * online/scrape-interval: rate() windows against the scrape intervals of a real Prometheus.
 * Job "app" has an active target scraped every 30s (/api/v1/targets); job "batch" has no
 * target, so its 1m interval comes from the loaded config (/api/v1/status/config). Their
 * series are backfilled, ending now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { openMetrics, startPrometheus, type Prometheus } from '../../helpers/prometheus.ts';

const ID = 'online/scrape-interval';
const F = 'definitions/app.yaml';
const D = 'definitions/dashboard.yaml';

let prom: Prometheus;

beforeAll(async () => {
  const now = Math.floor(Date.now() / 1000);
  const counter = (t: number) => t - now + 1000;
  const data = openMetrics(
    [
      { name: 'app_requests_total', labels: { job: 'app', instance: '127.0.0.1:1' }, value: counter },
      { name: 'app_jobs_total', labels: { job: 'batch', instance: 'batch:9100' }, value: counter },
    ],
    { start: now - 600, end: now, step: 15 },
  );
  // The app target is a closed port: it stays an active target, scraped (and failing) every 30s.
  const config = `global:
  scrape_interval: 1m
scrape_configs:
  - job_name: app
    scrape_interval: 30s
    static_configs: [{ targets: ['127.0.0.1:1'] }]
  - job_name: batch
`;
  prom = await startPrometheus({ ruleFiles: {}, config, data });
});
afterAll(() => prom?.stop());

/** A service declaring both counters, with one recording rule over `expr`, and a dashboard panel querying `query`. */
const project = (expr: string, query = 'sum(rate(app_requests_total[$__rate_interval]))') => ({
  [F]: `kind: Service
name: app
team: core
metrics:
  - { name: app_requests_total, type: counter, help: Requests. }
  - { name: app_jobs_total, type: counter, help: Jobs. }
recordingRules:
  - record: job:app:rate
    expr: '${expr}'
`,
  [D]: `kind: Dashboard
id: app
title: App
rows:
  - title: Traffic
    panels:
      - title: Requests
        description: Requests per second.
        type: timeseries
        unit: reqps
        queries:
          - { expr: '${query}' }
`,
});

interface Case {
  readonly name: string;
  readonly expr: string;
  readonly query?: string;
  /** The file and the text each finding points at. */
  readonly at: readonly (readonly [string, string])[];
  readonly message?: string;
}

const CASES: readonly Case[] = [
  { name: 'A window of 4 scrapes of the target\'s job passes.', expr: 'sum(rate(app_requests_total[2m]))', at: [] },
  {
    name: 'A window shorter than 4 scrapes of the job\'s active targets is reported at the range.',
    expr: 'sum(rate(app_requests_total[1m]))',
    at: [[F, '1m]']],
    message: 'rate() over 1m sees fewer than 4 scrapes of job "app", which Prometheus at',
  },
  {
    name: 'A job without active targets takes its interval from the loaded config.',
    expr: 'sum(increase(app_jobs_total[3m]))',
    at: [[F, '3m]']],
    message: 'every 1m; use at least [4m]',
  },
  { name: 'The same window passes for the job scraped more often.', expr: 'sum(increase(app_requests_total[3m]))', at: [] },
  {
    name: 'A dashboard query with a fixed short window is reported at the range; $__rate_interval passes.',
    expr: 'sum(rate(app_requests_total[5m]))',
    query: 'sum(rate(app_requests_total[45s]))',
    at: [[D, '45s]']],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ expr, query, at: needles, message }) => {
    const files = project(expr, query);
    const found = (await lint(files, { online: { prometheus: prom.url } })).filter((d) => d.check === ID);
    expect(found.map(where)).toEqual(needles.map(([file, needle]) => at(ID, file, files[file as keyof typeof files] ?? '', needle)));
    if (message) expect(found[0]?.message).toContain(message);
  });
});
