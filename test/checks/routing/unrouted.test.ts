/** routing/unrouted: while routes by severity exist, every alert reaches a route for it, and every alert reaches a receiver that notifies someone. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, files, RECEIVERS, replace, routing, S, SERVICE, SEVERITY_ROUTES } from './fixture.ts';

const ID = 'routing/unrouted';

const INFO_ROUTE = '    - { severity: info, receiver: mail }\n';

/** A service with a critical alert and an SLO, which generates a critical page and two warnings (a ticket and no data). */
const SLO_SERVICE = `kind: Service
name: app
team: core
metrics:
  - { name: app_requests_total, type: counter, help: Requests., labels: { code: { pattern: "[1-5][0-9][0-9]", maxValues: 20 } } }
alerts:
  - { name: AppDown, expr: vector(1), for: 5m, severity: critical, summary: s, runbook: 'https://runbooks.example.com/x' }
slos:
  - name: availability
    objective: 99.9
    window: 14d
    sli:
      ratio:
        errors: app_requests_total{code=~"5.."}
        total: app_requests_total
`;

const CASES: readonly Case[] = [
  { name: 'Routes for every severity used, to receivers with integrations, pass.', routing: routing(SEVERITY_ROUTES), expected: () => [] },
  {
    name: 'Without severity routes, the default receiver is the plan and nothing is flagged.',
    routing: routing('  receiver: default\n  routes:\n    - { team: core, receiver: chat }\n'),
    expected: () => [],
  },
  {
    name: 'A regex severity route covering a severity routes it.',
    routing: routing(replace(SEVERITY_ROUTES, '{ severity: info, receiver: mail }', `{ matchers: ['severity=~"info|notice"'], receiver: mail }`)),
    expected: () => [],
  },
  {
    name: 'An alert that no severity route takes but another child route does is routed.',
    routing: routing(replace(SEVERITY_ROUTES, '{ severity: info, receiver: mail }', '{ team: core, receiver: mail }')),
    expected: () => [],
  },
  {
    name: 'An info alert when only critical and warning have routes is flagged at the alert.',
    routing: routing(replace(SEVERITY_ROUTES, INFO_ROUTE, '')),
    expected: (_r, s) => [at(ID, S, s, 'AppNotice')],
  },
  {
    name: 'An alert whose only receiver has no integrations reaches nobody and is flagged.',
    routing: replace(routing(SEVERITY_ROUTES, '', `${RECEIVERS}  - { name: nobody }\n`), '{ severity: critical, receiver: pager }', '{ severity: critical, receiver: nobody }'),
    expected: (_r, s) => [at(ID, S, s, 'AppDown')],
  },
  {
    name: 'An alert falling through to a default receiver without integrations is flagged once.',
    routing: routing(replace(replace(SEVERITY_ROUTES, INFO_ROUTE, ''), '  receiver: default\n', '  receiver: nobody\n'), '', `${RECEIVERS}  - { name: nobody }\n`),
    expected: (_r, s) => [at(ID, S, s, 'AppNotice')],
  },
  {
    name: 'An info route whose regex is not RE2 matches nothing, so the info alert falls through and is flagged (routing/matcher reports the regex).',
    routing: routing(replace(SEVERITY_ROUTES, '{ severity: info, receiver: mail }', `{ matchers: ['severity=~"(info"'], receiver: mail }`)),
    expected: (_r, s) => [at(ID, S, s, 'AppNotice')],
  },
  {
    name: 'A warning route on a misspelt label matches nothing, so the warning alert falls through and is flagged (routing/label-not-produced reports the label).',
    routing: routing(replace(SEVERITY_ROUTES, '{ severity: warning, receiver: chat }', `{ matchers: ['sevrity="warning"'], receiver: chat }`)),
    expected: (_r, s) => [at(ID, S, s, 'AppSlow')],
  },
  {
    name: "An SLO's alerts that no severity route takes are flagged at the SLO's name, one finding per alert.",
    routing: routing(replace(replace(SEVERITY_ROUTES, INFO_ROUTE, ''), '    - { severity: warning, receiver: chat }\n', '')),
    service: SLO_SERVICE,
    expected: (_r, s) => [at(ID, S, s, 'availability'), at(ID, S, s, 'availability')],
  },
];

describe(ID, () => {
  it('starts from a project that passes every check', async () => {
    expect(await lint(files({ routing: routing(SEVERITY_ROUTES) }))).toEqual([]);
  });

  it.each(CASES)('$name', async (c) => {
    const diagnostics = await lint(files(c));
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(c.expected(c.routing, c.service ?? SERVICE));
  });

  it('names the severity, the default receiver and the severities the routes match', async () => {
    const text = routing(replace(replace(SEVERITY_ROUTES, '{ severity: warning, receiver: chat }', `{ matchers: ['severity=~"warning|page"'], receiver: chat }`), INFO_ROUTE, ''));
    const diagnostics = await lint(files({ routing: text }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'alert "AppNotice" has severity "info" and reaches only the default receiver "default": the severity routes match critical, =~warning|page; route its severity or change it',
    ]);
  });

  it('says that nobody is notified when the receivers have no integrations', async () => {
    const text = routing(replace(replace(SEVERITY_ROUTES, INFO_ROUTE, ''), '  receiver: default\n', '  receiver: nobody\n'), '', `${RECEIVERS}  - { name: nobody }\n`);
    const diagnostics = await lint(files({ routing: text }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual(['alert "AppNotice" reaches only "nobody", which has no integrations: nobody is notified']);
  });

  it("names the SLO's generated alerts", async () => {
    const text = routing(replace(replace(SEVERITY_ROUTES, INFO_ROUTE, ''), '    - { severity: warning, receiver: chat }\n', ''));
    const diagnostics = await lint(files({ routing: text, service: SLO_SERVICE }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message.split(' has ')[0])).toEqual(['alert "AppAvailabilityNoData"', 'alert "AppAvailabilitySlowBurn"']);
  });
});
