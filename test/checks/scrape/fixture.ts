/**
 * Cases for the scrape/relabel and scrape/credentials tests: relabel rules (each written once in
 * a service's relabel or metricRelabel list, or in a remote-write endpoint's writeRelabel list)
 * and auth settings, with monc's findings and what promtool 2.42 says of the prometheus.yml
 * monc writes for them (test/emit/scrape-promtool.tools.test.ts).
 */
import type { Files } from '../../helpers/project.ts';

export const S = 'definitions/app.yaml';
export const CONFIG = 'monc.config.yaml';

export interface RelabelCase {
  readonly name: string;
  readonly list: 'relabel' | 'metricRelabel' | 'writeRelabel';
  /** The rule, a YAML flow mapping. */
  readonly rule: string;
  /** Where each finding is: a fragment of the rule (found in the file that holds it). */
  readonly findings: readonly string[];
  /** What `promtool check config` prints when it rejects the written config; undefined when it accepts it. */
  readonly promtool: string | undefined;
  /** Why monc reports a rule promtool accepts. */
  readonly stricter?: string;
}

/** The file the case's rule is in. */
export const fileOf = (c: RelabelCase) => (c.list === 'writeRelabel' ? CONFIG : S);

/** A service scraping one static target, and the rule in the list the case names. */
export function relabelFiles(c: RelabelCase, target = '127.0.0.1:9100'): Files {
  const relabel = c.list === 'writeRelabel' ? '' : `  ${c.list}:\n    - ${c.rule}\n`;
  const service = `kind: Service\nname: app\nteam: core\nscrape:\n  targets: ['${target}']\n${relabel}`;
  const write = `prometheus:\n  remoteWrite:\n    - url: http://receive.example.com:19291/api/v1/receive\n      writeRelabel:\n        - ${c.rule}\n`;
  return c.list === 'writeRelabel' ? { [S]: service, [CONFIG]: write } : { [S]: service };
}

const SCRAPE_FAILS = 'Prometheus loads the rule, then fails every scrape of the job at run time';
const NO_EFFECT = 'a rule that keeps or drops everything is valid, but cannot be what was meant';

