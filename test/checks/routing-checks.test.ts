import { describe, expect, it } from 'vitest';
import { at } from '../helpers/fragments.ts';
import { lintJson, where } from '../helpers/project.ts';

const R = 'definitions/routing.yaml';
const S = 'definitions/app.yaml';

const alert = (name: string, severity: string, labels = '') =>
  `  - { name: ${name}, expr: vector(1), for: 5m, severity: ${severity}, summary: s, runbook: 'https://runbooks.example.com/x'${labels} }\n`;

const SERVICE = `kind: Service\nname: app\nteam: core\nalerts:\n${alert('AppDown', 'critical')}${alert('AppSlow', 'warning')}${alert('AppNotice', 'info', ', labels: { component: api }')}`;

const RECEIVERS = `receivers:
  - { name: default, email: [{ to: team@example.com }] }
  - { name: pager, pagerduty: [{ routingKeyFile: /etc/am/pd }] }
  - { name: chat, slack: [{ channel: '#alerts', apiUrlFile: /etc/am/slack }] }
  - { name: mail, email: [{ to: oncall@example.com }] }
`;

/** A routing file: the global SMTP settings, the given route block, receivers, and extra blocks. */
const routing = (route: string, extra = '', receivers = RECEIVERS) =>
  `kind: Routing\nglobal:\n  smtp: { smarthost: 'smtp.example.com:587', from: am@example.com }\nroute:\n${route}${receivers}${extra}`;

const SEVERITY_ROUTES = `  receiver: default
  routes:
    - { severity: critical, receiver: pager }
    - { severity: warning, receiver: chat }
    - { severity: info, receiver: mail }
`;

interface Case {
  readonly name: string;
  readonly routing: string;
  readonly service?: string;
  readonly expected: (routing: string, service: string) => string[];
}

