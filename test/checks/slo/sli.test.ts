/** slo/sli: an SLI can be turned into 5m event counts: the right fields, query shapes and metric types, and groupBy labels the series have. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { atIn, type Files, LATENCY_SLI, project, service, slo, tiers } from './fixtures.ts';

const ID = 'slo/sli';

const ratio = (lines: string) => `      ratio:\n${lines}`;
const SUMMARY = '  - { name: app_rpc_duration_seconds, type: summary, help: RPC latency., unit: seconds }\n';

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'A ratio SLI of errors and total counter selectors passes.', files: project(service(slo())), expected: () => [] },
  { name: 'A ratio SLI of good and total passes.', files: project(service(slo({ sli: ratio('        good: app_requests_total{code!~"5.."}\n        total: app_requests_total\n') }))), expected: () => [] },
  {
    name: 'Expressions that count events over {{window}} pass as written.',
    files: project(service(slo({ sli: ratio('        errors: sum(increase(app_requests_total{code=~"5.."}[{{window}}]))\n        total: sum(increase(app_requests_total[{{window}}]))\n') }))),
    expected: () => [],
  },
  { name: 'A latency SLI on a histogram, grouped by one of its labels, passes.', files: project(service(slo({ name: 'latency', objective: '95', sli: LATENCY_SLI('0.5'), more: '    groupBy: [route]\n' }))), expected: () => [] },
  { name: 'An availability SLI on an up selector passes.', files: project(service(slo({ name: 'up', sli: "      availability: { up: 'up{job=\"app\"}' }\n" }))), expected: () => [] },
  { name: 'Grouping by labels the counter declares passes.', files: project(service(slo({ more: '    groupBy: [route, code]\n' }))), expected: () => [] },
  {
    name: 'errors and good together are flagged at good.',
    files: project(service(slo({ sli: ratio('        errors: app_requests_total{code=~"5.."}\n        good: app_requests_total{code=~"2.."}\n        total: app_requests_total\n') }))),
    expected: (f) => [atIn(ID, f, 'good')],
    messages: ['a ratio SLI counts errors or good events, not both; remove one'],
  },
  {
    name: 'A ratio with only total is flagged at ratio.',
    files: project(service(slo({ sli: ratio('        total: app_requests_total\n') }))),
    expected: (f) => [atIn(ID, f, 'ratio:')],
    messages: ['a ratio SLI needs errors (the bad events) or good (the good events) next to total'],
  },
  {
    name: 'A gauge counted as events is flagged at its name inside the query.',
    files: project(service(slo({ sli: ratio('        errors: app_queue_depth\n        total: app_requests_total\n') }))),
    expected: (f) => [atIn(ID, f, 'app_queue_depth\n', 2)],
    messages: ['app_queue_depth is not a counter: monc counts a selector\'s events with increase(), which is meaningless on a gauge; select a counter, or write the count with {{window}}'],
  },
  {
    name: 'An expression without {{window}} is flagged at the expression: monc cannot count its events.',
    files: project(service(slo({ sli: ratio('        errors: sum(app_requests_total{code=~"5.."})\n        total: app_requests_total\n') }))),
    expected: (f) => [atIn(ID, f, 'sum(app_requests_total')],
    messages: ['write a series selector such as http_requests_total{code=~"5.."}, or an expression that counts events over {{window}}, e.g. sum(increase(x[{{window}}]))'],
  },
  {
    name: 'A rate written where a count belongs is flagged at the expression.',
    files: project(service(slo({ sli: ratio('        errors: sum(rate(app_requests_total{code=~"5.."}[5m]))\n        total: app_requests_total\n') }))),
    expected: (f) => [atIn(ID, f, 'sum(rate(')],
  },
  {
    name: 'A latency SLI on a counter is flagged at the histogram.',
    files: project(service(slo({ sli: LATENCY_SLI('0.5').replace('app_request_duration_seconds', 'app_requests_total') }))),
    expected: (f) => [atIn(ID, f, 'app_requests_total, threshold')],
    messages: ['app_requests_total is a counter, not a histogram: a latency SLI counts requests in the threshold bucket'],
  },
  {
    name: 'A latency SLI on a summary is flagged at the histogram.',
    files: project(service(slo({ name: 'latency', objective: '99', sli: '      latency:\n        histogram: app_rpc_duration_seconds\n        threshold: 0.5\n' }), SUMMARY)),
    expected: (f) => [atIn(ID, f, 'app_rpc_duration_seconds\n')],
    messages: ['app_rpc_duration_seconds is a summary, not a histogram: a latency SLI counts requests in the threshold bucket'],
  },
  {
    name: 'A latency histogram written as an expression, not a name with matchers, is flagged at the expression.',
    files: project(service(slo({ name: 'latency', objective: '99', sli: '      latency:\n        histogram: sum(app_request_duration_seconds)\n        threshold: 0.5\n' }))),
    expected: (f) => [atIn(ID, f, 'sum(app_request_duration_seconds)')],
    messages: ['write the histogram as its name with optional matchers, e.g. http_request_duration_seconds{job="api"}'],
  },
  {
    name: 'An availability SLI on an average rather than the series is flagged at the query.',
    files: project(service(slo({ name: 'uptime', sli: '      availability:\n        up: avg(up{job="app"})\n' }))),
    expected: (f) => [atIn(ID, f, 'avg(up')],
    messages: ['an availability SLI reads a 0/1 series selector such as up{job="api"} or probe_success{…}'],
  },
  {
    name: 'Grouping by a label the SLI does not have is flagged at the label.',
    files: project(service(slo({ more: '    groupBy: [endpoint]\n' }))),
    expected: (f) => [atIn(ID, f, 'endpoint')],
    messages: ['app_requests_total has no label "endpoint" to group the SLO by (its labels: code, instance, job, route)'],
  },
  {
    name: 'Each unknown groupBy label is flagged at its own place in the list.',
    files: project(service(slo({ more: '    groupBy: [route, endpoint, zone]\n' }))),
    expected: (f) => [atIn(ID, f, 'endpoint'), atIn(ID, f, 'zone')],
  },
  {
    name: "A latency SLO grouped by a label of the counter but not of the histogram is flagged with the histogram's labels.",
    files: project(service(slo({ name: 'latency', objective: '95', sli: LATENCY_SLI('0.5'), more: '    groupBy: [code]\n' }))),
    expected: (f) => [atIn(ID, f, 'code]')],
    messages: ['app_request_duration_seconds_count has no label "code" to group the SLO by (its labels: instance, job, route)'],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});

describe('complete SLOs pass every check', () => {
  it.each([
    { name: 'A complete SLO with a ratio SLI has no finding at all.', files: project(service(slo())) },
    {
      name: 'Latency and availability SLIs, grouped and with changed tiers, have no finding at all.',
      files: project(
        service(
          slo({ name: 'latency', objective: '95', sli: LATENCY_SLI('0.5'), more: '    groupBy: [route]\n' }) +
            slo({ name: 'up', objective: '99.5', window: '28d', sli: "      availability: { up: 'up{job=\"app\"}' }\n", more: tiers('ticket-3d: false', 'page-1h: { factor: 10 }') }),
        ),
      ),
    },
  ])('$name', async ({ files }) => {
    expect((await lint(files)).map(where)).toEqual([]);
  });
});

describe('SLI queries go through the catalog checks', () => {
  it.each([
    {
      name: 'A typo in an SLI selector is catalog/unknown-metric, flagged inside the query.',
      files: project(service(slo({ sli: ratio('        errors: app_request_total{code=~"5.."}\n        total: app_requests_total\n') }))),
      expected: (f: Files) => [atIn('catalog/unknown-metric', f, 'app_request_total')],
    },
    {
      name: 'A typo in a label of a {{window}} expression is catalog/unknown-label, flagged inside it.',
      files: project(service(slo({ sli: ratio('        errors: sum(increase(app_requests_total{cod=~"5.."}[{{window}}]))\n        total: sum(increase(app_requests_total[{{window}}]))\n') }))),
      expected: (f: Files) => [atIn('catalog/unknown-label', f, 'cod=')],
    },
  ])('$name', async ({ files, expected }) => {
    expect((await lint(files)).map(where)).toEqual(expected(files));
  });
});

describe('latency SLIs on native histograms', () => {
  const NATIVE_METRIC = '  - { name: app_rpc_seconds, type: histogram, native: true, help: RPC latency., unit: seconds, labels: { route: { maxValues: 10 } } }\n';
  const nativeSli = (histogram: string, native = true) => `      latency: { histogram: ${histogram}, threshold: 0.3${native ? ', native: true' : ''} }\n`;
  const FEATURES = 'prometheus:\n  retention: 30d\n  features: [native-histograms]\n';

  it.each([
    {
      name: 'A native SLI on a native histogram, with the feature enabled, passes: its bare name is a known metric, any threshold reads.',
      files: project(service(slo({ name: 'rpc', objective: '95', sli: nativeSli('app_rpc_seconds'), more: '    groupBy: [route]\n' }), NATIVE_METRIC), FEATURES),
      expected: () => [],
    },
    {
      name: 'A native SLI without native-histograms in prometheus.features is flagged at native.',
      files: project(service(slo({ name: 'rpc', objective: '95', sli: nativeSli('app_rpc_seconds') }), NATIVE_METRIC)),
      expected: (f: Files) => [atIn(ID, f, 'true }')],
      messages: ['native histograms need Prometheus 2 running with --enable-feature=native-histograms: add native-histograms to prometheus.features in monc.config.yaml once it does'],
    },
    {
      name: 'A native SLI on a classic histogram is flagged at native.',
      files: project(service(slo({ name: 'rpc', objective: '95', sli: nativeSli('app_request_duration_seconds') })), FEATURES),
      expected: (f: Files) => [atIn(ID, f, 'true }')],
      messages: ['app_request_duration_seconds is declared as a classic histogram; declare it with native: true, or read it as classic (drop native here)'],
    },
    {
      name: 'A classic SLI on a native-only histogram is flagged at the histogram.',
      files: project(service(slo({ name: 'rpc', objective: '95', sli: nativeSli('app_rpc_seconds', false) }), NATIVE_METRIC), FEATURES),
      expected: (f: Files) => [atIn(ID, f, 'app_rpc_seconds', 2)],
      messages: ['app_rpc_seconds is a native histogram, with no _bucket series; set native: true on this SLI to read it with histogram_fraction'],
    },
  ])('$name', async ({ files, expected, messages }) => {
    const found = (await lint(files)).filter((d) => d.check === ID || d.severity === 'error');
    expect(found.map(where)).toEqual(expected(files));
    if (messages) expect(found.map((d) => d.message)).toEqual(messages);
  });

  it('says the SLO gets no generated tests, since promtool 2.42 cannot feed native histograms', async () => {
    const files = project(service(slo({ name: 'rpc', objective: '95', sli: nativeSli('app_rpc_seconds') }), NATIVE_METRIC), FEATURES);
    expect((await lint(files)).filter((d) => d.check === 'slo/untested').map((d) => d.message)).toEqual([
      "SLO app-rpc gets no generated promtool tests: it reads a native histogram, and promtool 2.42's test input cannot write native histogram samples; write tests for its alerts by hand, in the service's tests",
    ]);
  });
});

describe('timeslice SLIs', () => {
  const P95 = 'histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[{{window}}])))';
  const timeslice = (fields: string) => `      timeslice: { ${fields} }\n`;

  it.each([
    { name: 'A p95 per minute under a bound passes.', sli: timeslice(`slice: 1m, query: '${P95}', max: 0.3`), expected: [] as string[] },
    { name: 'Both max and min are flagged at min.', sli: timeslice(`slice: 1m, query: '${P95}', max: 0.3, min: 0`), expected: ['min: 0'] },
    { name: 'Neither max nor min is flagged at the SLI.', sli: timeslice(`slice: 1m, query: '${P95}'`), expected: ['{ slice: 1m'] },
    { name: 'A slice shorter than the evaluation interval is flagged at the slice.', sli: timeslice(`slice: 10s, query: '${P95}', max: 0.3`), expected: ['10s'] },
    { name: 'A query with a fixed range instead of {{window}} is flagged at the query.', sli: timeslice(`slice: 1m, query: 'max_over_time(app_queue_depth[5m])', max: 10`), expected: ["'max_over_time"] },
  ])('$name', async ({ sli, expected }) => {
    const files = project(service(slo({ name: 'p95', objective: '99', window: '7d', sli })));
    const found = (await lint(files)).filter((d) => d.check === ID);
    expect(found.map(where)).toEqual(expected.map((needle) => atIn(ID, files, needle)));
  });

  it('flags windows that are not whole numbers of slices once, at the slice, in slo/tier', async () => {
    const files = project(service(slo({ name: 'p95', objective: '99', window: '7d', sli: timeslice(`slice: 7m, query: '${P95}', max: 0.3`) })));
    const found = (await lint(files)).filter((d) => d.check === 'slo/tier');
    expect(found.map(where)).toEqual([atIn('slo/tier', files, '7m')]);
    expect(found.map((d) => d.message)).toEqual([
      'the windows of this SLO and its tiers (7d, 1h, 5m, 6h, 30m, 1d, 2h, 3d) are not all whole numbers of 7m slices: choose a slice that divides them, such as 1m or 5m',
    ]);
  });
});
