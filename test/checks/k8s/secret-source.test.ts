/** k8s/secret-source: monitors read credentials from Secrets; routing credential files make distinct Secret keys. */
import { describe, expect, it } from 'vitest';
import { atIn, C, config, findings, type Files, kubernetesScrape, messages, R, S, service } from './fixture.ts';

const ID = 'k8s/secret-source';

const scraping = (fields: string, targets?: string): Files => ({ [S]: service({ scrape: kubernetesScrape(fields) }), [C]: config('', targets) });

const routing = (receivers: string): Files => ({
  [S]: service(),
  [C]: config(),
  [R]: `kind: Routing\nroute:\n  receiver: pager\nreceivers:\n${receivers}`,
});

const CASES: readonly { name: string; files: Files; expected: (files: Files) => string[] }[] = [
  {
    name: 'Credentials from Secrets pass, files beside them too (prometheus.yml reads those).',
    files: scraping(`  basicAuth: { username: u, usernameSecret: { name: s, key: user }, passwordFile: /etc/p, passwordSecret: { name: s, key: pass } }
  tls: { caFile: /etc/ca, caSecret: { name: t, key: ca.crt }, certSecret: { name: t, key: tls.crt }, keySecret: { name: t, key: tls.key } }
`),
    expected: () => [],
  },
  { name: 'A user name without usernameSecret is flagged at the user name.', files: scraping('  basicAuth: { username: u, passwordSecret: { name: s, key: pass } }\n'), expected: (f) => [atIn(ID, f, S, 'u,')] },
  {
    name: 'A password file without passwordSecret is flagged at the file.',
    files: scraping('  basicAuth: { username: u, usernameSecret: { name: s, key: user }, passwordFile: /etc/p }\n'),
    expected: (f) => [atIn(ID, f, S, '/etc/p')],
  },
  { name: 'A user name alone needs no password Secret.', files: scraping('  basicAuth: { username: u, usernameSecret: { name: s, key: user } }\n'), expected: () => [] },
  { name: 'A credentials file without credentialsSecret is flagged at the file.', files: scraping('  authorization: { credentialsFile: /etc/token }\n'), expected: (f) => [atIn(ID, f, S, '/etc/token')] },
  {
    name: 'Each TLS file without its Secret is flagged at the file.',
    files: scraping('  tls: { caFile: /etc/ca, certFile: /etc/cert, keyFile: /etc/key }\n'),
    expected: (f) => [atIn(ID, f, S, '/etc/ca'), atIn(ID, f, S, '/etc/cert'), atIn(ID, f, S, '/etc/key')],
  },
  {
    name: 'A scrape without Kubernetes discovery gets no monitor and may use files.',
    files: { [S]: service({ scrape: "scrape:\n  targets: ['app:9090']\n  authorization: { credentialsFile: /etc/token }\n" }), [C]: config() },
    expected: () => [],
  },
  { name: 'Without the prometheus-operator target nothing is checked.', files: scraping('  authorization: { credentialsFile: /etc/token }\n', '[prometheus]'), expected: () => [] },
  {
    name: 'Routing credential files with distinct names pass, one file used twice too.',
    files: routing('  - name: pager\n    pagerduty: [{ routingKeyFile: /etc/am/pd-key }, { routingKeyFile: /etc/am/pd-key }]\n    opsgenie: [{ apiKeyFile: /etc/am/og-key }]\n'),
    expected: () => [],
  },
  {
    name: 'Two routing credential files with one name are flagged at the second.',
    files: routing('  - name: pager\n    pagerduty: [{ routingKeyFile: /etc/am/pagerduty/key }]\n    opsgenie: [{ apiKeyFile: /etc/am/opsgenie/key }]\n'),
    expected: (f) => [atIn(ID, f, R, '/etc/am/opsgenie/key')],
  },
  { name: 'A routing credential file whose name is no Secret key is flagged.', files: routing("  - name: pager\n    pagerduty: [{ routingKeyFile: '/etc/am/pager key' }]\n"), expected: (f) => [atIn(ID, f, R, "'/etc/am/pager key'")] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    expect(await findings(files, ID)).toEqual(expected(files));
  });

  it('names the Secret field to add, and the key two files would share', async () => {
    expect(await messages(scraping('  authorization: { credentialsFile: /etc/token }\n'), ID)).toEqual([
      "the PodMonitor reads the Authorization credentials from a Secret, not from a file: add authorization.credentialsSecret: { name: SECRET, key: KEY } (a Secret in the monitor's namespace)",
    ]);
    expect(await messages(routing('  - name: pager\n    pagerduty: [{ routingKeyFile: /etc/am/pagerduty/key }]\n    opsgenie: [{ apiKeyFile: /etc/am/opsgenie/key }]\n'), ID)).toEqual([
      'the Alertmanager reads /etc/am/opsgenie/key as key "key" of Secret alertmanager-main-credentials, as it does /etc/am/pagerduty/key: give the files different names',
    ]);
  });
});
