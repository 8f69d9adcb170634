/** slo/reserved-label: an SLO's labels must not be ones monc generates on its rules and alerts. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { atIn, type Files, project, service, slo } from './fixtures.ts';

const ID = 'slo/reserved-label';

const withLabels = (labels: string, more = '') => project(service(slo({ more: `${more}    labels: { ${labels} }\n` })));

interface Case {
  readonly name: string;
  readonly files: Files;
  readonly expected: (files: Files) => readonly string[];
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'Labels of the user’s own pass.', files: withLabels('tenant: retail, slo_tier: gold'), expected: () => [] },
  {
    name: 'A tier label is flagged at its key: it would overwrite the burn tier of each alert.',
    files: withLabels('tier: gold'),
    expected: (f) => [atIn(ID, f, 'tier: gold')],
    messages: ['label "tier" is generated on the SLO\'s rules and alerts, where it holds the burn-rate tier of each alert (page-1h, page-6h, ticket-1d, ticket-3d); rename it, e.g. "slo_tier"'],
  },
  {
    name: 'Each generated label is flagged: service, team, slo, severity, window and alertname.',
    files: withLabels('service: x, team: y, slo: z, severity: critical, window: 7d, alertname: A'),
    expected: (f) => ['service: x', 'team: y', 'slo: z', 'severity: critical', 'window: 7d', 'alertname: A'].map((needle) => atIn(ID, f, needle)),
    messages: [
      'label "service" is generated on the SLO\'s rules and alerts, where it holds the service name (app); rename it, e.g. "slo_service"',
      'label "team" is generated on the SLO\'s rules and alerts, where it holds the service\'s team (core); rename it, e.g. "slo_team"',
      'label "slo" is generated on the SLO\'s rules and alerts, where it holds the SLO id (app-availability); rename it, e.g. "slo_slo"',
      'label "severity" is generated on the SLO\'s rules and alerts, where it holds the alert severity (set it with alerting.pageSeverity and ticketSeverity); rename it, e.g. "slo_severity"',
      'label "window" is generated on the SLO\'s rules and alerts, where it holds the SLO window on the objective series (30d); rename it, e.g. "slo_window"',
      'label "alertname" is generated on the SLO\'s rules and alerts, where it holds the alert\'s name; rename it, e.g. "slo_alertname"',
    ],
  },
  {
    name: 'A label the SLO groups by is flagged: each series carries its own value.',
    files: withLabels('route: checkout', '    groupBy: [route]\n'),
    expected: (f) => [atIn(ID, f, 'route: checkout')],
    messages: ['label "route" is generated on the SLO\'s rules and alerts, where it holds the route of each series, from groupBy; rename it, e.g. "slo_route"'],
  },
  {
    name: 'A groupBy label that monc generates is flagged at its entry: every group would carry one value.',
    files: project(service(slo({ more: '    groupBy: [route, service]\n' }))),
    expected: (f) => [atIn(ID, f, 'service]')],
    messages: [
      'groupBy "service" is a label monc sets on the SLO\'s rules and alerts, where it holds the service name (app): every group would get that one value, which Prometheus refuses ("vector contains metrics with the same labelset"); group by another label, or copy this one into another name with label_replace in a promql SLI',
    ],
  },
  {
    name: 'An SLI query whose result keeps a generated label is flagged at that label in the query, each query once.',
    files: project(service(slo({ sli: '      ratio:\n        errors: sum by (service) (increase(app_requests_total{code=~"5.."}[{{window}}]))\n        total: sum(increase(app_requests_total[{{window}}])) by (team)\n' }))),
    expected: (f) => [atIn(ID, f, 'service)'), atIn(ID, f, 'team)')],
    messages: [
      'the errors query keeps the label "service", which monc sets on the SLO\'s rules, where it holds the service name (app): every series would get that one value, which Prometheus refuses ("vector contains metrics with the same labelset"); aggregate it away, or copy it into another name with label_replace',
      'the total query keeps the label "team", which monc sets on the SLO\'s rules, where it holds the service\'s team (core): every series would get that one value, which Prometheus refuses ("vector contains metrics with the same labelset"); aggregate it away, or copy it into another name with label_replace',
    ],
  },
  {
    name: 'SLI queries that aggregate such labels away, or group by labels of their own, pass.',
    files: project(service(slo({ sli: '      ratio:\n        errors: sum without (service) (increase(app_requests_total{code=~"5.."}[{{window}}]))\n        total: sum by (route) (increase(app_requests_total[{{window}}]))\n' }))),
    expected: () => [],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const found = (await lint(files)).filter((d) => d.check === ID);
    expect(found.map(where)).toEqual(expected(files));
    if (messages) expect(found.map((d) => d.message)).toEqual(messages);
  });

  it('cannot be suppressed: the generated rules would be wrong', async () => {
    const files = project(service(slo({ more: '    labels:\n      tier: gold # monc-disable-line slo/reserved-label\n' })));
    const found = await lint(files);
    expect(found.filter((d) => d.check === ID).map(where)).toEqual([atIn(ID, files, 'tier: gold')]);
    expect(found.filter((d) => d.check === 'config/unknown-check').map((d) => d.message)).toEqual([expect.stringContaining('cannot be suppressed')]);
  });
});