export const RELABEL_CASES: readonly RelabelCase[] = [
  { name: 'A replace with a source, a regex and a target label passes.', list: 'relabel', rule: "{ sourceLabels: [__address__], regex: '(.*):.*', targetLabel: host }", findings: [], promtool: undefined },
  { name: 'A metric relabel labeldrop with only a regex passes.', list: 'metricRelabel', rule: '{ action: labeldrop, regex: pod_template_hash }', findings: [], promtool: undefined },
  { name: 'A labelmap whose replacement builds a label name from a group passes.', list: 'relabel', rule: "{ action: labelmap, regex: '__meta_(.+)', replacement: 'meta_$1' }", findings: [], promtool: undefined },
  { name: 'A write relabel keep on __name__ passes.', list: 'writeRelabel', rule: "{ action: keep, sourceLabels: [__name__], regex: 'slo:.*' }", findings: [], promtool: undefined },
  {
    name: 'A regex that only compiles anchored passes: relabel regexes are not also compiled alone, as label matchers are.',
    list: 'relabel',
    rule: "{ sourceLabels: [__address__], regex: '5)(0', targetLabel: host }",
    findings: [],
    promtool: undefined,
  },
  {
    name: 'A regex that is not RE2 is reported at the regex, with Go\'s error.',
    list: 'relabel',
    rule: "{ sourceLabels: [__address__], regex: '(a', targetLabel: host }",
    findings: ["'(a'"],
    promtool: 'error parsing regexp: missing closing ): `^(?:(a)$`',
  },
  {
    name: 'A regex that is not RE2 in a write relabel rule is reported in the config file.',
    list: 'writeRelabel',
    rule: "{ action: drop, sourceLabels: [__name__], regex: 'go_**' }",
    findings: ["'go_**'"],
    promtool: 'error parsing regexp: invalid nested repetition operator: `**`',
  },
  { name: 'A hashmod without modulus is reported at the action.', list: 'relabel', rule: '{ action: hashmod, sourceLabels: [__address__], targetLabel: shard }', findings: ['hashmod'], promtool: 'relabel configuration for hashmod requires non-zero modulus' },
  {
    name: 'A hashmod without modulus in a write relabel rule is reported.',
    list: 'writeRelabel',
    rule: '{ action: hashmod, sourceLabels: [__name__], targetLabel: shard }',
    findings: ['hashmod'],
    promtool: 'relabel configuration for hashmod requires non-zero modulus',
  },
  {
    name: 'A replace without target label is reported at the rule when the action is left to its default.',
    list: 'relabel',
    rule: "{ sourceLabels: [__address__], regex: '(.*):.*' }",
    findings: ['{ sourceLabels: [__address__]'],
    promtool: "relabel configuration for replace action requires 'target_label' value",
  },
  { name: 'A lowercase without target label is reported at the action.', list: 'metricRelabel', rule: '{ action: lowercase, sourceLabels: [path] }', findings: ['lowercase'], promtool: "relabel configuration for lowercase action requires 'target_label' value" },
  {
    name: 'An uppercase with a replacement is reported at the replacement.',
    list: 'metricRelabel',
    rule: '{ action: uppercase, sourceLabels: [code], targetLabel: code, replacement: X }',
    findings: ['X }'],
    promtool: "'replacement' can not be set for uppercase action",
  },
  {
    name: 'A keepequal with a regex is reported at the regex.',
    list: 'relabel',
    rule: "{ action: keepequal, sourceLabels: [__address__], targetLabel: instance, regex: 'x.*' }",
    findings: ["'x.*'"],
    promtool: "keepequal action requires only 'source_labels' and `target_label`, and no other fields",
  },
  {
    name: 'A dropequal with a separator is reported at the separator.',
    list: 'relabel',
    rule: "{ action: dropequal, sourceLabels: [__address__], targetLabel: instance, separator: ',' }",
    findings: ["','"],
    promtool: "dropequal action requires only 'source_labels' and `target_label`, and no other fields",
  },
  {
    name: 'A labeldrop with source labels is reported at them.',
    list: 'metricRelabel',
    rule: '{ action: labeldrop, sourceLabels: [pod], regex: pod }',
    findings: ['[pod]'],
    promtool: "labeldrop action requires only 'regex', and no other fields",
  },
  {
    name: 'A labelkeep with a target label and a modulus is reported at each.',
    list: 'metricRelabel',
    rule: "{ action: labelkeep, regex: '__name__|code', targetLabel: code, modulus: 2 }",
    findings: ['code, modulus', '2 }'],
    promtool: "labelkeep action requires only 'regex', and no other fields",
  },
  {
    name: 'A labeldrop with a replacement other than $1 is reported; separator ; and replacement $1 are the defaults and pass.',
    list: 'metricRelabel',
    rule: "{ action: labeldrop, regex: pod, separator: ';', replacement: 'x' }",
    findings: ["'x'"],
    promtool: "labeldrop action requires only 'regex', and no other fields",
  },
  {
    name: 'A labelmap whose replacement is not a label name is reported at the replacement.',
    list: 'relabel',
    rule: "{ action: labelmap, regex: '__meta_(.+)', replacement: '1_$1' }",
    findings: ["'1_$1'"],
    promtool: `"1_$1" is invalid 'replacement' for labelmap action`,
  },
  {
    name: 'A labelkeep in relabel that removes __address__ is reported at the regex: no target keeps an address.',
    list: 'relabel',
    rule: "{ action: labelkeep, regex: 'job|instance' }",
    findings: ["'job|instance'"],
    promtool: 'no address',
  },
  {
    name: 'A metric relabel labeldrop that removes __name__ is reported at the regex: every scrape fails.',
    list: 'metricRelabel',
    rule: "{ action: labeldrop, regex: '__name__|pod' }",
    findings: ["'__name__|pod'"],
    promtool: undefined,
    stricter: SCRAPE_FAILS,
  },
  {
    name: 'A keep without source labels, whose regex matches the empty value, keeps every target and is reported at the action.',
    list: 'relabel',
    rule: "{ action: keep, regex: '.*' }",
    findings: ['keep,'],
    promtool: undefined,
    stricter: NO_EFFECT,
  },
  {
    name: 'A drop without source labels, whose regex matches the empty value, drops every series and is reported at the action.',
    list: 'writeRelabel',
    rule: "{ action: drop, regex: '' }",
    findings: ['drop,'],
    promtool: undefined,
    stricter: NO_EFFECT,
  },
];

/** A service scraping one target with `auth` (YAML lines under `scrape:`). */
export const scrapeService = (auth: string) => `kind: Service\nname: app\nteam: core\nscrape:\n  targets: ['app:8080']\n${auth}`;

/** A config with one remote-write endpoint holding `fields` (YAML lines of the endpoint). */
export const remoteWrite = (fields: string) => `prometheus:\n  remoteWrite:\n    - url: https://mimir.example.com/api/v1/push\n${fields}`;

/** Targets without prometheus: no prometheus.yml, so credentials in Secrets only are enough. */
export const WITHOUT_PROMETHEUS_YML = 'targets: [docs]\n';

export interface CredentialCase {
  readonly name: string;
  readonly service?: string;
  readonly config?: string;
  /** [file, fragment] of each finding. */
  readonly findings: readonly (readonly [string, string])[];
  /** What `promtool check config --syntax-only` prints when it rejects the written config; undefined when it accepts it. */
  readonly promtool?: string;
  /** Why monc reports what promtool accepts. */
  readonly stricter?: string;
}

/** The case's service (a plain one by default) and config. */
export const credentialFiles = (c: CredentialCase): Readonly<Record<string, string>> => ({ [S]: c.service ?? scrapeService(''), ...(c.config !== undefined && { [CONFIG]: c.config }) });

