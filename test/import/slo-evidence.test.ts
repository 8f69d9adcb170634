/** The metrics an imported SLO's SLI reads are declared as monc's SLO rules need them. */
import { describe, expect, it } from 'vitest';
import type { SloSpec } from '../../src/api/types.gen.ts';
import { inferCatalog } from '../../src/import/catalog.ts';
import { sliEvidence } from '../../src/import/slo-evidence.ts';

const declared = (slo: SloSpec) =>
  inferCatalog(
    sliEvidence(slo).map(({ expr }) => ({ expr, file: 'slos.yaml', service: 'app' })),
    () => undefined,
  ).metrics.map(({ spec }) => ({ name: spec.name, type: spec.type, labels: Object.keys(spec.labels ?? {}), ...(spec.native && { native: true }) }));

const CASES: readonly { name: string; slo: SloSpec; expected: ReturnType<typeof declared> }[] = [
  {
    name: 'a ratio of selectors declares counters with their matchers and the groupBy labels',
    slo: { name: 'errors', objective: 99, groupBy: ['route'], sli: { ratio: { errors: 'http_requests_total{code=~"5.."}', total: 'http_requests_total' } } },
    expected: [{ name: 'http_requests_total', type: 'counter', labels: ['code', 'route'] }],
  },
  {
    name: 'a ratio of {{window}} expressions is read with the placeholder filled in',
    slo: { name: 'errors', objective: 99, sli: { ratio: { good: 'sum(increase(jobs_ok[{{window}}]))', total: 'sum(increase(jobs_total{queue="a"}[{{window}}]))' } } },
    expected: [
      { name: 'jobs_ok', type: 'counter', labels: [] },
      { name: 'jobs_total', type: 'counter', labels: ['queue'] },
    ],
  },
  {
    name: 'a latency SLI declares a classic histogram with its matchers',
    slo: { name: 'latency', objective: 99, groupBy: ['route'], sli: { latency: { histogram: 'http_request_duration_seconds{job="api"}', threshold: 0.5 } } },
    expected: [{ name: 'http_request_duration_seconds', type: 'histogram', labels: ['route'] }],
  },
  {
    name: 'a native latency SLI declares a native histogram',
    slo: { name: 'latency', objective: 99, sli: { latency: { histogram: 'rpc_seconds{service="a"}', threshold: 0.2, native: true } } },
    expected: [{ name: 'rpc_seconds', type: 'histogram', labels: ['service'], native: true }],
  },
  {
    name: 'an availability SLI declares a gauge',
    slo: { name: 'up', objective: 99, sli: { availability: { up: 'probe_success{module="http_2xx"}' } } },
    expected: [{ name: 'probe_success', type: 'gauge', labels: ['module'] }],
  },
  {
    name: 'a timeslice SLI reads its query with the slice filled in',
    slo: { name: 'p95', objective: 99, sli: { timeslice: { slice: '1m', query: 'histogram_quantile(0.95, sum by (le) (rate(rpc_latency_seconds_bucket[{{window}}])))', max: 0.3 } } },
    expected: [{ name: 'rpc_latency_seconds', type: 'histogram', labels: [] }],
  },
];

describe('monc import reads the metrics of an SLI as evidence', () => {
  it.each(CASES)('$name', ({ slo, expected }) => {
    expect(declared(slo)).toEqual(expected);
  });

  it('names each SLI field by its path in the SLO, with the text written there', () => {
    const slo: SloSpec = { name: 'e', objective: 99, sli: { ratio: { errors: 'a_total{x="1"}', total: 'a_total' } } };
    expect(sliEvidence(slo).map(({ path, text }) => [path, text])).toEqual([
      ['sli.ratio.errors', 'a_total{x="1"}'],
      ['sli.ratio.total', 'a_total'],
    ]);
  });
});
