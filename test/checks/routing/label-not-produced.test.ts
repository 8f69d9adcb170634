/** routing/label-not-produced: route and inhibit rule matchers select labels, and values, that some alert carries. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { CONFIG, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, files, R, replace, routing, SERVICE, SEVERITY_ROUTES } from './fixture.ts';

const ID = 'routing/label-not-produced';

/** The severity routes with a child route under the info route matching `matchers`. */
const underInfo = (matchers: string) =>
  routing(replace(SEVERITY_ROUTES, '{ severity: info, receiver: mail }', `{ severity: info, receiver: mail, routes: [{ matchers: [${matchers}] }] }`));

/** The fixture's service with one more alert, whose result carries the labels of `up` (job, instance). */
const WITH_UP = `${SERVICE}  - { name: AppTargetDown, expr: 'up == 0', for: 5m, severity: critical, summary: s, runbook: 'https://runbooks.example.com/x' }\n`;

const CASES: readonly Case[] = [
  { name: 'Routes on the severities the alerts have pass.', routing: routing(SEVERITY_ROUTES), expected: () => [] },
  {
    name: 'A label an alert sets itself (component) is known.',
    routing: routing(replace(SEVERITY_ROUTES, '{ severity: info, receiver: mail }', "{ severity: info, receiver: mail, routes: [{ matchers: ['component=\"api\"'] }] }")),
    expected: () => [],
  },
  { name: 'A negative matcher on a label no alert carries accepts every alert, and passes.', routing: underInfo(`'env!="prod"'`), expected: () => [] },
  {
    name: "A label an alert's expression may produce passes, with any value.",
    routing: replace(routing(SEVERITY_ROUTES), '{ severity: critical, receiver: pager }', `{ severity: critical, receiver: pager, routes: [{ matchers: ['instance=~"db-.*"'] }] }`),
    service: WITH_UP,
    expected: () => [],
  },
  {
    name: "A label neither an alert nor an alert's expression produces is still flagged when expressions produce labels.",
    routing: replace(routing(SEVERITY_ROUTES), '{ severity: critical, receiver: pager }', `{ severity: critical, receiver: pager, routes: [{ matchers: ['instance=~"db-.*"', 'tier="db"'] }] }`),
    service: WITH_UP,
    expected: (r) => [at(ID, R, r, `'tier="db"'`)],
  },
  {
    name: 'A route on a label no alert carries is flagged at the matcher.',
    routing: routing(replace(SEVERITY_ROUTES, '{ severity: warning, receiver: chat }', `{ matchers: ['sevrity="warning"'], receiver: chat }`)),
    expected: (r) => [at(ID, R, r, `'sevrity="warning"'`)],
  },
  {
    name: 'A severity value no alert has is flagged at the shorthand value.',
    routing: routing(`${SEVERITY_ROUTES}    - { severity: page, receiver: pager }\n`),
    expected: (r) => [at(ID, R, r, 'page, receiver')],
  },
  {
    name: 'A regex that matches none of the values the alerts have is flagged.',
    routing: underInfo(`'severity=~"page|sms"'`),
    expected: (r) => [at(ID, R, r, `'severity=~"page|sms"'`)],
  },
  {
    name: 'A service shorthand naming a service that has no alerts is flagged.',
    routing: routing(`${SEVERITY_ROUTES}    - { service: ap, receiver: chat }\n`),
    expected: (r) => [at(ID, R, r, 'ap, receiver')],
  },
  {
    name: 'An inhibit rule matcher on a label no alert carries is flagged.',
    routing: routing(SEVERITY_ROUTES, `inhibitRules:\n  - { sourceMatchers: ['alertname="AppDown"'], targetMatchers: ['tier="frontend"'], equal: [service] }\n`),
    expected: (r) => [at(ID, R, r, `'tier="frontend"'`)],
  },
  {
    name: 'An inhibit rule on an alert name no alert has is flagged.',
    routing: routing(SEVERITY_ROUTES, `inhibitRules:\n  - { sourceMatchers: ['alertname="AppDwn"'], targetMatchers: ['severity="warning"'], equal: [service] }\n`),
    expected: (r) => [at(ID, R, r, `'alertname="AppDwn"'`)],
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

  it("knows Prometheus' external labels and their values", async () => {
    const config = 'prometheus: { externalLabels: { cluster: prod } }\n';
    const passes = await lint({ ...files({ routing: underInfo(`'cluster="prod"'`) }), [CONFIG]: config });
    expect(passes.filter((d) => d.check === ID)).toEqual([]);
    const text = underInfo(`'cluster="staging"'`);
    const flagged = await lint({ ...files({ routing: text }), [CONFIG]: config });
    expect(flagged.filter((d) => d.check === ID).map(where)).toEqual([at(ID, R, text, `'cluster="staging"'`)]);
  });

  it('suggests the label or value meant, or lists what there is', async () => {
    const messages = async (text: string) => (await lint(files({ routing: text }))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages(underInfo(`'sevrity="info"'`))).toEqual(['no alert carries the label "sevrity"; did you mean "severity"?']);
    expect(await messages(underInfo(`'env="prod"'`))).toEqual(['no alert carries the label "env" (alert labels: alertname, component, service, severity, team)']);
    expect(await messages(routing(`${SEVERITY_ROUTES}    - { service: ap, receiver: chat }\n`))).toEqual(['no alert has service="ap"; did you mean "app"?']);
    expect(await messages(routing(`${SEVERITY_ROUTES}    - { severity: page, receiver: pager }\n`))).toEqual(['no alert has severity="page" (its values: critical, info, warning)']);
    expect(await messages(underInfo(`'severity=~"page|sms"'`))).toEqual(['no alert has severity=~"page|sms" (its values: critical, info, warning)']);
  });
});
