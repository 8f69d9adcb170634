import { describe, expect, it } from 'vitest';
import { at } from '../helpers/fragments.ts';
import { lintJson, where } from '../helpers/project.ts';

const D = 'definitions/dashboard.yaml';
const S = 'definitions/app.yaml';

const SERVICE = `kind: Service
name: app
team: core
metrics:
  - name: app_requests_total
    type: counter
    help: Requests.
    labels: { code: { values: ['200', '500'] } }
  - name: app_request_duration_seconds
    type: histogram
    help: Latency.
    unit: seconds
    buckets: [0.1, 0.5, 1]
alerts:
  - { name: AppDown, expr: 'up{job="app"} == 0', for: 5m, severity: critical, summary: s, runbook: 'https://runbooks.example.com/x', dashboard: app }
`;

/** A dashboard with one row holding the given panels (YAML list items, indented for `panels:`). */
const dashboard = (panels: string, extra = '') => `kind: Dashboard
id: app
title: App
variables:
  - { name: job, kind: query, query: 'label_values(up, job)' }
${extra}rows:
  - title: Traffic
    panels:
${panels}`;

const GOOD_PANEL = `      - title: Requests
        description: Requests per second by status code.
        type: timeseries
        unit: reqps
        queries:
          - { expr: 'sum by (code) (rate(app_requests_total{job=~"$job"}[$__rate_interval]))', legend: '{{code}}' }
`;

interface Case {
  readonly name: string;
  readonly dashboard: string;
  readonly service?: string;
  readonly expected: (dashboard: string, service: string) => string[];
}

const cases: Case[] = [
  { name: 'a panel with a description, a unit, $__rate_interval and a defined variable passes every check', dashboard: dashboard(GOOD_PANEL), expected: () => [] },
  {
    name: 'dashboard/description: a panel without a description is flagged at its title',
    dashboard: dashboard(GOOD_PANEL.replace('        description: Requests per second by status code.\n', '')),
    expected: (d) => [at('dashboard/description', D, d, 'Requests')],
  },
  {
    name: 'dashboard/unit: a latency panel without a unit is flagged at its title',
    dashboard: dashboard(`      - title: Latency
        description: p95 latency.
        type: timeseries
        queries:
          - { expr: 'histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[$__rate_interval])))' }
`),
    expected: (d) => [at('dashboard/unit', D, d, 'Latency')],
  },
  {
    name: 'dashboard/datasource: a fixed datasource uid on a query is flagged at the value',
    dashboard: dashboard(GOOD_PANEL.replace("legend: '{{code}}' }", "legend: '{{code}}', datasource: prom-eu-1 }")),
    expected: (d) => [at('dashboard/datasource', D, d, 'prom-eu-1')],
  },
  { name: 'dashboard/datasource: $datasource is the variable and passes', dashboard: dashboard(GOOD_PANEL.replace("legend: '{{code}}' }", "legend: '{{code}}', datasource: $datasource }")), expected: () => [] },
  {
    name: 'dashboard/rate-interval: rate over 30s at a 15s scrape interval is flagged at the window',
    dashboard: dashboard(GOOD_PANEL.replace('[$__rate_interval]', '[30s]')),
    expected: (d) => [at('dashboard/rate-interval', D, d, '30s')],
  },
  { name: 'dashboard/rate-interval: a fixed 5m window is 20 scrapes and passes', dashboard: dashboard(GOOD_PANEL.replace('[$__rate_interval]', '[5m]')), expected: () => [] },
  {
    name: 'dashboard/query: a variable the dashboard does not define is flagged inside the query, with a suggestion',
    dashboard: dashboard(GOOD_PANEL.replace('"$job"', '"$jb"')),
    expected: (d) => [at('dashboard/query', D, d, '$jb')],
  },
  {
    name: 'variables in a label list, an offset and a subquery step are filled in with a label name and durations, and pass',
    dashboard: dashboard(
      GOOD_PANEL.replace("'sum by (code) (rate(app_requests_total{job=~\"$job\"}[$__rate_interval]))'", "'max_over_time(sum by ($group) (rate(app_requests_total[$__rate_interval] offset $shift))[1h:$__interval])'"),
      "  - { name: group, kind: custom, values: [code, job] }\n  - { name: shift, kind: interval, values: [1d, 7d] }\n",
    ).replace("variables:\n  - { name: job, kind: query, query: 'label_values(up, job)' }\n", 'variables:\n'),
    expected: () => [],
  },
  {
    name: 'dashboard/query: an undefined variable outside a string is flagged exactly where it is written',
    dashboard: dashboard(GOOD_PANEL.replace("[$__rate_interval]))'", "[$__rate_interval])) > $thresold'")),
    expected: (d) => [at('dashboard/query', D, d, '$thresold')],
  },
  {
    name: 'dashboard/query: a query returning a range vector is flagged',
    dashboard: dashboard(GOOD_PANEL.replace("'sum by (code) (rate(app_requests_total{job=~\"$job\"}[$__rate_interval]))'", "'app_requests_total[5m]'")),
    expected: (d) => [at('dashboard/query', D, d, 'app_requests_total[5m]')],
  },
  {
    name: 'catalog/unknown-metric: a typo in a panel query is flagged inside the query, variables and all',
    dashboard: dashboard(GOOD_PANEL.replace('rate(app_requests_total', 'rate(app_request_total')),
    expected: (d) => [at('catalog/unknown-metric', D, d, 'app_request_total')],
  },
  {
    name: 'catalog/label-value: a matcher value outside the declared values is flagged, a $variable is not',
    dashboard: dashboard(GOOD_PANEL.replace('{job=~"$job"}', '{job=~"$job", code="404"}')),
    expected: (d) => [at('catalog/label-value', D, d, '"404"')],
  },
  {
    name: 'model/duplicate: a second dashboard with the same id is flagged at its id',
    dashboard: `${dashboard(GOOD_PANEL)}---\n${dashboard(GOOD_PANEL).replace('title: App', 'title: App again')}`,
    expected: (d) => [at('model/duplicate', D, d, 'app', 3)],
  },
  {
    name: 'alert/dashboard: an alert linking a dashboard id that does not exist is flagged at the id',
    dashboard: dashboard(GOOD_PANEL),
    service: SERVICE.replace('dashboard: app }', 'dashboard: ap }'),
    expected: (_d, s) => [at('alert/dashboard', S, s, 'ap }')],
  },
];

describe('dashboard checks', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const service = c.service ?? SERVICE;
    const { diagnostics } = await lintJson({ [D]: c.dashboard, [S]: service });
    expect(diagnostics.map(where).sort()).toEqual(c.expected(c.dashboard, service).sort());
  });
});
