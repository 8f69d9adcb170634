/** The catalog monc import infers: each undeclared metric the expressions select, with its type, labels and values from how they use it. */
import { describe, expect, it } from 'vitest';
import type { LabelDomainSpec, MetricSpec } from '../../src/api/types.gen.ts';
import { inferCatalog, type EvidenceRule, type KnownSeries } from '../../src/import/catalog.ts';

/** What the project knows besides the import: Prometheus' own `up`, with the scrape job's labels. */
const known: KnownSeries = (series) => (series === 'up' ? { labels: new Set(['__name__', 'job', 'instance']) } : undefined);

const alert = (expr: string, templates: string[] = []): EvidenceRule => ({ expr, templates, file: 'rules/app.yml', service: 'app' });
const record = (name: string, expr: string, labels: Record<string, string> = {}): EvidenceRule => ({ expr, record: name, labels, file: 'rules/app.yml', service: 'app' });

type Declared = Pick<MetricSpec, 'name' | 'type'> & { labels?: Record<string, LabelDomainSpec>; native?: boolean };

const declared = (rules: EvidenceRule[]): Declared[] =>
  inferCatalog(rules, known).metrics.map(({ spec }) => ({ name: spec.name, type: spec.type, ...(spec.labels && { labels: spec.labels }), ...(spec.native && { native: true }) }));
const bucketsOf = (rules: EvidenceRule[]) => inferCatalog(rules, known).metrics.map(({ spec }) => spec.buckets);

const CASES: readonly { name: string; rules: EvidenceRule[]; expected: Declared[] }[] = [
  {
    name: 'rate() over a metric makes it a counter, and a literal matcher gives its label that value',
    rules: [alert('rate(http_requests_total{code="500"}[5m]) > 1')],
    expected: [{ name: 'http_requests_total', type: 'counter', labels: { code: { values: ['500'] } } }],
  },
  {
    name: 'irate(), increase() and resets() make counters too',
    rules: [alert('irate(a_events[1m]) + increase(b_events[1h]) + resets(c_events[1h]) > 0')],
    expected: [
      { name: 'a_events', type: 'counter' },
      { name: 'b_events', type: 'counter' },
      { name: 'c_events', type: 'counter' },
    ],
  },
  {
    name: 'a metric no rate() reads is a gauge, one named _total a counter',
    rules: [alert('queue_depth > 10 and jobs_failed_total > 0')],
    expected: [
      { name: 'jobs_failed_total', type: 'counter' },
      { name: 'queue_depth', type: 'gauge' },
    ],
  },
  {
    name: 'a label grouped by takes more values than the matchers name: its values are a description, not a list',
    rules: [alert('sum by (code) (rate(http_requests_total{code="500"}[5m])) > 1')],
    expected: [{ name: 'http_requests_total', type: 'counter', labels: { code: { description: 'Values seen in the imported rules: 500' } } }],
  },
  {
    name: 'a _bucket series under histogram_quantile() makes a histogram named without _bucket, which its _sum and _count join',
    rules: [
      alert('histogram_quantile(0.9, sum by (le, route) (rate(latency_seconds_bucket[5m]))) > 1'),
      alert('rate(latency_seconds_sum[5m]) / rate(latency_seconds_count{route="/pay"}[5m]) > 1'),
    ],
    expected: [{ name: 'latency_seconds', type: 'histogram', labels: { route: { description: 'Values seen in the imported rules: /pay' } } }],
  },
  {
    name: 'histogram_count() and the other native histogram functions make a native histogram',
    rules: [alert('histogram_count(rate(rpc_duration_seconds[5m])) > 1 and histogram_fraction(0, 0.5, rate(queue_wait_seconds[5m])) < 0.9')],
    expected: [
      { name: 'queue_wait_seconds', type: 'histogram', native: true },
      { name: 'rpc_duration_seconds', type: 'histogram', native: true },
    ],
  },
  {
    name: 'histogram_quantile() of a series that is neither _bucket nor selected by le reads a native histogram, and asks no le label of it',
    rules: [alert('histogram_quantile(0.99, sum by (route) (rate(rpc_duration_seconds[5m]))) > 1')],
    expected: [{ name: 'rpc_duration_seconds', type: 'histogram', labels: { route: {} }, native: true }],
  },
  {
    name: 'a histogram read natively and by its buckets is one histogram, exposed both ways, with the bounds the buckets are read at',
    rules: [alert('histogram_count(rate(rpc_duration_seconds[5m])) > 0'), alert('histogram_quantile(0.9, sum by (le) (rate(rpc_duration_seconds_bucket{le="0.5"}[5m]))) > 1')],
    expected: [{ name: 'rpc_duration_seconds', type: 'histogram', native: true }],
  },
  {
    name: 'a quantile matcher makes a summary, which its _count joins',
    rules: [alert('rpc_seconds{quantile="0.99"} > 1 and rate(rpc_seconds_count[5m]) > 0')],
    expected: [{ name: 'rpc_seconds', type: 'summary' }],
  },
  {
    name: 'an alternation of plain values in =~ gives each value; an open regex leaves the label open',
    rules: [alert('node_cpu_seconds_total{mode=~"idle|iowait", cpu=~"[0-9]+"} > 0')],
    expected: [{ name: 'node_cpu_seconds_total', type: 'counter', labels: { cpu: {}, mode: { values: ['idle', 'iowait'] } } }],
  },
  {
    name: 'a negated matcher leaves the label open',
    rules: [alert('node_filesystem_avail_bytes{fstype!="tmpfs"} < 1')],
    expected: [{ name: 'node_filesystem_avail_bytes', type: 'gauge', labels: { fstype: { description: 'Values seen in the imported rules: tmpfs' } } }],
  },
  {
    name: 'a label open anywhere in the import is open on every metric',
    rules: [alert('a_gauge{namespace="prod"} > 1'), alert('sum by (namespace) (b_gauge) > 1')],
    expected: [
      { name: 'a_gauge', type: 'gauge', labels: { namespace: { description: 'Values seen in the imported rules: prod' } } },
      { name: 'b_gauge', type: 'gauge', labels: { namespace: {} } },
    ],
  },
  {
    name: 'more than ten literal values leave the label open',
    rules: [alert(`x_gauge{v=~"${Array.from({ length: 11 }, (_, i) => `v${i}`).join('|')}"} > 0`)],
    expected: [{ name: 'x_gauge', type: 'gauge', labels: { v: { description: `Values seen in the imported rules: ${['v0', 'v1', 'v10', ...Array.from({ length: 8 }, (_, i) => `v${i + 2}`)].join(', ')}` } } }],
  },
  {
    name: 'on () labels go to both sides, group_left () labels to the one side; job and instance are never declared',
    rules: [alert('pod_restarts * on (instance, pod) group_left (node) pod_info > 3')],
    expected: [
      { name: 'pod_info', type: 'gauge', labels: { node: {}, pod: {} } },
      { name: 'pod_restarts', type: 'gauge', labels: { pod: {} } },
    ],
  },
  {
    name: 'label_replace() needs its source label on the input, and makes its target label itself',
    rules: [alert('sum by (host) (label_replace(app_up, "host", "$1", "instance_name", "(.*):.*")) < 1')],
    expected: [{ name: 'app_up', type: 'gauge', labels: { instance_name: {} } }],
  },
  {
    name: "a label an alert groups a recorded series by goes to the metrics the recording rule reads, unless the rule sets it",
    rules: [
      record('svc:requests:rate5m', 'sum by (svc, job) (rate(requests_total[5m]))', { env: 'prod' }),
      alert('sum by (svc, env) (svc:requests:rate5m) > 1'),
    ],
    expected: [{ name: 'requests_total', type: 'counter', labels: { svc: {} } }],
  },
  {
    name: "a label an alert's template names goes to the metrics its result comes from",
    rules: [alert('disk_free_ratio < 0.1', ['Disk {{ $labels.device }} on {{ $labels.instance }} is full'])],
    expected: [{ name: 'disk_free_ratio', type: 'gauge', labels: { device: {} } }],
  },
  {
    name: 'series the project knows (Prometheus\' own up) and recorded series are not declared',
    rules: [record('job:up:sum', 'sum by (job) (up)'), alert('job:up:sum == 0')],
    expected: [],
  },
];

