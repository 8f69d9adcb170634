/** routing/incomplete-receiver: every receiver integration has what Alertmanager needs to send (SMTP server and sender, a key or webhook URL), here or in global. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, files, GLOBAL, R, RECEIVERS, replace, routing, SERVICE, SEVERITY_ROUTES } from './fixture.ts';

const ID = 'routing/incomplete-receiver';

/** The fixture's routing without its global SMTP settings. */
const withoutGlobal = (text: string) => replace(text, GLOBAL, '');

/** The fixture's routing with `receiver` (a YAML list item) added to the receivers. */
const withReceiver = (receiver: string) => routing(SEVERITY_ROUTES, '', `${RECEIVERS}  - ${receiver}\n`);

const CASES: readonly Case[] = [
  { name: 'Email with global SMTP settings, PagerDuty and Slack with key files pass.', routing: routing(SEVERITY_ROUTES), expected: () => [] },
  {
    name: 'Email integrations with their own smarthost and sender pass without global SMTP settings.',
    routing: withoutGlobal(
      routing(
        SEVERITY_ROUTES,
        '',
        RECEIVERS.replaceAll(/\{ to: (\S+) \}/g, "{ to: $1, smarthost: 'smtp.example.com:25', from: am@example.com }"),
      ),
    ),
    expected: () => [],
  },
  {
    name: 'Slack without a URL file of its own passes when global has slackApiUrlFile.',
    routing: replace(routing(SEVERITY_ROUTES, '', replace(RECEIVERS, ', apiUrlFile: /etc/am/slack', '')), GLOBAL, `${GLOBAL}  slackApiUrlFile: /etc/am/slack\n`),
    expected: () => [],
  },
  {
    name: 'Opsgenie with a key file passes, and one without passes when global has opsgenieApiKeyFile.',
    routing: replace(
      withReceiver('{ name: genie, opsgenie: [{ apiKeyFile: /etc/am/og }, { priority: P1 }] }'),
      GLOBAL,
      `${GLOBAL}  opsgenieApiKeyFile: /etc/am/og\n`,
    ),
    expected: () => [],
  },
  {
    name: 'A PagerDuty integration with an inline key is not incomplete (routing/inline-secret reports the key).',
    routing: routing(SEVERITY_ROUTES, '', replace(RECEIVERS, 'routingKeyFile: /etc/am/pd', 'routingKey: 0123456789abcdef')),
    expected: () => [],
  },
  {
    name: 'An email without SMTP settings here or in global is flagged at the integration.',
    routing: withoutGlobal(routing(SEVERITY_ROUTES)),
    expected: (r) => [at(ID, R, r, '{ to: team@example.com }'), at(ID, R, r, '{ to: oncall@example.com }')],
  },
  {
    name: 'Slack without a webhook URL file, and PagerDuty without a key, are flagged.',
    routing: routing(SEVERITY_ROUTES, '', replace(replace(RECEIVERS, ', apiUrlFile: /etc/am/slack', ''), '{ routingKeyFile: /etc/am/pd }', '{ severity: critical }')),
    expected: (r) => [at(ID, R, r, '{ severity: critical }]'), at(ID, R, r, "{ channel: '#alerts' }")],
  },
  {
    name: 'An Opsgenie integration without a key here or in global is flagged at the integration.',
    routing: withReceiver('{ name: genie, opsgenie: [{ priority: P1 }] }'),
    expected: (r) => [at(ID, R, r, '{ priority: P1 }')],
  },
  {
    name: 'Only the incomplete one of two integrations of a receiver is flagged.',
    routing: withoutGlobal(withReceiver("{ name: both, email: [{ to: a@example.com, smarthost: 'smtp.example.com:25', from: am@example.com }, { to: b@example.com }] }")),
    expected: (r) => [at(ID, R, r, '{ to: team@example.com }'), at(ID, R, r, '{ to: oncall@example.com }'), at(ID, R, r, '{ to: b@example.com }')],
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

  it('names the receiver and what is missing', async () => {
    const messages = async (text: string) => (await lint(files({ routing: text }))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages(withoutGlobal(withReceiver('{ name: nosender, email: [{ to: a@example.com, smarthost: \'smtp.example.com:25\' }] }')))).toContain(
      'receiver "nosender": the email integration has no from; set it here or in global.smtp',
    );
    expect(await messages(withoutGlobal(routing(SEVERITY_ROUTES)))).toContain('receiver "default": the email integration has no smarthost or from; set them here or in global.smtp');
    expect(await messages(routing(SEVERITY_ROUTES, '', replace(RECEIVERS, '{ routingKeyFile: /etc/am/pd }', '{ severity: critical }')))).toEqual([
      'receiver "pager": the PagerDuty integration has no key; set routingKeyFile (Events API v2) or serviceKeyFile',
    ]);
    expect(await messages(routing(SEVERITY_ROUTES, '', replace(RECEIVERS, ', apiUrlFile: /etc/am/slack', '')))).toEqual([
      'receiver "chat": the Slack integration has no webhook URL; set apiUrlFile here or slackApiUrlFile in global',
    ]);
    expect(await messages(withReceiver('{ name: genie, opsgenie: [{ priority: P1 }] }'))).toEqual([
      'receiver "genie": the Opsgenie integration has no API key; set apiKeyFile here or opsgenieApiKeyFile in global',
    ]);
  });
});
