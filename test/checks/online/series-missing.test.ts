/** online/series-missing: against a real Prometheus holding known series (backfilled, ending now). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { openMetrics, startPrometheus, type Prometheus } from '../../helpers/prometheus.ts';

const ID = 'online/series-missing';
const F = 'definitions/app.yaml';

let prom: Prometheus;

beforeAll(async () => {
  const now = Math.floor(Date.now() / 1000);
  const counter = (t: number) => t - now + 100_000;
  const current = openMetrics(
    [
      { name: 'app_requests_total', labels: { job: 'app', code: '200' }, value: counter },
      { name: 'app_requests_total', labels: { job: 'app', code: '500' }, value: counter },
    ],
    { start: now - 3600, end: now, step: 15 },
  );
  // Renamed by an "exporter upgrade" three hours ago: samples until then only.
  const old = openMetrics([{ name: 'app_jobs_done_total', labels: { job: 'app' }, value: counter }], { start: now - 6 * 3600, end: now - 3 * 3600, step: 15 });
  prom = await startPrometheus({ ruleFiles: {}, data: `${current.replace(/# EOF\n$/, '')}${old}` });
});
afterAll(() => prom?.stop());

/** A service declaring app_requests_total (code), app_jobs_done_total and app_queue_depth, with one recording rule over `expr`. */
const service = (expr: string) => ({
  [F]: `kind: Service
name: app
team: core
metrics:
  - { name: app_requests_total, type: counter, help: Requests., labels: { code: { values: ["200", "404", "500"] } } }
  - { name: app_jobs_done_total, type: counter, help: Jobs. }
  - { name: app_request_total, type: counter, help: A misspelt copy. }
recordingRules:
  - record: job:app:rate5m
    expr: '${expr}'
`,
});

interface Case {
  readonly name: string;
  readonly expr: string;
  /** Where the findings are: the text each one points at in the file. */
  readonly at: readonly string[];
  readonly message?: string;
}

const CASES: readonly Case[] = [
  { name: 'A selector matching series passes.', expr: 'sum(rate(app_requests_total{code="500"}[5m]))', at: [] },
  { name: 'A regex matcher matching one series passes.', expr: 'sum(rate(app_requests_total{code=~"5.."}[5m]))', at: [] },
  {
    name: 'A label value no series has is reported at the matcher, with the values the series have.',
    expr: 'sum(rate(app_requests_total{code="404"}[5m]))',
    at: ['code="404"'],
    message: '"code" takes "200", "500"',
  },
  {
    name: 'A metric that disappeared is reported at its name, with how long ago.',
    expr: 'sum(rate(app_jobs_done_total[5m]))',
    at: ['app_jobs_done_total'],
    message: 'its last sample was 3 hours ago',
  },
  {
    name: 'A metric that never existed is reported at its name, with the similar name the server has.',
    expr: 'sum(rate(app_request_total[5m]))',
    at: ['app_request_total'],
    message: 'it has never had one; did you mean "app_requests_total"?',
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ expr, at: needles, message }) => {
    const files = service(expr);
    // The server loads no rules: what online/rules-drift says of that is its own test's.
    const found = (await lint(files, { online: { prometheus: prom.url } })).filter((d) => d.check.startsWith('online/') && d.check !== 'online/rules-drift');
    const text = files[F] ?? '';
    const exprAt = text.indexOf('expr: ');
    expect(found.map(where)).toEqual(needles.map((needle) => at(ID, F, text, needle, text.slice(0, exprAt).split(needle).length)));
    if (message) expect(found[0]?.message).toContain(message);
  });

  it("A dashboard query's matcher on a variable ($code) is not checked: the viewer picks its value; its other matchers are.", async () => {
    const dashboard = (expr: string) =>
      `kind: Dashboard\nid: app\ntitle: App\nvariables:\n  - { name: code, kind: query, query: 'label_values(app_requests_total, code)' }\nrows:\n  - title: Traffic\n    panels:\n      - title: Requests\n        description: Requests per second.\n        type: timeseries\n        unit: reqps\n        queries:\n          - { expr: '${expr}' }\n`;
    const D = 'definitions/dashboard.yaml';
    const lintWith = async (expr: string) =>
      (await lint({ ...service('sum(rate(app_requests_total[5m]))'), [D]: dashboard(expr) }, { online: { prometheus: prom.url } })).filter((d) => d.check === ID);
    expect((await lintWith('sum(rate(app_requests_total{code=~"$code"}[5m]))')).map(where)).toEqual([]);
    const text = dashboard('sum(rate(app_requests_total{code=~"$code", job="other"}[5m]))');
    expect((await lintWith('sum(rate(app_requests_total{code=~"$code", job="other"}[5m]))')).map(where)).toEqual([at(ID, D, text, 'job="other"')]);
  });

  it('Without a URL the check reads nothing and reports nothing.', async () => {
    expect((await lint(service('sum(rate(app_request_total[5m]))'))).filter((d) => d.check === ID)).toEqual([]);
  });
});
