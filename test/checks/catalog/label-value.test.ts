/** catalog/label-value: a matcher's value can match the label's declared domain (values, pattern, histogram buckets). */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, ruleCase, withRule, type Case } from './fixture.ts';

const ID = 'catalog/label-value';
const rule = (name: string, expr: string, fragments: readonly string[] = []) => ruleCase(ID, name, expr, fragments);

/** A service with one counter (label env: production, staging) and one alert on `expr`, written as a plain scalar. */
const withAlert = (expr: string) =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_jobs_total, type: counter, help: Jobs., labels: { env: { values: [production, staging] } } }\nalerts:\n  - name: JobsStalled\n    expr: ${expr}\n    for: 15m\n    severity: warning\n    summary: No jobs.\n    runbook: https://runbooks.example/jobs-stalled\n`;

/** A service with app_requests_total (code: 200, 500) and a dashboard whose one panel queries `expr`, written in single quotes. */
const withPanel = (expr: string) => ({
  'definitions/app.yaml': 'kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_requests_total, type: counter, help: Requests., labels: { code: { values: ["200", "500"] } } }\n',
  'definitions/dashboard.yaml': `kind: Dashboard\nid: app\ntitle: App\nvariables:\n  - { name: job, kind: query, query: 'label_values(up, job)' }\nrows:\n  - title: Traffic\n    panels:\n      - title: Requests\n        description: Requests per second.\n        type: timeseries\n        unit: reqps\n        queries:\n          - { expr: '${expr}' }\n`,
});
const D = 'definitions/dashboard.yaml';

const CASES: readonly Case[] = [
  rule('A declared value passes.', 'app_jobs_total{queue="fast"}'),
  rule('A regex matching a declared value passes.', 'app_jobs_total{queue=~"f.*"}'),
  rule('A negative matcher with any value passes.', 'app_jobs_total{queue!="medium"}'),
  rule('A negative regex with any value passes.', 'app_jobs_total{queue!~"x.*"}'),
  rule('An empty value (series without the label) passes.', 'app_jobs_total{queue=""}'),
  rule("A value matching the label's pattern passes.", 'app_rpc_seconds_count{code="503"}'),
  rule('A regex on a label with only a pattern is not checked: its values cannot be listed.', 'app_rpc_seconds_count{code=~"x.*"}'),
  rule('A label not declared on the metric (job) is not checked.', 'app_jobs_total{job="anything"}'),
  rule('A regex that is not valid RE2 is left to promql/regex.', 'app_jobs_total{queue=~"(?=x)"}'),
  rule('A declared bucket bound as the le value passes, also written as a float.', 'app_latency_seconds_bucket{le="1.0"}'),
  rule('The +Inf bucket and a fractional bound pass as le values.', 'app_latency_seconds_bucket{le="+Inf"} - app_latency_seconds_bucket{le="0.1"}'),
  rule('A value outside the declared values is reported at the value.', 'app_jobs_total{queue="medium"}', ['"medium"']),
  rule('A regex matching none of the declared values is reported at the regex.', 'app_jobs_total{queue=~"x.*"}', ['"x.*"']),
  rule("A value not matching the label's pattern is reported at the value.", 'app_rpc_seconds_count{code="OK"}', ['"OK"']),
  rule('An le value that is not one of the declared buckets (or +Inf) is reported at the value.', 'app_latency_seconds_bucket{le="2"}', ['"2"']),
  rule('Each impossible matcher is reported, and only those.', 'app_jobs_total{queue="medium"} / app_queue_depth{queue="fast"} + app_queue_depth{queue="large"}', ['"medium"', '"large"']),
  {
    name: 'A value outside the declared values in an alert is reported at the value.',
    files: { [F]: withAlert('sum(rate(app_jobs_total{env="prod"}[5m])) == 0') },
    expected: (files) => [at(ID, F, files[F] ?? '', '"prod"')],
  },
  { name: 'A declared value in an alert passes.', files: { [F]: withAlert('sum(rate(app_jobs_total{env="production"}[5m])) == 0') }, expected: () => [] },
  {
    name: 'A value outside the declared values in a dashboard query is reported at the value; a $variable value is not checked.',
    files: withPanel('sum(rate(app_requests_total{job=~"$job", code="404"}[$__rate_interval]))'),
    expected: (files) => [at(ID, D, files[D] ?? '', '"404"')],
  },
  {
    name: 'A declared label that a target label of the same name overrides holds what the scrape job writes: it is not checked.',
    files: { [F]: scraped("  relabel:\n    - { targetLabel: queue, replacement: batch }\n", 'app_jobs_total{queue="batch"}') },
    expected: () => [],
  },
  {
    name: 'A declared label a metric relabel rule rewrites is not checked; the others still are.',
    files: { [F]: scraped("  metricRelabel:\n    - { action: uppercase, sourceLabels: [queue], targetLabel: queue }\n", 'app_jobs_total{queue="FAST"} + app_rpc_seconds_count{code="OK"}') },
    expected: (files) => [at(ID, F, files[F] ?? '', '"OK"')],
  },
  {
    name: 'With honorLabels the exposed label keeps its value, which is checked.',
    files: { [F]: scraped("  honorLabels: true\n  relabel:\n    - { targetLabel: queue, replacement: batch }\n", 'app_jobs_total{queue="batch"}') },
    expected: (files) => [at(ID, F, files[F] ?? '', '"batch"}')],
  },
];

