/** model/duplicate: services, metrics, alerts, recording rules, dashboards, receivers, time intervals and the routing are each defined once. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'model/duplicate';
const A = 'definitions/a.yaml';
const B = 'definitions/b.yaml';
const D = 'definitions/dashboard.yaml';
const R = 'definitions/routing.yaml';

type Files = Readonly<Record<string, string>>;

/** Where the nth `needle` is in `file` of `files`. */
const atIn = (files: Files, file: string, needle: string, nth = 1) => at(ID, file, files[file] ?? '', needle, nth);

const withMetric = (metric: string) => `kind: Service\nname: app\nteam: core\nmetrics:\n  - ${metric}\n`;
const JOBS = '{ name: app_jobs_total, type: counter, help: Jobs. }';

/** A service `name` with one alert `alert`. */
const withAlert = (name: string, alert: string) =>
  `kind: Service\nname: ${name}\nteam: platform\nalerts:\n  - { name: ${alert}, expr: up == 0, for: 1m, severity: critical, summary: s, runbook: "https://r.example/${name}" }\n`;

const RULES = `kind: Service
name: checkout
team: payments
recordingRules:
  - record: job:up:sum
    expr: sum by (job) (up)
  - record: job:up:sum
    expr: sum by (job) (up{job=~"prod-.*"})
    labels: { env: prod }
`;

const dashboard = (id: string, title = 'App') => `kind: Dashboard
id: ${id}
title: ${title}
rows:
  - title: Traffic
    panels:
      - title: Jobs
        description: Jobs per second.
        type: timeseries
        unit: ops
        queries:
          - { expr: 'sum(rate(app_jobs_total[$__rate_interval]))' }
`;

const SLO = "slos:\n  - name: availability\n    objective: 99.9\n    sli:\n      availability: { up: 'up{job=\"app\"}' }\n";

const routing = (extra = '') =>
  `kind: Routing\nglobal:\n  smtp: { smarthost: 'smtp.example.com:587', from: am@example.com }\nroute:\n  receiver: default\nreceivers:\n  - { name: default, email: [{ to: team@example.com }] }\n${extra}`;
const interval = (name: string) => `  - name: ${name}\n    intervals:\n      - weekdays: [sunday]\n`;

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'Two services with their own names, metrics and alerts pass.', files: { [A]: withAlert('api', 'ApiDown'), [B]: withAlert('web', 'WebDown') }, expected: () => [] },
  { name: 'A metric declared once in a Metrics file and read by a service passes.', files: { [A]: 'kind: Metrics\nmetrics:\n  - { name: app_jobs_total, type: counter, help: Jobs. }\n', [B]: 'kind: Service\nname: app\nteam: core\n' }, expected: () => [] },
  { name: 'The same record with different labels passes.', files: { [A]: RULES.replace('sum by (job) (up)\n', 'sum by (job) (up)\n    labels: { env: dev }\n') }, expected: () => [] },
  { name: 'Two dashboards with different ids pass.', files: { [A]: withMetric(JOBS), [D]: `${dashboard('app')}---\n${dashboard('app-jobs', 'Jobs')}` }, expected: () => [] },
  { name: 'One routing with distinct receivers and time intervals passes.', files: { [R]: routing(`timeIntervals:\n${interval('nights')}${interval('weekends')}`) }, expected: () => [] },
  {
    name: 'A second metric of the same name, in a Metrics file, is flagged at its name.',
    files: { [A]: withMetric(JOBS), [B]: 'kind: Metrics\nmetrics:\n  - { name: app_jobs_total, type: counter, help: Jobs again. }\n' },
    expected: (f) => [atIn(f, B, 'app_jobs_total')],
    messages: ['metric "app_jobs_total" is already defined in definitions/a.yaml'],
  },
  {
    name: 'A metric declared twice in one service is flagged at the second.',
    files: { [A]: withMetric(`${JOBS}\n  - ${JOBS}`) },
    expected: (f) => [atIn(f, A, 'app_jobs_total', 2)],
  },
  {
    name: 'A second service of the same name is flagged at its name.',
    files: { [A]: 'kind: Service\nname: app\nteam: core\n', [B]: 'kind: Service\nname: app\nteam: other\n' },
    expected: (f) => [atIn(f, B, 'app')],
    messages: ['service "app" is already defined in definitions/a.yaml'],
  },
  {
    name: 'A service in TypeScript and one in YAML with the same name: the YAML one comes first and the TypeScript one is flagged.',
    files: { 'definitions/a.ts': "import { defineService } from 'monc';\n\ndefineService({ name: 'app', team: 'core' });\n", [B]: 'kind: Service\nname: app\nteam: other\n' },
    expected: (f) => [at(ID, 'definitions/a.ts', f['definitions/a.ts'] ?? '', "'app'")],
    messages: ['service "app" is already defined in definitions/b.yaml'],
  },
  {
    name: 'Alerts of one name in two services are flagged at the second, in its file.',
    files: { [A]: withAlert('api', 'Same'), [B]: withAlert('b', 'Same') },
    expected: (f) => [atIn(f, B, 'Same')],
    messages: ['alert "Same" is already defined in definitions/a.yaml'],
  },
  {
    name: 'Of two alerts of one name, the one in the service whose name sorts last is flagged, whatever the file names.',
    files: { [A]: withAlert('zz', 'Same'), [B]: withAlert('aa', 'Same') },
    expected: (f) => [atIn(f, A, 'Same')],
  },
  {
    name: 'The same record with the same labels twice is flagged at the second record.',
    files: { [A]: `${RULES}  - record: job:up:sum\n    expr: count by (job) (up)\n` },
    expected: (f) => [atIn(f, A, 'job:up:sum', 3)],
    messages: ['recording rule "job:up:sum" is already defined in definitions/a.yaml'],
  },
  {
    name: 'A second dashboard with the same id is flagged at its id.',
    files: { [A]: withMetric(JOBS), [D]: `${dashboard('app')}---\n${dashboard('app', 'App again')}` },
    expected: (f) => [atIn(f, D, 'app\ntitle: App again')],
    messages: ['dashboard "app" is already defined in definitions/dashboard.yaml'],
  },
  {
    name: 'A dashboard taking the id of a generated SLO dashboard is flagged at its id.',
    files: { [A]: withMetric(JOBS) + SLO, [D]: dashboard('slo-app') },
    expected: (f) => [atIn(f, D, 'slo-app')],
    messages: ['dashboard "slo-app" is already defined in definitions/a.yaml'],
  },
  {
    name: 'Two receivers with one name are flagged at the second.',
    files: { [R]: routing('  - { name: default, email: [{ to: other@example.com }] }\n') },
    expected: (f) => [atIn(f, R, 'default', 3)],
    messages: ['receiver "default" is already defined in definitions/routing.yaml'],
  },
  {
    name: 'Two time intervals with one name are flagged at the second.',
    files: { [R]: routing(`timeIntervals:\n${interval('nights')}${interval('nights')}`) },
    expected: (f) => [atIn(f, R, 'nights', 2)],
    messages: ['time interval "nights" is already defined in definitions/routing.yaml'],
  },
  {
    name: "A second routing definition is flagged at its route: Alertmanager reads one tree.",
    files: { [R]: routing(), 'definitions/team-routing.yaml': routing() },
    expected: (f) => [atIn(f, 'definitions/team-routing.yaml', 'receiver: default')],
    messages: ['routing "the project" is already defined in definitions/routing.yaml'],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});
