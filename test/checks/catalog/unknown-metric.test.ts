/** catalog/unknown-metric: every selected metric is declared, recorded, generated or built in. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'catalog/unknown-metric';
const F = 'definitions/app.yaml';

/** A service declaring app_jobs_total, with one recording rule over `expr`. */
const service = (expr: string, extra = '') =>
  `kind: Service
name: app
team: core
metrics:
  - { name: app_jobs_total, type: counter, help: Jobs. }
recordingRules:
  - record: job:app_jobs:rate5m
    expr: ${JSON.stringify(expr)}
${extra}`;

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Readonly<Record<string, string>>) => readonly string[];
}

/** A service with app_requests_total (code: 200, 500) and a dashboard whose one panel queries `expr`, written in single quotes. */
const withPanel = (expr: string) => ({
  'definitions/app.yaml': 'kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_requests_total, type: counter, help: Requests., labels: { code: { values: ["200", "500"] } } }\n',
  'definitions/dashboard.yaml': `kind: Dashboard\nid: app\ntitle: App\nvariables:\n  - { name: job, kind: query, query: 'label_values(up, job)' }\nrows:\n  - title: Traffic\n    panels:\n      - title: Requests\n        description: Requests per second.\n        type: timeseries\n        unit: reqps\n        queries:\n          - { expr: '${expr}' }\n`,
});
const D = 'definitions/dashboard.yaml';

const CASES: readonly Case[] = [
  { name: 'A declared metric passes.', files: { [F]: service('rate(app_jobs_total[5m])') }, expected: () => [] },
  { name: "Prometheus' own series (up, ALERTS) pass undeclared.", files: { [F]: service('up + on() group_left count(ALERTS)') }, expected: () => [] },
  {
    name: 'A recording rule output passes wherever it is read.',
    files: { [F]: service('rate(app_jobs_total[5m])', 'alerts:\n  - { name: AppSlow, expr: "job:app_jobs:rate5m > 1", severity: warning, summary: Slow. }\n') },
    expected: () => [],
  },
  {
    name: 'A misspelt metric is reported at its name, with the declared one suggested.',
    files: { [F]: service('rate(app_job_total[5m])') },
    expected: (files) => [at(ID, F, files[F] ?? '', 'app_job_total')],
  },
  { name: 'A selector that picks metrics by a __name__ regex is not checked.', files: { [F]: service('count({__name__=~"app_.*"})') }, expected: () => [] },
  {
    name: 'An exact __name__ matcher naming an unknown metric is reported at its quoted value.',
    files: { [F]: service("rate({__name__='app_job_total'}[5m])") },
    expected: (files) => [at(ID, F, files[F] ?? '', "'app_job_total'")],
  },
  {
    name: 'A counter has no _bucket series: its _bucket is reported at the name.',
    files: { [F]: service('rate(app_jobs_total_bucket[5m])') },
    expected: (files) => [at(ID, F, files[F] ?? '', 'app_jobs_total_bucket')],
  },
  {
    name: 'A misspelt metric in an alert is reported at its name.',
    files: { [F]: service('rate(app_jobs_total[5m])', 'alerts:\n  - { name: AppIdle, expr: "rate(app_jbos_total[5m]) == 0", severity: warning, summary: Idle. }\n') },
    expected: (files) => [at(ID, F, files[F] ?? '', 'app_jbos_total')],
  },
  {
    name: 'A metric declared in another file of the project passes.',
    files: {
      [F]: service('rate(app_jobs_total[5m]) + rate(shared_requests_total[5m])'),
      'definitions/shared.yaml': 'kind: Metrics\nmetrics:\n  - { name: shared_requests_total, type: counter, help: Requests. }\n',
    },
    expected: () => [],
  },
  {
    name: 'A typo in a dashboard query is reported inside the query, with its Grafana variables filled in.',
    files: withPanel('sum(rate(app_request_total{job=~"$job"}[$__rate_interval]))'),
    expected: (files) => [at(ID, D, files[D] ?? '', 'app_request_total')],
  },
  { name: 'A declared metric in a dashboard query passes.', files: withPanel('sum(rate(app_requests_total{job=~"$job"}[$__rate_interval]))'), expected: () => [] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('suggests the declared metric closest to a misspelt one', async () => {
    const diagnostics = await lint({ [F]: service('rate(app_job_total[5m])') });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual(['unknown metric "app_job_total"; did you mean "app_jobs_total"?']);
  });

  it('names the declaration to add when nothing is close', async () => {
    const diagnostics = await lint({ [F]: service('rate(totally_different_thing[5m])') });
    expect(diagnostics.map((d) => d.message)).toEqual(['unknown metric "totally_different_thing"; declare it in a service or a Metrics file']);
  });
});
