/** The OpenSLO importer: how each object becomes a monc service or SLO, and what it reports where. */
import { describe, expect, it } from 'vitest';
import { importFiles } from '../helpers/import.ts';

/** Imports the files (path → text) together, as one `monc import openslo`. */
function importOpenSlo(files: Record<string, string>, kind = 'openslo') {
  const { output, definitions: services, diagnostics } = importFiles(kind, files);
  const findings = diagnostics.filter((d) => d.check !== 'import/guess' || !/names no team|is declared as/.test(d.message)).map((d) => `${d.check}@${d.file}:${d.line}:${d.column}`);
  return { services, findings, diagnostics, output };
}

const slosOf = (service: Record<string, unknown> | undefined) => (service?.['slos'] ?? []) as Record<string, unknown>[];

const RATIO_SLO = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  displayName: Checkout availability
spec:
  description: Checkout requests succeed.
  service: checkout
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 28d
      isRolling: true
  indicator:
    metadata: { name: checkout-requests }
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="checkout",code!~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(http_requests_total{job="checkout"})
  objectives:
    - displayName: Good
      target: 0.995
`;

/** An SLO of service checkout whose spec ends with the given lines (2-space indented under spec). */
const slo = (name: string, spec: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: checkout
${spec}`;

const PROM_RATIO = `  indicatorRef: requests
  objectives:
    - target: 0.99
`;
const SLI_DOC = `apiVersion: openslo/v1
kind: SLI
metadata:
  name: requests
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        metricSourceRef: prom
        spec:
          query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
    total:
      metricSource:
        metricSourceRef: prom
        spec:
          query: sum(rate(http_requests_total[{{.window}}]))
`;
const DATASOURCE_DOC = `apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prom
spec:
  type: Prometheus
  connectionDetails:
    url: http://prometheus:9090
`;

