/** The Alertmanager importer: how each part of an alertmanager.yml becomes monc's routing, and what it reports where. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseMatchers } from '../../src/import/importers/alertmanager.ts';
import { makeProject, readProjectFile, runCli } from '../helpers/project.ts';
import type { ImportInput } from '../../src/import/import.ts';
import { importFiles } from '../helpers/import.ts';

const FILE = 'alertmanager.yml';

function importConfig(text: string, options: Partial<ImportInput> = {}) {
  const { output, diagnostics } = importFiles('alertmanager', { [FILE]: text }, options);
  const routing = output.files[0] ? (parse(output.files[0].text) as Record<string, unknown>) : undefined;
  return { routing, findings: diagnostics.map((d) => `${d.check}@${d.line}:${d.column}`), messages: diagnostics.map((d) => d.message), output };
}

const config = (body: string) => `route:\n  receiver: default\n${body}receivers:\n  - name: default\n`;
const childRoute = (fields: string) => config(`  routes:\n    - receiver: default\n${fields}`);
const routesOf = (routing: Record<string, unknown> | undefined) => (routing?.['route'] as { routes?: unknown[] } | undefined)?.routes ?? [];

describe('monc import alertmanager: routes', () => {
  it.each([
    ['match with a shorthand label', '      match: { severity: critical }\n', { severity: 'critical' }],
    ['match with a number value, as Alertmanager reads it: the text', '      match: { test: 2, tier: 1.0 }\n', { matchers: ['test="2"', 'tier="1.0"'] }],
    ['match_re, anchored by Alertmanager as by monc', '      match_re: { service: ^(foo1|foo2)$ }\n', { matchers: ['service=~"^(foo1|foo2)$"'] }],
    ['matchers quoted, unquoted and spaced', "      matchers: ['team=\"db\"', 'env!~staging|dev', 'severity = warning']\n", { team: 'db', severity: 'warning', matchers: ['env!~"staging|dev"'] }],
    ['one matchers string holding several, in braces', "      matchers: ['{alertname=\"Watchdog\", job=~\"a,b\"}']\n", { matchers: ['alertname="Watchdog"', 'job=~"a,b"'] }],
    ['a value with escapes', `${String.raw`      matchers: ['path="a\.b \"q\""']`}\n`, { matchers: [String.raw`path="a\\.b \"q\""`] }],
    ['a second equality on a shorthand label stays a matcher', "      match: { severity: critical }\n      matchers: ['severity=\"page\"']\n", { severity: 'critical', matchers: ['severity="page"'] }],
    ['continue, grouping and timing', "      continue: true\n      group_by: ['...']\n      group_wait: 10s\n      group_interval: 1m\n      repeat_interval: 4h\n", { continue: true, groupBy: ['...'], groupWait: '10s', groupInterval: '1m', repeatInterval: '4h' }],
    ['continue: false, the default, is not written', '      continue: false\n', {}],
  ])('imports %s', (_name, fields, expected) => {
    const { routing, findings } = importConfig(childRoute(fields));
    expect(routesOf(routing)).toEqual([{ receiver: 'default', ...expected }]);
    expect(findings).toEqual([]);
  });

  it('imports nested routes, each with the line it came from above it', () => {
    const { output } = importConfig(childRoute("      matchers: ['team=\"db\"']\n      routes:\n        - receiver: default\n          match: { severity: critical }\n"));
    expect(output.files[0]?.text).toContain('  routes:\n    # from alertmanager.yml:4\n    - receiver: default\n      team: db\n      routes:\n        # from alertmanager.yml:7\n');
  });

  it('renames a receiver monc does not take, in the routes too, with a finding at its name', () => {
    const text = 'route:\n  receiver: ns/am/default\n  routes:\n    - receiver: ns/am/pager\nreceivers:\n  - name: ns/am/default\n  - name: ns/am/pager\n  - name: ns-am-pager\n';
    const { routing, findings, messages } = importConfig(text);
    expect(routing?.['route']).toEqual({ receiver: 'ns-am-default', routes: [{ receiver: 'ns-am-pager-2' }] });
    expect(routing?.['receivers']).toEqual([{ name: 'ns-am-default' }, { name: 'ns-am-pager-2' }, { name: 'ns-am-pager' }]);
    expect(findings).toEqual(['import/loss@6:11', 'import/loss@7:11']);
    expect(messages[1]).toMatch(/^receiver "ns\/am\/pager" is imported as "ns-am-pager-2"/);
  });

  it('reports a matcher Alertmanager would refuse, and a label monc cannot name, at their lines', () => {
    const { routing, findings } = importConfig(childRoute("      matchers: ['team=\"db', 'a:b=\"c\"', 'ok=\"1\"']\n"));
    expect(routesOf(routing)).toEqual([{ receiver: 'default', matchers: ['ok="1"'] }]);
    expect(findings).toEqual(['import/loss@5:18', 'import/loss@5:30']);
  });
});

describe("the matcher syntax of Alertmanager's matchers", () => {
  it.each([
    ['a="b"', [{ label: 'a', op: '=', value: 'b' }]],
    ['a =~ b.*', [{ label: 'a', op: '=~', value: 'b.*' }]],
    ['{a!="x,y", b!~z}', [{ label: 'a', op: '!=', value: 'x,y' }, { label: 'b', op: '!~', value: 'z' }]],
    ['a="line\\nnext"', [{ label: 'a', op: '=', value: 'line\nnext' }]],
    ['a=unquoted value', [{ label: 'a', op: '=', value: 'unquoted value' }]],
    ['a="open', 'matcher value contains unescaped double quote: "open'],
    ['a=b"c', 'matcher value contains unescaped double quote: b"c'],
    ['=b', 'bad matcher format: =b'],
  ])('reads %s', (text, expected) => {
    expect(parseMatchers(text)).toEqual(expected);
  });
});

describe('monc import alertmanager: secrets', () => {
  const secrets =
    "global:\n  smtp_smarthost: smtp:25\n  smtp_from: am@example.com\n  smtp_auth_password: smtp-pw-1\n  slack_api_url: https://hooks.slack.com/services/T/B/X\n  opsgenie_api_key_file: /run/opsgenie\nroute:\n  receiver: pager\nreceivers:\n  - name: pager\n    pagerduty_configs:\n      - routing_key: pd-key-2\n      - service_key_file: /run/pd\n    slack_configs:\n      - channel: '#a'\n        api_url: https://hooks.slack.com/services/T/B/Y\n    email_configs:\n      - to: a@example.com\n        auth_password: mail-pw-3\n    opsgenie_configs:\n      - api_key: og-key-4\n    webhook_configs:\n      - url: https://hooks.example.com/am\n        http_config:\n          basic_auth: { username: am, password: hook-pw-5 }\n";

  it('writes the *File field of every inline secret and never the secret', () => {
    const { routing, output } = importConfig(secrets);
    expect(routing?.['global']).toEqual({
      smtp: { smarthost: 'smtp:25', from: 'am@example.com', authPasswordFile: '/etc/alertmanager/secrets/smtp-auth-password' },
      slackApiUrlFile: '/etc/alertmanager/secrets/slack-api-url',
      opsgenieApiKeyFile: '/run/opsgenie',
    });
    expect(routing?.['receivers']).toEqual([
      {
        name: 'pager',
        pagerduty: [{ routingKeyFile: '/etc/alertmanager/secrets/pager-pagerduty-routing-key' }, { serviceKeyFile: '/run/pd' }],
        slack: [{ channel: '#a', apiUrlFile: '/etc/alertmanager/secrets/pager-slack-api-url' }],
        email: [{ to: 'a@example.com', authPasswordFile: '/etc/alertmanager/secrets/pager-email-auth-password' }],
        webhook: [{ url: 'https://hooks.example.com/am', username: 'am', passwordFile: '/etc/alertmanager/secrets/pager-webhook-password' }],
        opsgenie: [{ apiKeyFile: '/etc/alertmanager/secrets/pager-opsgenie-api-key' }],
      },
    ]);
    for (const secret of ['smtp-pw-1', 'hooks.slack.com', 'pd-key-2', 'mail-pw-3', 'og-key-4', 'hook-pw-5']) expect(output.files[0]?.text).not.toContain(secret);
  });

  it('names each secret to move, and where, at its value', () => {
    const { findings, messages } = importConfig(secrets);
    expect(findings).toEqual(['import/secret@4:23', 'import/secret@5:18', 'import/secret@12:22', 'import/secret@16:18', 'import/secret@19:24', 'import/secret@21:18', 'import/secret@25:49']);
    expect(messages[2]).toBe(
      'receiver "pager" pagerduty_configs: routing_key holds a secret inline; it is not copied: write it to /etc/alertmanager/secrets/pager-pagerduty-routing-key on the Alertmanager host, the file routingKeyFile now names, and remove it from this file',
    );
  });

  it('does not import a webhook whose URL is itself a secret, and says why', () => {
    const { routing, findings, messages } = importConfig(config('').replace('  - name: default\n', '  - name: default\n    webhook_configs:\n      - url: https://chat.example.com/hooks/abcdefghijklmnopqrstuvwxyz\n'));
    expect(routing?.['receivers']).toEqual([{ name: 'default' }]);
    expect(findings).toEqual(['import/secret@6:14']);
    expect(messages[0]).toContain('its URL carries a webhook token in its path');
  });

  it('does not import a webhook without a url, which monc needs', () => {
    const { routing, findings } = importConfig(config('').replace('  - name: default\n', '  - name: default\n    webhook_configs:\n      - url_file: /run/url\n'));
    expect(routing?.['receivers']).toEqual([{ name: 'default' }]);
    expect(findings).toEqual(['import/loss@6:9']);
  });
});

describe('monc import alertmanager: receivers, inhibit rules, time intervals', () => {
  it('imports each integration field by field and reports every field and integration monc has no place for', () => {
    const text = config('').replace(
      '  - name: default\n',
      "  - name: default\n    email_configs:\n      - to: a@example.com\n        from: b@example.com\n        smarthost: smtp:587\n        auth_username: u\n        require_tls: false\n        send_resolved: true\n        headers: { Subject: x }\n    slack_configs:\n      - channel: '#c'\n        api_url_file: /run/slack\n        title: T\n        text: X\n        actions: [{ type: button, text: t, url: https://x }]\n      - title: no channel\n    pagerduty_configs:\n      - routing_key_file: /run/pd\n        severity: '{{ .CommonLabels.severity }}'\n        description: D\n        send_resolved: false\n    opsgenie_configs:\n      - api_key_file: /run/og\n        priority: P1\n        message: M\n        responders: [{ name: ops, type: team }]\n    webhook_configs:\n      - url: https://relay.example.com/am\n        max_alerts: 5\n        http_config: { follow_redirects: false }\n    victorops_configs:\n      - api_key_file: /run/vo\n        routing_key: r\n",
    );
    const { routing, findings } = importConfig(text);
    expect(routing?.['receivers']).toEqual([
      {
        name: 'default',
        email: [{ to: 'a@example.com', from: 'b@example.com', smarthost: 'smtp:587', authUsername: 'u', requireTls: false, sendResolved: true }],
        slack: [{ channel: '#c', apiUrlFile: '/run/slack', title: 'T', text: 'X' }],
        pagerduty: [{ routingKeyFile: '/run/pd', severity: '{{ .CommonLabels.severity }}', description: 'D', sendResolved: false }],
        opsgenie: [{ apiKeyFile: '/run/og', priority: 'P1', message: 'M' }],
        webhook: [{ url: 'https://relay.example.com/am', maxAlerts: 5 }],
      },
    ]);
    expect(findings).toEqual(['import/loss@12:9', 'import/loss@18:9', 'import/loss@19:9', 'import/loss@29:9', 'import/loss@33:24', 'import/loss@34:5']);
  });

  it.each([
    ['no API URL anywhere: the reason is the URL Alertmanager requires, and the channel', '', "receiver \"slack\" slack_configs: the Slack integration is not imported: it has no API URL (api_url, api_url_file or the global slack_api_url), without which Alertmanager refuses the file, and no channel, which monc's slack integration needs"],
    ['a global API URL: the reason is the channel alone', 'global:\n  slack_api_url_file: /run/slack\n', "receiver \"slack\" slack_configs: the Slack integration is not imported: it names no channel (Slack posts to the webhook's own), and monc's slack integration needs one"],
  ])('says why a Slack integration without a channel is not imported, with %s', (_, global, message) => {
    const { messages } = importConfig(`${global}route:\n  receiver: slack\nreceivers:\n  - name: slack\n    slack_configs:\n      - send_resolved: true\n`);
    expect(messages.filter((m) => m.includes('Slack integration'))).toEqual([message]);
  });

  it('says where a route names a receiver the file does not define, which amtool refuses, and imports it as it is', () => {
    const { routing, findings, messages } = importConfig('route:\n  receiver: test\n  routes:\n    - receiver: jira\n    - receiver: nope\nreceivers:\n  - name: jira\n');
    expect((routing?.['route'] as { receiver?: string } | undefined)?.receiver).toBe('test');
    expect(findings.filter((_, i) => messages[i]?.includes('not one of the file'))).toEqual(['import/guess@2:13', 'import/guess@5:17']);
  });

  it('writes global SMTP settings without a sender into each email integration, with a finding', () => {
    const text = "global:\n  smtp_smarthost: smtp:25\n  smtp_auth_username: u\nroute:\n  receiver: mail\nreceivers:\n  - name: mail\n    email_configs:\n      - to: a@example.com\n        from: b@example.com\n      - to: c@example.com\n        from: d@example.com\n        smarthost: other:25\n";
    const { routing, findings } = importConfig(text);
    expect(routing?.['global']).toBeUndefined();
    expect((routing?.['receivers'] as { email: unknown[] }[] | undefined)?.[0]?.email).toEqual([
      { to: 'a@example.com', from: 'b@example.com', smarthost: 'smtp:25', authUsername: 'u' },
      { to: 'c@example.com', from: 'd@example.com', smarthost: 'other:25', authUsername: 'u' },
    ]);
    expect(findings).toEqual(['import/guess@2:3']);
  });

  it('imports inhibit rules in the old and the new syntax, with the comment above one as its description', () => {
    const text = config(
      "inhibit_rules:\n  # While a cluster is down,\n  #   its alerts are noise.\n  - source_match: { alertname: ClusterDown }\n    target_match_re: { severity: warning|info }\n    equal: [cluster]\n  - source_matchers: ['severity=\"critical\"']\n    target_matchers: [severity=warning]\n    equal: [alertname, cluster]\n",
    );
    expect(importConfig(text).routing?.['inhibitRules']).toEqual([
      { description: 'While a cluster is down, its alerts are noise.', sourceMatchers: ['alertname="ClusterDown"'], targetMatchers: ['severity=~"warning|info"'], equal: ['cluster'] },
      { sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="warning"'], equal: ['alertname', 'cluster'] },
    ]);
  });

  it('imports time intervals of both keys, renaming one monc does not take in the routes that use it', () => {
    const text =
      "route:\n  receiver: default\n  routes:\n    - receiver: default\n      mute_time_intervals: [ns/weekends]\n      active_time_intervals: [office]\nreceivers:\n  - name: default\ntime_intervals:\n  - name: office\n    time_intervals:\n      - times: [{ start_time: '09:00', end_time: '17:00' }]\n        weekdays: [Monday:Friday]\n        location: Europe/Berlin\nmute_time_intervals:\n  - name: ns/weekends\n    time_intervals:\n      - weekdays: [saturday, sunday]\n        days_of_month: ['1:5']\n        months: [January]\n        years: ['2026']\n";
    const { routing, findings } = importConfig(text);
    expect(routesOf(routing)).toEqual([{ receiver: 'default', muteTimeIntervals: ['ns-weekends'], activeTimeIntervals: ['office'] }]);
    expect(routing?.['timeIntervals']).toEqual([
      { name: 'office', intervals: [{ times: [{ start: '09:00', end: '17:00' }], weekdays: ['monday:friday'], location: 'Europe/Berlin' }] },
      { name: 'ns-weekends', intervals: [{ weekdays: ['saturday', 'sunday'], daysOfMonth: ['1:5'], months: ['january'], years: ['2026'] }] },
    ]);
    expect(findings).toEqual(['import/loss@16:11']);
  });

  it('reports template globs, which the import does not read, and keys monc has no place for', () => {
    const { findings, messages } = importConfig(`${config('')}templates:\n  - /etc/alertmanager/templates/*.tmpl\nslack_configs: []\nfoo: bar\n`);
    expect(findings).toEqual(['import/loss@6:5', 'import/loss@8:1']);
    expect(messages[0]).toMatch(/^the template files \/etc\/alertmanager\/templates\/\*\.tmpl are not imported/);
  });
});

describe('monc import alertmanager: the file', () => {
  it('is found by monc import auto, and written as definitions/routing.yaml with the routing schema', () => {
    const { output } = importConfig(config(''), { kind: 'auto' });
    expect(output.files.map((f) => [f.path, f.summary])).toEqual([['definitions/routing.yaml', 'routing: 1 receiver, 0 routes below the root, 0 inhibit rules']]);
    expect(output.files[0]?.text).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/routing\.schema\.json\n#\n# Imported by monc import from alertmanager\.yml\.\nkind: Routing\n/);
  });

  it('says so when the definitions already have a routing, since monc takes one per project', () => {
    const { findings, messages } = importConfig(config(''), { existing: { services: new Set(), alerts: new Set(), recordings: new Set(), known: () => undefined, routing: 'definitions/routing.yaml' } });
    expect(findings).toEqual(['import/guess@1:1']);
    expect(messages[0]).toMatch(/^the definitions already have a routing \(from definitions\/routing\.yaml\)/);
  });
});

describe('monc import alertmanager: template files', () => {
  it('reads the files each glob names, relative to the configuration, under their file names', () => {
    const read: string[] = [];
    const files = (pattern: string, source: string) => {
      read.push(`${source}: ${pattern}`);
      return pattern === 'templates/*.tmpl' ? [{ path: 'am/templates/slack.tmpl', content: '{{ define "slack.title" }}T{{ end }}' }, { path: 'am/templates/other/slack.tmpl', content: 'x' }] : [];
    };
    const { routing, findings } = importConfig(`${config('')}templates: [templates/*.tmpl, mail.tpl]\n`, { files });
    expect(read).toEqual(['alertmanager.yml: templates/*.tmpl', 'alertmanager.yml: mail.tpl']);
    expect(routing?.['templates']).toEqual([
      { name: 'slack.tmpl', content: '{{ define "slack.title" }}T{{ end }}' },
      { name: 'slack-2.tmpl', content: 'x' },
    ]);
    expect(findings).toEqual(['import/loss@5:31']);
  });

  it('finds them on disk when run from the command line, and monc build writes them beside alertmanager.yml', async () => {
    const dir = makeProject({
      'package.json': '{}\n',
      'am/alertmanager.yml': `${config('')}templates: ['tmpl/*.tmpl']\n`,
      'am/tmpl/a.tmpl': '{{ define "a" }}A{{ end }}\n',
      'am/tmpl/b.txt': 'not a template\n',
    });
    expect((await runCli(dir, ['import', 'alertmanager', 'am/alertmanager.yml'])).code).toBe(0);
    expect(parse(readProjectFile(dir, 'definitions/routing.yaml'))['templates']).toEqual([{ name: 'a.tmpl', content: '{{ define "a" }}A{{ end }}\n' }]);
    expect((await runCli(dir, ['build'])).code).toBe(0);
    expect(readProjectFile(dir, 'out/alertmanager/templates/a.tmpl')).toContain('{{ define "a" }}A{{ end }}');
  });
});
