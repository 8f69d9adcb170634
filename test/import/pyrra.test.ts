/** The Pyrra importer: how each part of a ServiceLevelObjective becomes a monc SLO, and what it reports where. */
import { describe, expect, it } from 'vitest';
import { absentDuration } from '../../src/import/importers/pyrra.ts';
import { importFiles } from '../helpers/import.ts';

const FILE = 'pyrra/slo.yaml';

function importPyrra(text: string, kind = 'pyrra') {
  const { definitions, diagnostics } = importFiles(kind, { [FILE]: text });
  const findings = diagnostics.filter((d) => d.check !== 'import/guess').map((d) => `${d.check}@${d.line}:${d.column}`);
  return { service: definitions[0], slo: ((definitions[0]?.['slos'] ?? []) as Record<string, unknown>[])[0], findings };
}

const slo = (spec: string, metadata = '') =>
  `apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: api-errors\n  namespace: shop\n${metadata}spec:\n${spec}`;
const RATIO = '  target: "99.5"\n  window: 4w\n  indicator:\n    ratio:\n      errors:\n        metric: http_requests_total{job="api",code=~"5.."}\n      total:\n        metric: http_requests_total{job="api"}\n';
const PYRRA_ALERTING = { tierTable: 'pyrra', minEvents: 0, pageAlert: 'ErrorBudgetBurn', ticketAlert: 'ErrorBudgetBurn', noData: { for: '6m', severity: 'critical' } };

