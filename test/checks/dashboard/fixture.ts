/**
 * The project the dashboard check tests start from: a service declaring a request counter and
 * a latency histogram, and a dashboard `app` with a `$job` variable and one row of panels.
 * With GOOD_PANEL it passes every check; each case changes one thing.
 */
export const D = 'definitions/dashboard.yaml';
export const S = 'definitions/app.yaml';

export const SERVICE = `kind: Service
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
  - name: app_memory_bytes
    type: gauge
    help: Resident memory.
    unit: bytes
alerts:
  - { name: AppDown, expr: 'up{job="app"} == 0', for: 5m, severity: critical, summary: s, runbook: 'https://runbooks.example.com/x', dashboard: app }
`;

export const VARIABLES = "variables:\n  - { name: job, kind: query, query: 'label_values(up, job)' }\n";

/** A dashboard with one row holding the given panels (YAML list items, indented for `panels:`); `extra` goes before `rows`. */
export const dashboard = (panels: string, extra = '') => `kind: Dashboard
id: app
title: App
${VARIABLES}${extra}rows:
  - title: Traffic
    panels:
${panels}`;

export const GOOD_QUERY = 'sum by (code) (rate(app_requests_total{job=~"$job"}[$__rate_interval]))';

export const GOOD_PANEL = `      - title: Requests
        description: Requests per second by status code.
        type: timeseries
        unit: reqps
        queries:
          - { expr: '${GOOD_QUERY}', legend: '{{code}}' }
`;

/** A panel titled `title` with one query `expr` (single-quoted in YAML) and the given extra fields. */
export const panel = (title: string, expr: string, fields = '        description: A panel.\n') =>
  `      - title: ${title}\n${fields}        type: timeseries\n        queries:\n          - { expr: '${expr}' }\n`;

/** `text` with one string replaced, failing loudly when the string is not there. */
export function replace(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`"${from}" is not in the fixture`);
  return text.replace(from, to);
}

/** A dashboard case: the dashboard file, the service (default SERVICE), the config (monc.config.yaml) if any, and the findings of the check under test. */
export interface Case {
  readonly name: string;
  readonly dashboard: string;
  readonly service?: string;
  readonly config?: string;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (dashboard: string) => readonly string[];
}

/** The files of a case. */
export const files = ({ dashboard, service = SERVICE, config }: Pick<Case, 'dashboard' | 'service' | 'config'>): Record<string, string> => ({
  [D]: dashboard,
  [S]: service,
  ...(config !== undefined && { 'monc.config.yaml': config }),
});
