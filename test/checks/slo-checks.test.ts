import { describe, expect, it } from 'vitest';
import { at as atIn } from '../helpers/fragments.ts';
import { lintJson, where } from '../helpers/project.ts';

const F = 'definitions/app.yaml';

/** A position in the service file. */
const at = (check: string, text: string, needle: string, nth = 1) => atIn(check, F, text, needle, nth);

const RETENTION_30D = 'prometheus:\n  retention: 30d\n';

const service = (slos: string, extra = '') => `kind: Service
name: app
team: core
metrics:
  - name: app_requests_total
    type: counter
    help: Requests.
    labels: { code: { pattern: '[1-5][0-9][0-9]', maxValues: 20 }, route: { maxValues: 10 } }
  - name: app_request_duration_seconds
    type: histogram
    help: Latency.
    unit: seconds
    labels: { route: { maxValues: 10 } }
    buckets: [0.1, 0.5, 1]
  - name: app_queue_depth
    type: gauge
    help: Depth.
${extra}slos:
${slos}`;

/** An SLO block with overridable lines; `sli` replaces the whole sli mapping. */
const slo = ({ name = 'availability', objective = '99.9', window = '', sli = '', more = '' } = {}) =>
  `  - name: ${name}
    objective: ${objective}
${window ? `    window: ${window}\n` : ''}    sli:
${sli || '      ratio:\n        errors: app_requests_total{code=~"5.."}\n        total: app_requests_total\n'}${more}`;

interface Case {
  readonly name: string;
  readonly file: string;
  readonly config?: string;
  readonly expected: (file: string) => string[];
}