describe('monc import pyrra', () => {
  it.each([
    [
      'a ratio indicator becomes a ratio SLI with Pyrra tiers, its alert name and no traffic floor, and the total equality matchers become labels',
      slo(RATIO),
      {
        name: 'errors',
        objective: 99.5,
        window: '4w',
        sli: { ratio: { errors: 'http_requests_total{job="api",code=~"5.."}', total: 'http_requests_total{job="api"}' } },
        alerting: PYRRA_ALERTING,
        labels: { job: 'api' },
      },
    ],
    [
      "a latency indicator on one histogram's bucket and count becomes a latency SLI at the bucket's bound, grouped as Pyrra groups it",
      slo('  target: "95"\n  window: 4w\n  indicator:\n    latency:\n      grouping: [route]\n      success:\n        metric: http_request_duration_seconds_bucket{job="api",le="0.5"}\n      total:\n        metric: http_request_duration_seconds_count{job="api"}\n'),
      {
        name: 'latency',
        objective: 95,
        window: '4w',
        sli: { latency: { histogram: 'http_request_duration_seconds{job="api"}', threshold: 0.5 } },
        groupBy: ['route'],
        alerting: { ...PYRRA_ALERTING, noData: { for: '44m', severity: 'critical' } },
        labels: { job: 'api' },
      },
    ],
    [
      'a latencyNative indicator becomes a native latency SLI with the latency in seconds',
      slo('  target: "99"\n  window: 2w\n  indicator:\n    latencyNative:\n      latency: 300ms\n      total:\n        metric: rpc_duration_seconds{job="api"}\n'),
      {
        name: 'latency',
        objective: 99,
        window: '2w',
        sli: { latency: { histogram: 'rpc_duration_seconds{job="api"}', threshold: 0.3, native: true } },
        alerting: { ...PYRRA_ALERTING, noData: { for: '5m', severity: 'critical' } },
        labels: { job: 'api' },
      },
    ],
    [
      'a bool_gauge indicator becomes an availability SLI, and disabled burn-rate alerts switch off every tier',
      slo('  target: "99"\n  window: 28d\n  alerting:\n    burnrates: false\n    absent: false\n  indicator:\n    bool_gauge:\n      metric: probe_success{instance="shop"}\n'),
      {
        name: 'availability',
        objective: 99,
        window: '28d',
        sli: { availability: { up: 'probe_success{instance="shop"}' } },
        alerting: { tierTable: 'pyrra', tiers: { 'page-1h': false, 'page-6h': false, 'ticket-1d': false, 'ticket-4d': false }, minEvents: 0, noData: false },
        labels: { instance: 'shop' },
      },
    ],
    [
      'a Pyrra severity that differs from the default is set on its tier',
      slo(`${RATIO}  alerting:\n    name: ShopBurn\n    severities: { fastBurn: page, slowBurn: warning, absent: info }\n`),
      {
        name: 'errors',
        objective: 99.5,
        window: '4w',
        sli: { ratio: { errors: 'http_requests_total{job="api",code=~"5.."}', total: 'http_requests_total{job="api"}' } },
        alerting: { tierTable: 'pyrra', tiers: { 'page-1h': { alertSeverity: 'page' } }, minEvents: 0, pageAlert: 'ShopBurn', ticketAlert: 'ShopBurn', noData: { for: '6m', severity: 'info' } },
        labels: { job: 'api' },
      },
    ],
  ])('%s', (_name, text, expected) => {
    expect(importPyrra(text).slo).toEqual(expected);
  });

  it('names the service after the namespace and name, takes pyrra.dev/team as its team and the runbook annotation as the runbook', () => {
    const { service, slo: imported } = importPyrra(slo(RATIO, '  labels:\n    pyrra.dev/team: web\n  annotations:\n    pyrra.dev/runbook: https://r.example/api\n'));
    expect([service?.['name'], service?.['team'], imported?.['runbook']]).toEqual(['shop-api-errors', 'web', 'https://r.example/api']);
  });

  it.each([
    ['a Kubernetes label, a pyrra.dev/ label monc generates, and each pyrra.dev/ annotation', slo(RATIO, '  labels:\n    prometheus: k8s\n    pyrra.dev/service: api\n  annotations:\n    pyrra.dev/message: burning\n    pyrra.dev/runbook: https://r.example\n'), [
      'import/loss@7:5',
      'import/loss@8:24',
      'import/loss@10:5',
      'import/loss@11:5',
      'import/loss@13:3',
    ]],
    ['a fastest tier that no traffic reaches at a 90% target, and an unknown spec field', slo(`${RATIO.replace('"99.5"', '"90"')}  extra: 1\n`), ['import/loss@7:3', 'import/loss@7:11', 'import/loss@15:3']],
    ['a target outside what monc takes: the SLO is refused', slo(RATIO.replace('"99.5"', '"0.99"')), ['import/loss@7:11']],
    ['a latency indicator without a success bucket: the SLO is refused', slo('  target: "95"\n  window: 2w\n  indicator:\n    latency:\n      latency: 1s\n      total:\n        metric: h{job="a"}\n'), ['import/loss@11:7']],
    ['a ratio metric that is not a series selector: the SLO is refused', slo(RATIO.replace('metric: http_requests_total{job="api"}', 'metric: sum(http_requests_total)')), ['import/loss@14:17']],
  ])('reports %s at its line and column', (_name, text, expected) => {
    expect(importPyrra(text).findings).toEqual(expected);
  });

  it.each([
    ['without native-histograms in prometheus.features, says to add it, at the histogram', [], ['SLO "latency" reads a native histogram: add native-histograms to prometheus.features in monc.config.yaml, as Prometheus runs with --enable-feature=native-histograms, or monc lint reports slo/sli']],
    ['with it, says nothing', ['native-histograms'], []],
  ])('an SLO over a native histogram, %s', (_, features, expected) => {
    const text = slo('  target: "99"\n  window: 2w\n  indicator:\n    latencyNative:\n      latency: 300ms\n      total:\n        metric: rpc_duration_seconds{job="api"}\n');
    const { diagnostics } = importFiles('pyrra', { [FILE]: text }, { existing: { services: new Set(), alerts: new Set(), recordings: new Set(), known: () => undefined, features } });
    const notes = diagnostics.filter((d) => d.message.includes('native histogram:'));
    expect(notes.map((d) => d.message)).toEqual(expected);
    for (const note of notes) expect(`${note.line}:${note.column}`).toBe(`${text.split('\n').findIndex((line) => line.includes('rpc_duration_seconds')) + 1}:17`);
  });

  it('refused SLOs write no service, and the finding says why', () => {
    const { service } = importPyrra(slo(RATIO.replace('"99.5"', '"0.99"')));
    expect(service).toBeUndefined();
  });

  it('is detected by monc import auto, with the bare v1alpha1 apiVersion of generated specs too', () => {
    expect(importPyrra(slo(RATIO).replace('pyrra.dev/v1alpha1', 'v1alpha1'), 'auto').slo?.['name']).toBe('errors');
  });

  it.each([
    ['99.5', '4w', '6m'],
    ['99', '28d', '10m'],
    ['90', '28d', '1h26m'],
  ])("waits as Pyrra's AbsentDuration does before the absent alert at %s%% over %s: %s", (target, window, expected) => {
    expect(absentDuration(Number(target), window)).toBe(expected);
  });
});
