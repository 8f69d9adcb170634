/** alert/dashboard: an alert's `dashboard` is the id of a dashboard definition or of one monc generates (slo-<service>, slo-overview). */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'alert/dashboard';
const S = 'definitions/app.yaml';
const D = 'definitions/dashboard.yaml';

type Files = Readonly<Record<string, string>>;

const SLOS = `slos:
  - name: availability
    objective: 99.9
    sli:
      ratio:
        errors: app_requests_total{code="500"}
        total: app_requests_total
`;

/** A service whose alert AppDown links `dashboard`, with `extra` (e.g. SLOs) at the end. */
const service = (dashboard: string, extra = '') => `kind: Service
name: app
team: core
metrics:
  - name: app_requests_total
    type: counter
    help: Requests.
    labels: { code: { values: ['200', '500'] } }
alerts:
  - { name: AppDown, expr: 'up{job="app"} == 0', for: 5m, severity: critical, summary: s, runbook: 'https://runbooks.example.com/x', dashboard: ${dashboard} }
${extra}`;

/** A dashboard with one described panel, whose id is `id`. */
const dashboard = (id: string) => `kind: Dashboard
id: ${id}
title: App
rows:
  - title: Traffic
    panels:
      - title: Requests
        description: Requests per second by status code.
        type: timeseries
        unit: reqps
        queries:
          - { expr: 'sum by (code) (rate(app_requests_total[$__rate_interval]))', legend: '{{code}}' }
`;

/** Where the alert's dashboard value `id` is written. */
const atDashboard = (files: Files, id: string) => at(ID, S, files[S] ?? '', `${id} }`);

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'An alert linking the id of a dashboard definition passes.', files: { [S]: service('app'), [D]: dashboard('app') }, expected: () => [] },
  { name: 'An alert without a dashboard passes.', files: { [S]: service('app').replace(', dashboard: app', '') }, expected: () => [] },
  { name: "An alert linking its service's generated SLO dashboard passes once the service has an SLO.", files: { [S]: service('slo-app', SLOS) }, expected: () => [] },
  { name: 'An alert linking the generated SLO overview passes once any service has an SLO.', files: { [S]: service('slo-overview', SLOS) }, expected: () => [] },
  {
    name: 'A dashboard id that does not exist is flagged at the id, with the close one suggested.',
    files: { [S]: service('ap'), [D]: dashboard('app') },
    expected: (f) => [atDashboard(f, 'ap')],
    messages: ['alert "AppDown" links dashboard "ap", which does not exist; did you mean "app"?'],
  },
  {
    name: 'An id close to none is flagged with the ids there are.',
    files: { [S]: service('checkout-overview'), [D]: dashboard('app') },
    expected: (f) => [atDashboard(f, 'checkout-overview')],
    messages: ['alert "AppDown" links dashboard "checkout-overview", which does not exist (dashboards: app)'],
  },
  {
    name: 'A dashboard id in a project without dashboards is flagged, with nothing to suggest.',
    files: { [S]: service('app') },
    expected: (f) => [atDashboard(f, 'app')],
    messages: ['alert "AppDown" links dashboard "app", which does not exist'],
  },
  {
    name: 'The SLO dashboard of a service without SLOs does not exist and is flagged.',
    files: { [S]: service('slo-app'), [D]: dashboard('app') },
    expected: (f) => [atDashboard(f, 'slo-app')],
    messages: ['alert "AppDown" links dashboard "slo-app", which does not exist (dashboards: app)'],
  },
  {
    name: 'A typo in a generated dashboard id is flagged with the generated id suggested.',
    files: { [S]: service('slo-ap', SLOS) },
    expected: (f) => [atDashboard(f, 'slo-ap')],
    messages: ['alert "AppDown" links dashboard "slo-ap", which does not exist; did you mean "slo-app"?'],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});