const cases: Case[] = [
  { name: 'a complete SLO with a ratio SLI passes every check', file: service(slo()), expected: () => [] },
  {
    name: 'latency and availability SLIs, grouped and with changed tiers, pass every check',
    file: service(
      slo({ name: 'latency', objective: '95', sli: '      latency: { histogram: app_request_duration_seconds, threshold: 0.5 }\n', more: '    groupBy: [route]\n' }) +
        slo({ name: 'up', objective: '99.5', window: '28d', sli: '      availability: { up: \'up{job="app"}\' }\n', more: '    alerting:\n      tiers:\n        ticket-3d: false\n        page-1h: { factor: 10 }\n' }),
    ),
    expected: () => [],
  },
  { name: 'slo/objective-range: 100% leaves no budget and is flagged at the value', file: service(slo({ objective: '100' })), expected: (f) => [at('slo/objective-range', f, '100')] },
  { name: 'slo/objective-range: a ratio written as 0.999 is flagged at the value', file: service(slo({ objective: '0.999' })), expected: (f) => [at('slo/objective-range', f, '0.999')] },
  { name: 'slo/unreachable-tier: at 90% the default 1h page needs 144% errors and is flagged at the objective', file: service(slo({ objective: '90' })), expected: (f) => [at('slo/unreachable-tier', f, '90')] },
  {
    name: 'slo/unreachable-tier: a tier written with a factor over 1/budget is flagged at the tier',
    file: service(slo({ more: '    alerting:\n      tiers:\n        page-1h: { factor: 2000 }\n' })),
    expected: (f) => [at('slo/unreachable-tier', f, 'page-1h: { factor')],
  },
  { name: 'slo/window-exceeds-retention: the default 30d window over the default 15d retention is flagged at the name', file: service(slo()), config: '', expected: (f) => [at('slo/window-exceeds-retention', f, 'availability')] },
  {
    name: 'slo/window-exceeds-retention: a written window over the configured retention is flagged at the window',
    file: service(slo({ window: '4w' })),
    config: 'prometheus:\n  retention: 21d\n',
    expected: (f) => [at('slo/window-exceeds-retention', f, '4w')],
  },
  { name: 'slo/window-exceeds-retention: a 14d window fits the default retention', file: service(slo({ window: '14d' })), config: '', expected: () => [] },
  {
    name: 'slo/latency-threshold-not-bucket: 0.3 between the 0.1 and 0.5 buckets is flagged at the threshold',
    file: service(slo({ name: 'latency', objective: '95', sli: '      latency: { histogram: app_request_duration_seconds, threshold: 0.3 }\n' })),
    expected: (f) => [at('slo/latency-threshold-not-bucket', f, '0.3')],
  },
  { name: 'slo/budget-too-small: 99.999% over 30d allows 25s of outage and is flagged at the objective', file: service(slo({ objective: '99.999' })), expected: (f) => [at('slo/budget-too-small', f, '99.999')] },
  { name: 'slo/duplicate: a second SLO with the same name is flagged at its name', file: service(slo() + slo()), expected: (f) => [at('slo/duplicate', f, 'availability', 2)] },
  {
    name: 'slo/duplicate: an alert named like a generated one is flagged at the alert name',
    file: service(slo(), 'alerts:\n  - { name: AppAvailabilityFastBurn, expr: vector(1), for: 5m, severity: info, summary: s, runbook: https://r.example/x }\n'),
    expected: (f) => [at('slo/duplicate', f, 'AppAvailabilityFastBurn')],
  },
  {
    name: 'slo/duplicate: SLOs whose generated alert names clash (p-99 and p99) are flagged at the second',
    file: service(slo({ name: 'p-99' }) + slo({ name: 'p99' })),
    expected: (f) => [at('slo/duplicate', f, 'p99')],
  },
  {
    name: 'slo/sli: errors and good together are flagged at good',
    file: service(slo({ sli: '      ratio:\n        errors: app_requests_total{code=~"5.."}\n        good: app_requests_total{code=~"2.."}\n        total: app_requests_total\n' })),
    expected: (f) => [at('slo/sli', f, 'good')],
  },
  { name: 'slo/sli: a ratio with only total is flagged at ratio', file: service(slo({ sli: '      ratio:\n        total: app_requests_total\n' })), expected: (f) => [at('slo/sli', f, 'ratio:')] },
  {
    name: 'slo/sli: a gauge counted as events is flagged at its name inside the query',
    file: service(slo({ sli: '      ratio:\n        errors: app_queue_depth\n        total: app_requests_total\n' })),
    expected: (f) => [at('slo/sli', f, 'app_queue_depth\n', 2)],
  },
  {
    name: 'slo/sli: an expression without {{window}} is flagged: monc cannot count its events',
    file: service(slo({ sli: '      ratio:\n        errors: sum(app_requests_total{code=~"5.."})\n        total: app_requests_total\n' })),
    expected: (f) => [at('slo/sli', f, 'sum(app_requests_total')],
  },
  {
    name: 'slo/sli: a latency SLI on a counter is flagged at the histogram',
    file: service(slo({ sli: '      latency: { histogram: app_requests_total, threshold: 0.5 }\n' })),
    expected: (f) => [at('slo/sli', f, 'app_requests_total, threshold')],
  },
  { name: 'slo/sli: grouping by a label the SLI does not have is flagged at the label', file: service(slo({ more: '    groupBy: [endpoint]\n' })), expected: (f) => [at('slo/sli', f, 'endpoint')] },
  {
    name: 'slo/tier: a new tier without windows or threshold is flagged at its name',
    file: service(slo({ more: '    alerting:\n      tiers:\n        page-fast: { severity: page }\n' })),
    expected: (f) => [at('slo/tier', f, 'page-fast')],
  },
  {
    name: 'slo/tier: both budgetPercent and factor are flagged at factor',
    file: service(slo({ more: '    alerting:\n      tiers:\n        page-1h: { budgetPercent: 2, factor: 14.4 }\n' })),
    expected: (f) => [at('slo/tier', f, '14.4')],
  },
  {
    name: 'slo/tier: a short window as long as the long one, and off the 5m grid, is flagged at the short window',
    file: service(slo({ more: '    alerting:\n      tiers:\n        page-1h: { shortWindow: 61m }\n' })),
    expected: (f) => [at('slo/tier', f, '61m'), at('slo/tier', f, '61m')],
  },
  {
    name: 'slo/tier: a 2d window leaves the default 3-day ticket nothing to look back over, flagged at the window',
    file: service(slo({ objective: '99', window: '2d' })),
    expected: (f) => [at('slo/tier', f, '2d')],
  },
  { name: 'slo/tier: the same SLO with that tier switched off passes', file: service(slo({ objective: '99', window: '2d', more: '    alerting:\n      tiers:\n        ticket-3d: false\n' })), expected: () => [] },
  {
    name: 'catalog/unknown-metric: a typo in an SLI selector is flagged inside the query',
    file: service(slo({ sli: '      ratio:\n        errors: app_request_total{code=~"5.."}\n        total: app_requests_total\n' })),
    expected: (f) => [at('catalog/unknown-metric', f, 'app_request_total')],
  },
  {
    name: 'catalog/unknown-label: a typo in a {{window}} expression is flagged inside it',
    file: service(slo({ sli: '      ratio:\n        errors: sum(increase(app_requests_total{cod=~"5.."}[{{window}}]))\n        total: sum(increase(app_requests_total[{{window}}]))\n' })),
    expected: (f) => [at('catalog/unknown-label', f, 'cod=')],
  },
];

describe('SLO checks', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const config = c.config ?? RETENTION_30D;
    const { diagnostics } = await lintJson({ [F]: c.file, ...(config ? { 'monc.config.yaml': config } : {}) });
    expect(diagnostics.map(where).sort()).toEqual(c.expected(c.file).sort());
  });
});
