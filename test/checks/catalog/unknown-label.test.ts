/** catalog/unknown-label: every label an expression names (matchers, by/without, on/ignoring, group_x) exists on the series it reads. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, ruleCase, withRule, type Case } from './fixture.ts';

const ID = 'catalog/unknown-label';
const rule = (name: string, expr: string, fragments: readonly string[] = [], extraRules = '') => ruleCase(ID, name, expr, fragments, extraRules);

/** A service with one counter (label queue) and one alert on `expr`, written as a plain scalar. */
const withAlert = (expr: string) =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_jobs_total, type: counter, help: Jobs., labels: { queue: { values: [fast, slow] } } }\nalerts:\n  - name: JobsStalled\n    expr: ${expr}\n    for: 15m\n    severity: warning\n    summary: No jobs.\n    runbook: https://runbooks.example/jobs-stalled\n`;

const CASES: readonly Case[] = [
  rule('A declared label in a matcher passes.', 'app_jobs_total{queue="fast"}'),
  rule('The target labels job and instance exist on every declared metric.', 'sum by (job, instance) (app_jobs_total{job="app"})'),
  rule("le exists on a histogram's _bucket series.", 'sum by (le) (rate(app_latency_seconds_bucket[5m]))'),
  rule("quantile exists on a summary's own series.", 'app_rpc_seconds{quantile="0.99"}'),
  rule('__name__ in by over a raw selector is a label the series have, not an unknown label.', 'count by (__name__, job) (up)'),
  rule('label_replace() adds its target label, which an outer by may name.', 'sum by (lane) (label_replace(app_jobs_total, "lane", "$1", "queue", "(.*)"))'),
  rule('A label kept by an inner by may be named by an outer one.', 'max by (queue) (sum by (job, queue) (app_jobs_total))'),
  rule("A recording rule's own labels exist on its output.", 'job:app_jobs:rate5m{tier="gold"}', [], '  - record: job:app_jobs:rate5m\n    expr: sum by (job) (rate(app_jobs_total[5m]))\n    labels: { tier: gold }\n'),
  rule('A metric nobody declared is not checked: its labels are unknown.', 'sum by (anything) (some_undeclared_metric{whatever="x"})'),
  rule('An unknown label in a matcher is reported at the label name.', 'app_jobs_total{queu="fast"}', ['queu']),
  rule('An unknown label in by is reported at the label name.', 'sum by (queu) (app_jobs_total)', ['queu']),
  rule('An unknown label in without is reported at the label name.', 'sum without (queu) (app_jobs_total)', ['queu']),
  rule('An unknown label in on is reported at the label name.', 'app_jobs_total / on (queu) app_queue_depth', ['queu']),
  rule('An unknown label in ignoring is reported at the label name.', 'app_jobs_total / ignoring (queu) app_queue_depth', ['queu']),
  rule('A group_left label that the "one" side does not have is reported at the label name.', 'app_jobs_total * on (queue) group_left (colour) app_queue_depth', ['colour']),
  rule(
    'A group_right label that the "one" side (the left) does not have is reported at the label name.',
    'app_queue_depth * on (queue) group_right (version) app_jobs_total',
    ['version'],
  ),
  rule('A group_left label that the "one" side has passes.', 'app_jobs_total * on () group_left (version) app_build_info', []),
  rule("le on a histogram's _sum series is reported (only _bucket has le).", 'app_latency_seconds_sum{le="1"}', ['le']),
  rule('A label dropped by an inner sum is reported in the outer by.', 'max by (queue) (sum by (job) (app_jobs_total))', ['queue']),
  rule('Every unknown label of one expression is reported, each at its name.', 'sum by (queu) (app_jobs_total{stauts="5xx"})', ['queu', 'stauts']),
  rule(
    'A recording rule output joins the catalog with the labels it keeps: a label it dropped is reported.',
    'job:app_jobs:rate5m{queue="fast"}',
    ['queue'],
    '  - record: job:app_jobs:rate5m\n    expr: sum by (job) (rate(app_jobs_total[5m]))\n',
  ),
  {
    name: 'An unknown label in an alert expression is reported at the label name.',
    files: { [F]: withAlert('sum by (queu) (rate(app_jobs_total[5m])) == 0') },
    expected: (files) => [at(ID, F, files[F] ?? '', 'queu)')],
  },
  { name: 'An alert over declared labels passes.', files: { [F]: withAlert('sum by (queue) (rate(app_jobs_total[5m])) == 0') }, expected: () => [] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it.each([
    { expr: 'app_jobs_total{queu="fast"}', message: 'metric "app_jobs_total" has no label "queu" (did you mean "queue"?)' },
    { expr: 'sum by (queue) (sum by (job) (app_jobs_total))', message: 'the input of sum has no label "queue"; it has job' },
    { expr: 'app_jobs_total / on (colour) app_queue_depth', message: 'either side of the operation has no label "colour"; it has instance, job, queue' },
    {
      expr: 'app_jobs_total * on (queue) group_left (colour) app_queue_depth',
      message: 'the "one" side of group_left has no label "colour"; it has instance, job, queue',
    },
  ])('says where the label is missing, with a close name or the labels there are: $message', async ({ expr, message }) => {
    const diagnostics = await lint({ [F]: withRule(expr) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([message]);
  });
});

/** The fixture's service scraped as `scrape` says (YAML lines under `scrape:`), recording `expr`. */
const scraped = (scrape: string, expr: string) => withRule(expr).replace('team: core\n', `team: core\nscrape:\n${scrape}`);

/** A case whose findings are at fragments of the expression (each found once in the file). */
const scrapeCase = (name: string, scrape: string, expr: string, fragments: readonly string[] = []): Case => ({
  name,
  files: { [F]: scraped(scrape, expr) },
  expected: (files) => fragments.map((fragment) => at(ID, F, files[F] ?? '', fragment)),
});

const TARGETS = "  targets: ['app:8080']\n";

const SCRAPE_CASES: readonly Case[] = [
  scrapeCase('A target label a relabel rule writes exists on the service\'s metrics.', `${TARGETS}  relabel:\n    - { sourceLabels: [__address__], regex: '(.*):.*', targetLabel: host }\n`, 'sum by (host) (app_jobs_total)'),
  scrapeCase(
    'Labels hashmod, lowercase and uppercase write exist on the service\'s metrics.',
    `${TARGETS}  relabel:\n    - { action: hashmod, sourceLabels: [__address__], modulus: 4, targetLabel: shard }\n    - { action: lowercase, sourceLabels: [__address__], targetLabel: lower }\n    - { action: uppercase, sourceLabels: [__address__], targetLabel: upper }\n`,
    'sum by (shard, lower, upper) (app_jobs_total)',
  ),
  scrapeCase('A target label a relabel rule writes exists on up, which every target has.', `${TARGETS}  relabel:\n    - { sourceLabels: [__address__], regex: '(.*):.*', targetLabel: host }\n`, 'up{host="app"}'),
  scrapeCase(
    'A __-prefixed label a relabel rule writes is gone after relabelling and is reported.',
    `${TARGETS}  relabel:\n    - { action: hashmod, sourceLabels: [__address__], modulus: 4, targetLabel: __tmp_shard }\n`,
    'app_jobs_total{__tmp_shard="1"}',
    ['__tmp_shard="1"'],
  ),
  scrapeCase(
    'A declared label a metric relabel labeldrop removes is reported.',
    `${TARGETS}  metricRelabel:\n    - { action: labeldrop, regex: queue }\n`,
    'app_jobs_total{queue="fast"}',
    ['queue="fast"'],
  ),
  scrapeCase('A labeldrop in relabel reaches only target labels: a declared label it matches stays.', `${TARGETS}  relabel:\n    - { action: labeldrop, regex: queue }\n`, 'app_jobs_total{queue="fast"}'),
  scrapeCase('A target label a labeldrop in relabel removes is reported.', `${TARGETS}  relabel:\n    - { action: labeldrop, regex: job }\n`, 'sum by (job) (app_jobs_total)', ['job)']),
  scrapeCase(
    'A metric relabel labelkeep removes the target and declared labels it does not match.',
    `${TARGETS}  metricRelabel:\n    - { action: labelkeep, regex: '__name__|queue' }\n`,
    'sum by (queue, job) (app_jobs_total)',
    ['job)'],
  ),
  scrapeCase(
    'A metric relabel labeldrop of le leaves histogram buckets without le.',
    `${TARGETS}  metricRelabel:\n    - { action: labeldrop, regex: le }\n`,
    'sum by (le) (rate(app_latency_seconds_bucket[5m]))',
    ['le)'],
  ),
  scrapeCase(
    'A labelmap whose replacement names the regex groups writes labels monc cannot name: none is reported.',
    "  kubernetes: { role: pod }\n  relabel:\n    - { action: labelmap, regex: '__meta_kubernetes_pod_label_(.+)' }\n",
    'sum by (app_kubernetes_io_name) (app_jobs_total)',
  ),
  scrapeCase('A labelmap with a fixed replacement writes that one label.', `${TARGETS}  relabel:\n    - { action: labelmap, regex: '__meta_filepath', replacement: source }\n`, 'app_jobs_total{source="x", sourc="y"}', ['sourc="y"']),
  scrapeCase('Kubernetes discovery without relabelling adds no label: its meta labels are gone after relabelling.', '  kubernetes: { role: pod }\n', 'app_jobs_total{namespace="shop"}', ['namespace="shop"']),
  scrapeCase('The labels the target files declare exist on the service\'s metrics; others are reported.', '  fileSd: { files: [targets.json], labels: [env] }\n', 'app_jobs_total{env="prod", region="eu"}', ['region="eu"']),
  scrapeCase('Target files whose labels are not declared may set any label: none is reported.', '  fileSd: { files: [targets.json] }\n', 'app_jobs_total{env="prod", region="eu"}'),
  scrapeCase(
    'A declared label a target label overrides is kept as exported_<label>.',
    `${TARGETS}  relabel:\n    - { targetLabel: queue, replacement: batch }\n`,
    'app_jobs_total{queue="batch", exported_queue="fast"}',
  ),
  scrapeCase(
    'With honorLabels the exposed label wins and there is no exported_<label>.',
    `${TARGETS}  honorLabels: true\n  relabel:\n    - { targetLabel: queue, replacement: batch }\n`,
    'app_jobs_total{exported_queue="fast"}',
    ['exported_queue="fast"'],
  ),
  {
    name: "A shared catalog metric is not scraped by the service's job: the job's relabelling adds nothing to it.",
    files: {
      [F]: scraped(`${TARGETS}  relabel:\n    - { targetLabel: zone, replacement: eu }\n`, 'app_jobs_total{zone="eu"} + on () group_left () node_load1{zone="eu"}'),
      'definitions/shared.yaml': 'kind: Metrics\nmetrics:\n  - { name: node_load1, type: gauge, help: Load., exporter: node_exporter }\n',
    },
    expected: (files) => [at(ID, F, files[F] ?? '', 'zone="eu"}\n')],
  },
];

describe(`${ID} with the scrape job's discovery and relabelling`, () => {
  it.each(SCRAPE_CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.severity === 'error' && d.check !== ID).map((d) => `${d.check} ${d.message}`)).toEqual([]);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('names the labels the series keep after a metric relabel labeldrop', async () => {
    const diagnostics = await lint({ [F]: scraped(`${TARGETS}  metricRelabel:\n    - { action: labeldrop, regex: 'queue|instance' }\n`, 'app_jobs_total{queue="fast"}') });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual(['metric "app_jobs_total" has no label "queue"; it has job']);
  });
});