const cases: Case[] = [
  { name: 'routes for every severity used, with known receivers and file secrets, pass every check', routing: routing(SEVERITY_ROUTES), expected: () => [] },
  {
    name: 'routing/unknown-receiver: a route naming an undefined receiver is flagged at the name, with a suggestion',
    routing: routing(SEVERITY_ROUTES.replace('receiver: chat', 'receiver: chta')),
    expected: (r) => [at('routing/unknown-receiver', R, r, 'chta')],
  },
  {
    name: 'routing/unknown-receiver: a root route without a receiver is flagged at route',
    routing: routing(SEVERITY_ROUTES.replace('  receiver: default\n', '')),
    expected: (r) => [at('routing/unknown-receiver', R, r, 'route')],
  },
  {
    name: 'routing/unknown-receiver: a mute interval that is not defined is flagged at its name',
    routing: routing(SEVERITY_ROUTES.replace('{ severity: info, receiver: mail }', '{ severity: info, receiver: mail, muteTimeIntervals: [nights] }')),
    expected: (r) => [at('routing/unknown-receiver', R, r, 'nights')],
  },
  {
    name: 'routing/inline-secret: an inline PagerDuty key is flagged at the value',
    routing: routing(SEVERITY_ROUTES, '', RECEIVERS.replace('routingKeyFile: /etc/am/pd', 'routingKey: 0123456789abcdef')),
    expected: (r) => [at('routing/inline-secret', R, r, '0123456789abcdef')],
  },
  {
    name: 'routing/inline-secret: an inline Slack URL and an SMTP password in global are flagged',
    routing: routing(SEVERITY_ROUTES, '', RECEIVERS.replace('apiUrlFile: /etc/am/slack', "apiUrl: 'https://hooks.slack.com/services/T0/B0/x'")).replace(
      "from: am@example.com }",
      'from: am@example.com, authPassword: hunter2 }',
    ),
    expected: (r) => [at('routing/inline-secret', R, r, 'hunter2'), at('routing/inline-secret', R, r, "'https://hooks.slack.com")],
  },
  {
    name: 'routing/inline-secret: a webhook URL with a token in its query is flagged',
    routing: routing(SEVERITY_ROUTES, '', `${RECEIVERS}  - { name: hook, webhook: [{ url: 'https://example.com/alert?token=abc' }] }\n`),
    expected: (r) => [at('routing/inline-secret', R, r, "'https://example.com/alert?token")],
  },
  {
    name: 'routing/incomplete-receiver: an email without SMTP settings here or in global is flagged at the integration',
    routing: routing(SEVERITY_ROUTES).replace("global:\n  smtp: { smarthost: 'smtp.example.com:587', from: am@example.com }\n", ''),
    expected: (r) => [at('routing/incomplete-receiver', R, r, '{ to: team@example.com }'), at('routing/incomplete-receiver', R, r, '{ to: oncall@example.com }')],
  },
  {
    name: 'routing/incomplete-receiver: Slack without a webhook URL file, and PagerDuty without a key, are flagged',
    routing: routing(SEVERITY_ROUTES, '', RECEIVERS.replace(', apiUrlFile: /etc/am/slack', '').replace('{ routingKeyFile: /etc/am/pd }', '{ severity: critical }')),
    expected: (r) => [at('routing/incomplete-receiver', R, r, '{ severity: critical }]'), at('routing/incomplete-receiver', R, r, "{ channel: '#alerts' }")],
  },
  {
    name: 'a matcher regex with escapes (\\.) is read the way Alertmanager reads it, and passes',
    routing: routing(SEVERITY_ROUTES.replace('{ severity: info, receiver: mail }', `{ matchers: ['team=~"co\\.re|core"'], receiver: mail }`)),
    expected: () => [],
  },
  {
    name: 'routing/unknown-receiver: matchers and continue on the root route, which Alertmanager refuses, are flagged',
    routing: routing(SEVERITY_ROUTES.replace('  receiver: default\n', '  receiver: default\n  severity: critical\n  continue: true\n')),
    expected: (r) => [at('routing/unknown-receiver', R, r, 'critical\n  continue'), at('routing/unknown-receiver', R, r, 'true')],
  },
  {
    name: 'routing/matcher: a regex that is not RE2 is flagged at the matcher',
    routing: routing(SEVERITY_ROUTES.replace('{ severity: info, receiver: mail }', `{ matchers: ['severity=~"(info"'], receiver: mail }`)),
    // The info route can never match, so the info alert falls through to the default receiver.
    expected: (r, s) => [at('routing/matcher', R, r, `'severity=~"(info"'`), at('routing/unrouted', S, s, 'AppNotice')],
  },
  {
    name: 'routing/unrouted: an info alert when only critical and warning have routes is flagged at the alert',
    routing: routing(SEVERITY_ROUTES.replace('    - { severity: info, receiver: mail }\n', '')),
    expected: (_r, s) => [at('routing/unrouted', S, s, 'AppNotice')],
  },
  {
    name: 'routing/unrouted: without severity routes, the default receiver is the plan and nothing is flagged',
    routing: routing('  receiver: default\n  routes:\n    - { team: core, receiver: chat }\n'),
    expected: () => [],
  },
  {
    name: 'routing/unrouted: an alert whose only receiver has no integrations reaches nobody and is flagged',
    routing: routing(SEVERITY_ROUTES, '', `${RECEIVERS}  - { name: nobody }\n`).replace('{ severity: critical, receiver: pager }', '{ severity: critical, receiver: nobody }'),
    expected: (_r, s) => [at('routing/unrouted', S, s, 'AppDown')],
  },
  {
    name: 'routing/shadowed-route: a catch-all sibling without continue shadows the routes after it',
    routing: routing(SEVERITY_ROUTES.replace('    - { severity: critical, receiver: pager }\n', '    - { team: core, receiver: pager }\n    - { matchers: [\'team="core"\', \'severity="critical"\'], receiver: mail }\n')),
    expected: (r) => [at('routing/shadowed-route', R, r, `{ matchers: ['team="core"'`)],
  },
  {
    name: 'routing/shadowed-route: the same sibling with continue shadows nothing',
    routing: routing(SEVERITY_ROUTES.replace('    - { severity: critical, receiver: pager }\n', '    - { team: core, receiver: pager, continue: true }\n    - { matchers: [\'team="core"\', \'severity="critical"\'], receiver: mail }\n')),
    expected: () => [],
  },
  {
    name: 'routing/shadowed-route: a regex sibling covering a later equality shadows it',
    routing: routing(SEVERITY_ROUTES.replace('    - { severity: critical, receiver: pager }\n', `    - { matchers: ['severity=~"critical|warning"'], receiver: pager }\n    - { severity: critical, receiver: mail }\n`)),
    expected: (r) => [at('routing/shadowed-route', R, r, '{ severity: critical, receiver: mail'), at('routing/shadowed-route', R, r, '{ severity: warning, receiver: chat')],
  },
  {
    name: 'routing/inhibit-self: source and target the same alerts without equal labels is flagged at the targets',
    routing: routing(SEVERITY_ROUTES, `inhibitRules:\n  - { sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="critical"'] }\n`),
    expected: (r) => [at('routing/inhibit-self', R, r, `['severity="critical"'] }`)],
  },
  {
    name: 'routing/inhibit-self: identical sides mute nothing, equal labels or not, and are flagged',
    routing: routing(SEVERITY_ROUTES, `inhibitRules:\n  - { sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="critical"'], equal: [alertname] }\n`),
    expected: (r) => [at('routing/inhibit-self', R, r, `['severity="critical"'], equal`)],
  },
  {
    name: 'routing/inhibit-self: overlapping sides with equal labels pass: a critical mutes the warnings of its own service',
    routing: routing(SEVERITY_ROUTES, `inhibitRules:\n  - { sourceMatchers: ['severity="critical"'], targetMatchers: ['severity=~"critical|warning"'], equal: [service] }\n`),
    expected: () => [],
  },
  {
    name: 'routing/inhibit-self: the same overlap without equal labels is flagged',
    routing: routing(SEVERITY_ROUTES, `inhibitRules:\n  - { sourceMatchers: ['severity="critical"'], targetMatchers: ['severity=~"critical|warning"'] }\n`),
    expected: (r) => [at('routing/inhibit-self', R, r, `['severity=~"critical|warning"']`)],
  },
  {
    name: 'routing/label-not-produced: a route on a label no alert carries is flagged at the matcher',
    routing: routing(SEVERITY_ROUTES.replace('{ severity: warning, receiver: chat }', `{ matchers: ['sevrity="warning"'], receiver: chat }`)),
    expected: (r, s) => [at('routing/label-not-produced', R, r, `'sevrity="warning"'`), at('routing/unrouted', S, s, 'AppSlow')],
  },
  {
    name: 'routing/label-not-produced: a severity value no alert has is flagged',
    routing: routing(`${SEVERITY_ROUTES}    - { severity: page, receiver: pager }\n`),
    expected: (r) => [at('routing/label-not-produced', R, r, 'page, receiver')],
  },
  {
    name: 'routing/label-not-produced: a label an alert sets itself (component) is known',
    routing: routing(SEVERITY_ROUTES.replace('{ severity: info, receiver: mail }', '{ severity: info, receiver: mail, routes: [{ matchers: [\'component="api"\'] }] }')),
    expected: () => [],
  },
  {
    name: 'model/duplicate: two receivers with one name are flagged at the second',
    routing: routing(SEVERITY_ROUTES, '', `${RECEIVERS}  - { name: chat, slack: [{ channel: '#other', apiUrlFile: /etc/am/slack }] }\n`),
    expected: (r) => [at('model/duplicate', R, r, 'chat, slack', 2)],
  },
];

describe('routing checks', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const service = c.service ?? SERVICE;
    const { diagnostics } = await lintJson({ [R]: c.routing, [S]: service });
    expect(diagnostics.map(where).sort()).toEqual(c.expected(c.routing, service).sort());
  });
});
