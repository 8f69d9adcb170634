/** routing/inline-secret: receivers and the routing global settings keep keys, webhook URLs and passwords in files, not inline. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, files, GLOBAL, R, RECEIVERS, replace, routing, SERVICE, SEVERITY_ROUTES } from './fixture.ts';

const ID = 'routing/inline-secret';

/** The fixture's routing with `receiver` (a YAML list item) added to the receivers. */
const withReceiver = (receiver: string) => routing(SEVERITY_ROUTES, '', `${RECEIVERS}  - ${receiver}\n`);

/** The fixture's routing with `fields` added to global. */
const withGlobal = (fields: string) => replace(routing(SEVERITY_ROUTES), GLOBAL, `${GLOBAL}${fields}`);

const CASES: readonly Case[] = [
  { name: 'Receivers whose secrets are all *File references pass.', routing: routing(SEVERITY_ROUTES), expected: () => [] },
  {
    name: 'A webhook with basic auth from a password file, and a query without secrets, passes.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://example.com/alert?channel=ops', username: am, passwordFile: /etc/am/hook }] }"),
    expected: () => [],
  },
  { name: 'Global Slack and Opsgenie defaults from files pass.', routing: withGlobal('  slackApiUrlFile: /etc/am/slack\n  opsgenieApiKeyFile: /etc/am/og\n'), expected: () => [] },
  {
    name: 'An inline PagerDuty routing key is flagged at the value.',
    routing: routing(SEVERITY_ROUTES, '', replace(RECEIVERS, 'routingKeyFile: /etc/am/pd', 'routingKey: 0123456789abcdef')),
    expected: (r) => [at(ID, R, r, '0123456789abcdef')],
  },
  {
    name: 'An inline PagerDuty service key is flagged at the value.',
    routing: routing(SEVERITY_ROUTES, '', replace(RECEIVERS, 'routingKeyFile: /etc/am/pd', 'serviceKey: fedcba9876543210')),
    expected: (r) => [at(ID, R, r, 'fedcba9876543210')],
  },
  {
    name: 'An inline Slack URL and an SMTP password in global are flagged.',
    routing: replace(
      routing(SEVERITY_ROUTES, '', replace(RECEIVERS, 'apiUrlFile: /etc/am/slack', "apiUrl: 'https://hooks.slack.com/services/T0/B0/x'")),
      'from: am@example.com }',
      'from: am@example.com, authPassword: hunter2 }',
    ),
    expected: (r) => [at(ID, R, r, 'hunter2'), at(ID, R, r, "'https://hooks.slack.com")],
  },
  {
    name: 'An inline SMTP password on an email integration is flagged at the value.',
    routing: routing(SEVERITY_ROUTES, '', replace(RECEIVERS, '{ to: oncall@example.com }', '{ to: oncall@example.com, authUsername: am, authPassword: s3cret }')),
    expected: (r) => [at(ID, R, r, 's3cret')],
  },
  {
    name: 'An inline webhook password is flagged at the value.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://example.com/alert', username: am, password: s3cret }] }"),
    expected: (r) => [at(ID, R, r, 's3cret')],
  },
  {
    name: 'An inline Opsgenie API key is flagged at the value.',
    routing: withReceiver('{ name: genie, opsgenie: [{ apiKey: og-key-123 }] }'),
    expected: (r) => [at(ID, R, r, 'og-key-123')],
  },
  {
    name: 'Inline Slack and Opsgenie defaults in global are flagged at their values.',
    routing: withGlobal("  slackApiUrl: 'https://hooks.slack.com/services/T0/B0/y'\n  opsgenieApiKey: og-global-key\n"),
    expected: (r) => [at(ID, R, r, "'https://hooks.slack.com"), at(ID, R, r, 'og-global-key')],
  },
  {
    name: 'A webhook URL with a token in its query is flagged.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://example.com/alert?token=abc' }] }"),
    expected: (r) => [at(ID, R, r, "'https://example.com/alert?token")],
  },
  {
    name: 'A webhook URL with a user and password in it is flagged at the URL.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://am:s3cret@example.com/alert' }] }"),
    expected: (r) => [at(ID, R, r, "'https://am:s3cret")],
  },
  {
    name: 'A Slack URL written with a trailing dot on its host is flagged.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://hooks.slack.com./services/T0/B0/z' }] }"),
    expected: (r) => [at(ID, R, r, "'https://hooks.slack.")],
  },
  {
    name: 'A Discord webhook URL is flagged.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://discord.com/api/webhooks/123456/abcdefTOKEN' }] }"),
    expected: (r) => [at(ID, R, r, "'https://discord.com/")],
  },
  {
    name: 'A Microsoft Teams webhook URL is flagged.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://contoso.webhook.office.com/webhookb2/0000-1111@2222/IncomingWebhook/abc/def' }] }"),
    expected: (r) => [at(ID, R, r, "'https://contoso.webh")],
  },
  {
    name: 'A PagerDuty integration URL with the key in its path is flagged.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue' }] }"),
    expected: (r) => [at(ID, R, r, "'https://events.pager")],
  },
  {
    name: 'An Azure Functions URL with ?code= is flagged.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://alerts.azurewebsites.net/api/relay?code=abcDEF123' }] }"),
    expected: (r) => [at(ID, R, r, "'https://alerts.azure")],
  },
  {
    name: 'A URL with ?X-Auth-Token= is flagged.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://example.com/alert?X-Auth-Token=abc' }] }"),
    expected: (r) => [at(ID, R, r, "'https://example.com/")],
  },
  {
    name: 'A URL with a token in its fragment is flagged.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://example.com/alert#token=abc' }] }"),
    expected: (r) => [at(ID, R, r, "'https://example.com/")],
  },
  {
    name: 'A URL with a secret as its user part is flagged.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://SECRET@example.com/alert' }] }"),
    expected: (r) => [at(ID, R, r, "'https://SECRET@examp")],
  },
  {
    name: 'A Mattermost-style hook URL with a token path segment is flagged.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://chat.example.com/hooks/xyzabc1234567890abcdef' }] }"),
    expected: (r) => [at(ID, R, r, "'https://chat.example")],
  },
  { name: 'A webhook URL with harmless query and fragment parameters passes.', routing: withReceiver("{ name: hook, webhook: [{ url: 'https://example.com/alert?channel=ops&format=json#section' }] }"), expected: () => [] },
  { name: 'A short hooks path without a token passes.', routing: withReceiver("{ name: hook, webhook: [{ url: 'https://example.com/hooks/alertmanager' }] }"), expected: () => [] },
  {
    name: 'A webhook to a Slack incoming-webhook URL is flagged at the URL.',
    routing: withReceiver("{ name: hook, webhook: [{ url: 'https://hooks.slack.com/services/T0/B0/z' }] }"),
    expected: (r) => [at(ID, R, r, "'https://hooks.slack.com")],
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

  it('names the file field to write instead', async () => {
    const diagnostics = await lint(files({ routing: routing(SEVERITY_ROUTES, '', replace(RECEIVERS, 'routingKeyFile: /etc/am/pd', 'routingKey: 0123456789abcdef')) }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'routingKey holds a secret inline, where every clone of the repository can read it; write routingKeyFile: /path/to/a/file holding it, mounted into Alertmanager',
    ]);
  });

  it('says which secret a webhook URL carries, and what to do', async () => {
    const messages = async (url: string) =>
      (await lint(files({ routing: withReceiver(`{ name: hook, webhook: [{ url: '${url}' }] }`) }))).filter((d) => d.check === ID).map((d) => d.message);
    const basicAuth = 'Alertmanager 0.25 has no url_file, so send credentials as basic auth with username and passwordFile';
    expect(await messages('https://example.com/alert?API_KEY=abc')).toEqual([`the webhook URL carries a secret in its query (API_KEY=…); ${basicAuth}`]);
    expect(await messages('https://am:s3cret@example.com/alert')).toEqual([`the webhook URL carries a password (user:password@); ${basicAuth}`]);
    expect(await messages('https://hooks.slack.com/services/T0/B0/z')).toEqual(['the webhook URL carries the Slack webhook secret in its path; use a slack receiver with apiUrlFile instead']);
  });
});