describe('monc import openslo', () => {
  it('imports an Occurrences ratio SLO: objective in percent, rolling window, the good and total queries as monc ratio fields, displayName before the description', () => {
    const { services } = importOpenSlo({ 'slo/checkout.yaml': RATIO_SLO });
    expect(services[0]?.['name']).toBe('checkout');
    expect(slosOf(services[0])).toEqual([
      {
        name: 'checkout-availability',
        description: 'Checkout availability: Checkout requests succeed.',
        objective: 99.5,
        window: '28d',
        sli: { ratio: { good: 'http_requests_total{job="checkout",code!~"5.."}', total: 'http_requests_total{job="checkout"}' } },
      },
    ]);
  });

  it('reads a metric source whose query is under promql, as Nobl9 names a Prometheus query, as it reads query', () => {
    const { services, findings } = importOpenSlo({ 'slo/checkout.yaml': RATIO_SLO.replaceAll('              query:', '              promql:') });
    expect(findings.filter((finding) => /^import\/(loss|unsupported)/.test(finding))).toEqual([]);
    expect(slosOf(services[0])[0]?.['sli']).toEqual({ ratio: { good: 'http_requests_total{job="checkout",code!~"5.."}', total: 'http_requests_total{job="checkout"}' } });
  });

  it('resolves an SLI, a DataSource and a Service named from other files of the import, and writes them once, from the Service', () => {
    const { services, findings } = importOpenSlo({
      'openslo/slo.yaml': slo('errors', PROM_RATIO),
      'openslo/sli.yaml': SLI_DOC,
      'openslo/datasource.yaml': DATASOURCE_DOC,
      'openslo/service.yaml': 'apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: checkout\n  displayName: Checkout\n  labels: { team: payments }\nspec:\n  description: Takes the money.\n',
    });
    expect(services).toHaveLength(1);
    expect(services[0]).toMatchObject({ name: 'checkout', team: 'payments', description: 'Checkout: Takes the money.' });
    expect(slosOf(services[0])[0]?.['sli']).toEqual({
      ratio: { errors: 'sum(increase(http_requests_total{code=~"5.."}[{{window}}]))', total: 'sum(increase(http_requests_total[{{window}}]))' },
    });
    // The DataSource's connection is monc's config; the SLO has no alert policy, so it keeps monc's tiers, and no window, so it gets monc's.
    expect(findings).toEqual(['import/loss@openslo/datasource.yaml:1:1', 'import/guess@openslo/slo.yaml:1:1', 'import/guess@openslo/slo.yaml:6:3']);
  });

  it.each([
    ['an SLI the SLO names that is in no file of the import, and does not import the SLO', {}, slo('errors', PROM_RATIO), 0, ['import/loss@openslo/slo.yaml:7:17']],
    [
      'an alert policy the SLO names that is in no file of the import, and gives the SLO monc\'s tiers',
      { 'openslo/sli.yaml': SLI_DOC.replace(/metricSourceRef: prom/g, 'type: Prometheus') },
      slo('errors', `  indicatorRef: requests\n  timeWindow: [{ duration: 30d, isRolling: true }]\n  alertPolicies:\n    - alertPolicyRef: fast-burn\n  objectives:\n    - target: 0.99\n`),
      1,
      ['import/loss@openslo/slo.yaml:10:23'],
    ],
  ])('reports %s at the reference', (_name, others, text, imported, expected) => {
    const { services, findings } = importOpenSlo({ 'openslo/slo.yaml': text, ...others });
    expect(slosOf(services[0])).toHaveLength(imported);
    expect(findings).toEqual(expected);
  });

  it('reports an SLI, an alert policy and a condition that no SLO reads, and writes nothing for them', () => {
    const { services, findings } = importOpenSlo({
      'openslo/orphans.yaml': `${SLI_DOC}---\napiVersion: openslo/v1\nkind: AlertPolicy\nmetadata: { name: p }\nspec:\n  conditions: [{ conditionRef: c }]\n---\napiVersion: openslo/v1\nkind: AlertCondition\nmetadata: { name: c }\nspec:\n  severity: page\n  condition: { kind: burnrate, op: gt, threshold: 14, lookbackWindow: 1h }\n`,
    });
    expect(services).toEqual([]);
    expect(findings).toEqual(['import/loss@openslo/orphans.yaml:1:1', 'import/loss@openslo/orphans.yaml:19:1', 'import/loss@openslo/orphans.yaml:25:1']);
  });

  it('turns burn-rate alert conditions, named and inline, into tiers replacing the defaults: lookbackWindow the long window, a twelfth of it the short one, threshold the factor, alertAfter the for', () => {
    const { services, findings } = importOpenSlo({
      'openslo/slo.yaml': slo(
        'errors',
        `  indicatorRef: requests
  alertPolicies:
    - alertPolicyRef: burn
  objectives:
    - target: 0.999
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: { name: burn }
spec:
  alertWhenBreaching: true
  alertWhenNoData: true
  conditions:
    - conditionRef: fast-burn
    - kind: AlertCondition
      metadata: { name: slow-burn }
      spec:
        severity: ticket
        condition: { kind: burnrate, op: gt, threshold: 1, lookbackWindow: 3d }
  notificationTargets:
    - targetRef: oncall
---
apiVersion: openslo/v1
kind: AlertCondition
metadata: { name: fast-burn }
spec:
  severity: page
  condition: { kind: burnrate, op: gt, threshold: 14.4, lookbackWindow: 1h, alertAfter: 2m }
---
apiVersion: openslo/v1
kind: AlertNotificationTarget
metadata: { name: oncall }
spec: { target: pagerduty }
`,
      ),
      'openslo/sli.yaml': SLI_DOC.replace(/metricSourceRef: prom/g, 'type: Prometheus'),
    });
    expect(slosOf(services[0])[0]?.['alerting']).toEqual({
      tiers: {
        'page-1h': false,
        'page-6h': false,
        'ticket-1d': false,
        'ticket-3d': false,
        'fast-burn': { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 14.4, for: '2m' },
        'slow-burn': { severity: 'ticket', longWindow: '3d', shortWindow: '6h', factor: 1 },
      },
    });
    // The short windows are guesses, at each lookbackWindow; the notification target is routing's; the SLO has no window.
    expect(findings).toEqual(['import/guess@openslo/slo.yaml:6:3', 'import/guess@openslo/slo.yaml:25:76', 'import/guess@openslo/slo.yaml:34:73', 'import/loss@openslo/slo.yaml:36:1']);
  });

  it.each([
    ['a Timeslices ratio metric is a timeslice SLI whose slices are good at timeSliceTarget of good events', 'Timeslices', '      timeSliceTarget: 0.95\n      timeSliceWindow: 5m\n', {
      timeslice: { slice: '5m', query: 'sum(increase(http_requests_total{job="checkout",code!~"5.."}[{{window}}])) / sum(increase(http_requests_total{job="checkout"}[{{window}}]))', min: 0.95 },
    }],
    ['a timeSliceWindow written as a number is minutes', 'Timeslices', '      timeSliceTarget: 0.9\n      timeSliceWindow: 2\n', {
      timeslice: { slice: '2m', query: 'sum(increase(http_requests_total{job="checkout",code!~"5.."}[{{window}}])) / sum(increase(http_requests_total{job="checkout"}[{{window}}]))', min: 0.9 },
    }],
  ])('%s', (_name, method, objectiveFields, sli) => {
    const text = RATIO_SLO.replace('budgetingMethod: Occurrences', `budgetingMethod: ${method}`).replace('      target: 0.995\n', `      target: 0.995\n${objectiveFields}`);
    expect(slosOf(importOpenSlo({ 'slo.yaml': text }).services[0])[0]?.['sli']).toEqual(sli);
  });

  it.each([
    ['Occurrences', 'lt', { ratio: { errors: 'sum(count_over_time(((latency_ms{job="api"}) >= 300)[{{window}}:]))', total: 'sum(count_over_time((latency_ms{job="api"})[{{window}}:]))' } }],
    ['Occurrences', 'gte', { ratio: { errors: 'sum(count_over_time(((latency_ms{job="api"}) < 300)[{{window}}:]))', total: 'sum(count_over_time((latency_ms{job="api"})[{{window}}:]))' } }],
    ['Timeslices', 'lte', { timeslice: { slice: '1m', query: 'avg_over_time(((latency_ms{job="api"}) <= bool 300)[{{window}}:])', min: 0.9 } }],
  ])('a %s threshold metric with op %s counts the samples that meet the bound', (method, op, sli) => {
    const text = slo('latency', `  budgetingMethod: ${method}\n  indicator:\n    metadata: { name: latency }\n    spec:\n      thresholdMetric:\n        metricSource:\n          type: Prometheus\n          spec: { query: 'latency_ms{job="api"}' }\n  objectives:\n    - { op: ${op}, value: 300, targetPercent: 99, timeSliceTarget: 0.9, timeSliceWindow: 1m }\n`);
    const imported = slosOf(importOpenSlo({ 'slo.yaml': text }).services[0])[0];
    expect(imported?.['objective']).toBe(99);
    expect(imported?.['sli']).toEqual(sli);
  });

  it.each([
    ['a month starting on the first at midnight is a calendar month in its time zone', '1M', '2024-01-01 00:00:00', { calendar: 'month', timezone: 'Europe/Berlin' }, []],
    ['a week starting on a Monday at midnight is a calendar week', '1w', '2024-01-01 00:00:00', { calendar: 'week', timezone: 'Europe/Berlin' }, []],
    ['a week starting on a Saturday is a calendar week, with a finding at its start time', '1w', '2022-01-01 12:00:00', { calendar: 'week', timezone: 'Europe/Berlin' }, ['import/loss@slo.yaml:14:20']],
    ['a two-month calendar window is a rolling 60d, with a finding', '2M', '2024-01-01 00:00:00', '60d', ['import/loss@slo.yaml:11:17']],
  ])('%s', (_name, duration, start, window, expected) => {
    const text = RATIO_SLO.replace('    - duration: 28d\n      isRolling: true\n', `    - duration: ${duration}\n      isRolling: false\n      calendar:\n        startTime: ${start}\n        timeZone: Europe/Berlin\n`);
    const { services, findings } = importOpenSlo({ 'slo.yaml': text });
    expect(slosOf(services[0])[0]?.['window']).toEqual(window);
    expect(findings.filter((f) => f.startsWith('import/loss'))).toEqual(expected);
  });

  it('reads v1alpha as Sloth does: one SLO per objective ratioMetrics, count and unit windows, rate() over {{.window}} as increase()', () => {
    const text = `apiVersion: openslo/v1alpha
kind: SLO
metadata:
  name: latency
spec:
  service: apiserver
  budgetingMethod: Occurrences
  objectives:
    - ratioMetrics:
        good: { source: prometheus, queryType: promql, query: 'sum(rate(h_bucket{le="0.4"}[{{.window}}]))' }
        total: { source: prometheus, queryType: promql, query: 'sum(rate(h_count[{{.window}}]))' }
      target: 0.99
    - ratioMetrics:
        good: { source: prometheus, queryType: promql, query: 'sum(rate(h_bucket{le="5"}[{{.window}}]))' }
        total: { source: prometheus, queryType: promql, query: 'sum(rate(h_count[{{.window}}]))' }
      target: 0.999
  timeWindows:
    - count: 30
      unit: Day
      isRolling: true
`;
    const slos = slosOf(importOpenSlo({ 'slo.yaml': text }).services[0]);
    expect(slos.map((s) => [s['name'], s['objective'], s['window'], (s['sli'] as { ratio: { good: string } }).ratio.good])).toEqual([
      ['latency-objective-1', 99, '30d', 'sum(increase(h_bucket{le="0.4"}[{{window}}]))'],
      ['latency-objective-2', 99.9, '30d', 'sum(increase(h_bucket{le="5"}[{{window}}]))'],
    ]);
  });

  it('keeps objectives on one SLI as one monc SLO with further objectives', () => {
    const text = RATIO_SLO.replace('      target: 0.995\n', '      target: 0.995\n    - displayName: Strict\n      targetPercent: 99.9\n');
    const imported = slosOf(importOpenSlo({ 'slo.yaml': text }).services[0]);
    expect(imported.map((s) => [s['name'], s['objective'], s['objectives']])).toEqual([['checkout-availability', 99.5, [{ name: 'strict', objective: 99.9 }]]]);
  });

  it.each([
    ['a Datadog metric source', 'type: Prometheus', 'type: Datadog', 'import/loss@slo.yaml:20:19'],
    ['a counter: false ratio metric', 'counter: true', 'counter: false', 'import/loss@slo.yaml:17:18'],
    ['a query that is not PromQL', 'query: sum(http_requests_total{job="checkout"})', 'query: "sum:requests{*}.as_count()"', 'import/loss@slo.yaml:27:22'],
  ])('refuses an SLO with %s, with one finding there', (_name, from, to, expected) => {
    const { services, findings } = importOpenSlo({ 'slo.yaml': RATIO_SLO.replace(from, to) });
    expect(services).toEqual([]);
    expect(findings).toEqual([expected]);
  });

  it('renames labels monc writes or Prometheus refuses, joins a list of values, and moves a team label agreed on to the service', () => {
    const text = RATIO_SLO.replace('  displayName: Checkout availability\n', '  labels:\n    team: payments\n    tier: [gold]\n    app.kubernetes.io/name: checkout\n    env: [prod, eu]\n');
    const { services, findings } = importOpenSlo({ 'slo.yaml': text });
    expect(services[0]?.['team']).toBe('payments');
    expect(slosOf(services[0])[0]?.['labels']).toEqual({ openslo_tier: 'gold', app_kubernetes_io_name: 'checkout', env: 'prod,eu' });
    expect(findings.filter((f) => f.startsWith('import/loss'))).toEqual(['import/loss@slo.yaml:7:5', 'import/loss@slo.yaml:8:5', 'import/loss@slo.yaml:9:10']);
  });

  it('imports a Service with no SLO as a service, and a second Service of a name not at all', () => {
    const service = (description: string) => `- apiVersion: openslo/v1\n  kind: Service\n  metadata: { name: web shop }\n  spec: { description: ${description} }\n`;
    const { services, findings } = importOpenSlo({ 'services.yaml': service('first') + service('second') });
    expect(services).toEqual([{ kind: 'Service', name: 'web-shop', team: 'unowned', description: 'first' }]);
    expect(findings).toEqual(['import/loss@services.yaml:5:3']);
  });

  it.each([
    ['OpenSLO v2alpha', 'apiVersion: openslo.com/v2alpha\nkind: Service\nmetadata: { name: a }\n', 'import/unsupported@x.yaml:1:13'],
    ['a kind OpenSLO has not', 'apiVersion: openslo/v1\nkind: Budget\nmetadata: { name: a }\n', 'import/unsupported@x.yaml:2:7'],
  ])('refuses %s with an error at the field that says so', (_name, text, expected) => {
    expect(importOpenSlo({ 'x.yaml': text }).findings).toEqual([expected]);
  });

  it('is what monc import auto takes an OpenSLO document for, and not a rule file', () => {
    const { services } = importOpenSlo({ 'slo.yaml': RATIO_SLO, 'rules.yaml': 'groups:\n  - name: a\n    rules:\n      - record: a:sum\n        expr: sum(a)\n' }, 'auto');
    expect(services.map((s) => [s['name'], slosOf(s).length])).toEqual([
      ['checkout', 1],
      ['rules', 0],
    ]);
  });
});