describe('monc import infers a catalog from the expressions', () => {
  it.each(CASES)('$name', ({ rules, expected }) => {
    expect(declared(rules)).toEqual(expected);
  });

  it('marks every declaration as inferred in its help text, and names the exporter after the service that reads it first', () => {
    const [metric] = inferCatalog([alert('queue_depth > 10')], known).metrics;
    expect(metric?.spec.help).toBe('Inferred by monc import from rules/app.yml; confirm its type and labels, then write its help text.');
    expect(metric?.spec.exporter).toBe('app');
  });

  it('says which labels have a value list that is only what the rules name', () => {
    const [metric] = inferCatalog([alert('http_requests_total{code="500", method=~"GET|POST"} > 0 and sum by (code) (http_requests_total) > 0')], known).metrics;
    expect(metric?.guessedValues).toEqual(['method']);
  });

  it.each([
    ['read by histogram_quantile()', 'histogram_quantile(0.9, sum by (le) (rate(lat_seconds_bucket[5m]))) > 1', 'lat_seconds_bucket is read by histogram_quantile()'],
    ['selected by le, as an SLO counts the requests under a bound', 'sum(rate(lat_seconds_bucket{le="0.5"}[5m])) / sum(rate(lat_seconds_count[5m])) < 0.9', 'lat_seconds_bucket is selected by its le label'],
  ])('says a classic histogram is one because its _bucket series is %s', (_, expr, reason) => {
    const [metric] = inferCatalog([alert(expr)], known).metrics;
    expect(metric?.typeReason).toBe(reason);
  });

  it('points at the first selection of each metric in its rule', () => {
    const { metrics } = inferCatalog([alert('up == 0'), alert('1 - queue_depth > 0'), alert('queue_depth > 9')], known);
    expect(metrics.map((metric) => [metric.spec.name, metric.firstUse])).toEqual([['queue_depth', { rule: 1, from: 4, to: 15 }]]);
  });

  it("reports labels the import cannot make reach: on a known series, after an aggregation that drops them, histogram_quantile() without le", () => {
    const { unreachable } = inferCatalog(
      [alert('up{namespace="monitoring"} == 0'), alert('sum(app_errors) > 0', ['{{ $labels.pod }} fails']), alert('histogram_quantile(0.9, sum(rate(lat_bucket[5m]))) > 1')],
      known,
    );
    expect(unreachable).toEqual([
      { rule: 0, label: 'namespace', check: 'catalog/unknown-label' },
      { rule: 1, label: 'pod', check: 'catalog/template-label' },
      { rule: 2, label: 'le', check: 'catalog/histogram-quantile' },
    ]);
  });
});

describe('the buckets of a histogram read both ways', () => {
  it('are the numeric le values its _bucket series are selected at, in order', () => {
    const rules = [alert('histogram_count(rate(h_seconds[5m])) > 0'), alert('rate(h_seconds_bucket{le="30"}[5m]) + rate(h_seconds_bucket{le="0.1"}[5m]) > 0')];
    expect(bucketsOf(rules)).toEqual([[0.1, 30]]);
  });
});