/** The fixture's service with static targets and `scrape` (YAML lines under `scrape:`), recording `expr`. */
function scraped(scrape: string, expr: string): string {
  return withRule(expr).replace('team: core\n', `team: core\nscrape:\n  targets: ['app:8080']\n${scrape}`);
}

/** A service whose metric's code label has the RE2 `pattern`, with an alert selecting code="`value`". */
const withPattern = (pattern: string, value: string) => ({
  [F]: `kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_requests_total, type: counter, help: Requests., labels: { code: { pattern: '${pattern}', maxValues: 50 } } }\nrecordingRules:\n  - record: job:app_requests:rate5m\n    expr: 'sum(rate(app_requests_total{code="${value}"}[5m]))'\n`,
});

describe('label patterns are RE2, matched in linear time', () => {
  it.each([
    ['a POSIX class', '[[:digit:]]+', '404'],
    ['a Unicode class', '\\pL+', 'abc'],
    ['a POSIX alpha class', '[[:alpha:]]+', 'ok'],
  ])('%s (%s) accepts a matching value: no false catalog/label-value', async (_name, pattern, value) => {
    const diagnostics = await lint(withPattern(pattern, value));
    expect(diagnostics.filter((d) => d.check === ID)).toEqual([]);
  });

  it('a pattern that backtracks in a JS RegExp, (a+)+b, against 38 a-s finishes and reports the value', async () => {
    const files = withPattern('(a+)+b', 'a'.repeat(38));
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual([at(ID, F, files[F], `"${'a'.repeat(38)}"`)]);
  });
});

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it.each([
    { expr: 'app_jobs_total{queue="medium"}', message: '"medium" is not a value of label "queue" (declared values: fast, slow)' },
    { expr: 'app_rpc_seconds_count{code="OK"}', message: '"OK" does not match the pattern of label "code" ([1-5][0-9][0-9])' },
    { expr: 'app_jobs_total{queue=~"x.*"}', message: '/x.*/ matches none of the values of label "queue" (declared values: fast, slow)' },
    { expr: 'app_latency_seconds_bucket{le="2"}', message: '"2" is not a value of label "le" (declared values: 0.1, 1, 1.0, +Inf)' },
  ])('names the value and the domain it is outside of: $message', async ({ expr, message }) => {
    const diagnostics = await lint({ [F]: withRule(expr) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([message]);
  });
});
