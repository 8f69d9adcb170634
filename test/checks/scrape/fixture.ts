/**
 * Relabel rules for the scrape/relabel tests: each written once in a service's relabel or
 * metricRelabel list, or in a remote-write endpoint's writeRelabel list, with monc's findings
 * and what promtool 2.42 says of the prometheus.yml monc writes for it.
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