const INLINE = 'a credential in the definitions leaks with every clone; Prometheus takes the header as written';
const MISSING = 'Prometheus sends the request without the credential, and the endpoint refuses it';
const SECRET_ONLY = 'the Secret is for the Kubernetes objects; prometheus.yml gets no credential';

export const CREDENTIAL_CASES: readonly CredentialCase[] = [
  { name: 'Basic auth with a password file passes.', service: scrapeService('  basicAuth: { username: prom, passwordFile: /etc/prometheus/app-password }\n'), findings: [] },
  {
    name: 'Basic auth with a password file and a Secret key passes.',
    service: scrapeService('  basicAuth: { username: prom, passwordFile: /etc/prometheus/app-password, passwordSecret: { name: app, key: password } }\n'),
    findings: [],
  },
  { name: 'Basic auth without any password is reported at basicAuth.', service: scrapeService('  basicAuth: { username: prom }\n'), findings: [[S, 'basicAuth']], stricter: MISSING },
  {
    name: 'A password only in a Secret is reported at the Secret when monc writes prometheus.yml.',
    service: scrapeService('  basicAuth: { username: prom, passwordSecret: { name: app, key: password } }\n'),
    findings: [[S, '{ name: app']],
    stricter: SECRET_ONLY,
  },
  {
    name: 'A password only in a Secret passes when monc writes no prometheus.yml.',
    service: scrapeService('  basicAuth: { username: prom, passwordSecret: { name: app, key: password } }\n'),
    config: WITHOUT_PROMETHEUS_YML,
    findings: [],
  },
  { name: 'An authorization with a credentials file passes.', service: scrapeService('  authorization: { credentialsFile: /etc/prometheus/app-token }\n'), findings: [] },
  { name: 'An authorization without credentials is reported at authorization.', service: scrapeService('  authorization: { type: Bearer }\n'), findings: [[S, 'authorization']], stricter: MISSING },
  {
    name: 'An authorization of type Basic is reported at the type, as Prometheus rejects it.',
    service: scrapeService('  authorization: { type: Basic, credentialsFile: /etc/prometheus/app-token }\n'),
    findings: [[S, 'Basic']],
    promtool: 'authorization type cannot be set to "basic", use "basic_auth" instead',
  },
  {
    name: 'Basic auth and an authorization together are reported at authorization.',
    service: scrapeService('  basicAuth: { username: prom, passwordFile: /etc/prometheus/p }\n  authorization: { credentialsFile: /etc/prometheus/t }\n'),
    findings: [[S, 'authorization']],
    promtool: 'at most one of basic_auth, oauth2 & authorization must be configured',
  },
  { name: 'A client certificate with its key, and a CA, pass.', service: scrapeService('  tls: { caFile: /etc/ca.pem, certFile: /etc/client.pem, keyFile: /etc/client-key.pem }\n'), findings: [] },
  { name: 'A client certificate without its key is reported at the certificate.', service: scrapeService('  tls: { certFile: /etc/client.pem }\n'), findings: [[S, '/etc/client.pem']], promtool: 'client cert file "/etc/client.pem" specified without client key file' },
  { name: 'A client key without its certificate is reported at the key.', service: scrapeService('  tls: { keyFile: /etc/client-key.pem }\n'), findings: [[S, '/etc/client-key.pem']], promtool: 'client key file "/etc/client-key.pem" specified without client cert file' },
  {
    name: 'A client certificate Secret without a key Secret is reported at the certificate Secret.',
    service: scrapeService('  tls: { certSecret: { name: app-tls, key: tls.crt } }\n'),
    config: WITHOUT_PROMETHEUS_YML,
    findings: [[S, '{ name: app-tls']],
  },
  {
    name: 'A CA only in a Secret is reported at the Secret when monc writes prometheus.yml.',
    service: scrapeService('  tls: { caSecret: { name: app-tls, key: ca.crt }, serverName: app.internal }\n'),
    findings: [[S, '{ name: app-tls']],
    stricter: SECRET_ONLY,
  },
  { name: 'A remote-write endpoint with a tenant header and a token file passes.', config: remoteWrite('      headers: { X-Scope-OrgID: shop }\n      authorization: { credentialsFile: /etc/prometheus/mimir-token }\n'), findings: [] },
  {
    name: 'An Authorization header on a remote-write endpoint is reported at its value, whatever its case.',
    config: remoteWrite('      headers: { authorization: Bearer abc123 }\n'),
    findings: [[CONFIG, 'Bearer abc123']],
    promtool: 'authorization header must be changed via the basic_auth, authorization, oauth2, or sigv4 parameter',
  },
  { name: 'An API key header on a remote-write endpoint is reported at its value.', config: remoteWrite('      headers: { X-Scope-OrgID: shop, X-Api-Key: k-123 }\n'), findings: [[CONFIG, 'k-123']], stricter: INLINE },
  { name: 'A remote-write endpoint with an authorization without credentials is reported in the config.', config: remoteWrite('      authorization: { type: Bearer }\n'), findings: [[CONFIG, 'authorization']], stricter: MISSING },
];
