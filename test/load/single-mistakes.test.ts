/**
 * One mistake, one finding: a project that lints clean, with one mistake made in one place,
 * reports that mistake and nothing it causes. A definition with an error keeps every part
 * that is still valid, and a name that a rejected or unreadable definition may declare is
 * never reported as unknown elsewhere (catalog/*, routing/*, alert/dashboard).
 */
import { describe, expect, it } from 'vitest';
import { at } from '../helpers/fragments.ts';
import { lint } from '../helpers/lint.ts';
import { where, type Files } from '../helpers/project.ts';

const CATALOG = 'definitions/catalog.yaml';
const SHOP = 'definitions/shop.yaml';
const ROUTING = 'definitions/routing.yaml';
const DASHBOARD = 'definitions/dashboard.yaml';
const CONFIG = 'monc.config.yaml';
const TS = 'definitions/queue.ts';

const BASE: Readonly<Record<string, string>> = {
  [CONFIG]: `prometheus:
  retention: 30d
  scrapeInterval: 15s
grafana:
  url: https://grafana.example.com
`,
  [CATALOG]: `kind: Metrics
metrics:
  - name: shop_requests_total
    type: counter
    help: HTTP requests handled by the shop.
    labels:
      code: { values: ["200", "500"] }
  - name: shop_latency_seconds
    type: histogram
    help: Request latency.
    unit: seconds
    buckets: [0.1, 0.5, 1]
---
kind: Metrics
metrics:
  - name: shop_orders_total
    type: counter
    help: Orders placed.
`,
  [SHOP]: `kind: Service
name: shop
team: payments
scrape:
  targets: ["shop:8080"]
metrics:
  - name: shop_queue_depth
    type: gauge
    help: Orders waiting.
recordingRules:
  - record: job:shop_requests:rate5m
    expr: sum by (job) (rate(shop_requests_total[5m]))
alerts:
  - name: ShopErrors
    expr: sum by (job) (rate(shop_requests_total{code="500"}[5m])) / job:shop_requests:rate5m > 0.05
    for: 5m
    severity: critical
    summary: Shop requests fail
    runbook: https://runbooks.example.com/shop-errors
    dashboard: shop
  - name: ShopQueueLong
    expr: shop_queue_depth > 100 and sum(rate(shop_orders_total[5m])) > 0
    for: 15m
    severity: warning
    summary: Orders queue up
    runbook: https://runbooks.example.com/shop-queue
slos:
  - name: availability
    objective: 99.9
    sli:
      ratio:
        errors: shop_requests_total{code="500"}
        total: shop_requests_total
`,
  [ROUTING]: `kind: Routing
route:
  receiver: chat
  groupBy: [alertname]
  routes:
    - { severity: critical, receiver: pager }
    - { severity: warning, receiver: chat, muteTimeIntervals: [nights] }
receivers:
  - name: pager
    webhook: [{ url: "http://127.0.0.1:9/pager" }]
  - name: chat
    webhook: [{ url: "http://127.0.0.1:9/chat" }]
timeIntervals:
  - name: nights
    intervals: [{ times: [{ start: "00:00", end: "06:00" }] }]
`,
  [DASHBOARD]: `kind: Dashboard
id: shop
title: Shop
rows:
  - title: Traffic
    panels:
      - title: Requests
        description: Requests per second.
        type: timeseries
        unit: reqps
        queries: [{ expr: 'sum(rate(shop_requests_total[$__rate_interval]))' }]
      - title: Queue
        description: Orders waiting.
        type: timeseries
        unit: short
        queries: [{ expr: 'max(shop_queue_depth) + sum(rate(shop_orders_total[$__rate_interval]))' }]
`,
};

/** The TS variant: the orders counter declared in TS, the YAML catalog without it. */
const WITH_TS: Readonly<Record<string, string>> = {
  ...BASE,
  [CATALOG]: (BASE[CATALOG] ?? '').replace(/---\n[\s\S]*$/, ''),
  [TS]: `import { defineMetric } from 'monc';

defineMetric({
  name: 'shop_orders_total',
  type: 'counter',
  help: 'Orders placed.',
});
`,
};

/** `base` with `before` replaced by `after` in `file`; fails loudly when `before` is not there. */
function edit(base: Readonly<Record<string, string>>, file: string, before: string, after: string): Record<string, string> {
  const text = base[file] ?? '';
  if (!text.includes(before)) throw new Error(`"${before}" is not in ${file}`);
  return { ...base, [file]: text.replace(before, after) };
}

interface Case {
  readonly name: string;
  readonly files: Files;
  /** Every finding above info, as where() prints it. */
  readonly expected: (files: Files) => readonly string[];
  /** A fragment of the message of the first finding. */
  readonly says?: string;
}

const text = (files: Files, file: string) => String(files[file] ?? '');
const one = (check: string, file: string, needle: string, nth = 1) => (files: Files) => [at(check, file, text(files, file), needle, nth)];

const CASES: readonly Case[] = [
  {
    name: 'A YAML syntax error in the metrics catalog is reported alone: the metrics it declares are not unknown in alerts, SLOs or dashboards.',
    files: edit(BASE, CATALOG, '    help: HTTP requests handled by the shop.\n', '    help: HTTP requests handled by the shop.\n   bad: [\n'),
    expected: (f) => [at('load/yaml', CATALOG, text(f, CATALOG), '   bad: [')],
  },
  {
    name: 'A YAML syntax error in one document of a file leaves the other documents loaded.',
    files: edit(BASE, CATALOG, '  - name: shop_orders_total\n', '  - name: shop_orders_total\n   x: : y\n'),
    expected: (f) => [at('load/yaml', CATALOG, text(f, CATALOG), '   x: : y')],
  },
  {
    name: 'A metric with a wrong type is reported at the type; its uses elsewhere are not reported.',
    files: edit(BASE, CATALOG, 'type: counter\n    help: HTTP', 'type: countr\n    help: HTTP'),
    expected: one('load/schema', CATALOG, 'countr'),
  },
  {
    name: 'A metric whose label domain is malformed is reported; the alerts, the SLO and the dashboard that read it are not.',
    files: edit(BASE, CATALOG, 'code: { values: ["200", "500"] }', 'code: { values: 200 }'),
    expected: one('load/schema', CATALOG, '200'),
  },
  {
    name: 'A misspelt alert key is reported with the key it meant, and nothing follows from the alert it breaks.',
    files: edit(BASE, SHOP, '    summary: Orders queue up', '    sumary: Orders queue up'),
    expected: one('load/schema', SHOP, 'sumary'),
    says: 'unknown property "sumary"; did you mean "summary"?',
  },
  {
    name: "A snake_case key gets its camelCase spelling as the suggestion.",
    files: edit(BASE, SHOP, '    for: 15m\n', '    for: 15m\n    keep_firing_for: 5m\n'),
    expected: one('load/schema', SHOP, 'keep_firing_for'),
    says: 'did you mean "keepFiringFor"?',
  },
  {
    name: 'An alert with a bad duration is reported alone: its service still declares its metrics and its routes still see an alert.',
    files: edit(BASE, SHOP, '    for: 15m', '    for: 15 minutes'),
    expected: one('load/schema', SHOP, '15 minutes'),
  },
  {
    name: 'A recording rule with an invalid name is reported; the alert that reads the series it records is not.',
    files: edit(BASE, SHOP, '  - record: job:shop_requests:rate5m', '  - record: job shop requests'),
    expected: one('load/schema', SHOP, 'job shop requests'),
  },
  {
    name: 'An SLO with an objective that is not a number is reported alone.',
    files: edit(BASE, SHOP, '    objective: 99.9', '    objective: high'),
    expected: one('load/schema', SHOP, 'high'),
  },
  {
    name: 'A service without its team is reported; the metrics it declares are not unknown in the dashboard.',
    files: edit(BASE, SHOP, 'team: payments\n', ''),
    expected: (f) => [at('load/schema', SHOP, text(f, SHOP), 'kind')],
  },
  {
    name: 'A misspelt kind is reported at the kind; the names in the document are not reported as unknown.',
    files: edit(BASE, SHOP, 'kind: Service', 'kind: Servce'),
    expected: one('load/schema', SHOP, 'Servce'),
  },
  {
    name: 'A receiver with a missing URL is reported; the route that names it is not.',
    files: edit(BASE, ROUTING, '    webhook: [{ url: "http://127.0.0.1:9/pager" }]', '    webhook: [{ }]'),
    expected: one('load/schema', ROUTING, '{ }'),
  },
  {
    name: 'A time interval with a bad time is reported; the route that mutes with it is not.',
    files: edit(BASE, ROUTING, 'intervals: [{ times: [{ start: "00:00", end: "06:00" }] }]', 'intervals: [{ times: [{ start: 0, end: "06:00" }] }]'),
    expected: one('load/schema', ROUTING, '0,'),
  },
  {
    name: 'A dashboard panel of an unknown type is reported; the alert that links the dashboard is not.',
    files: edit(BASE, DASHBOARD, '        type: timeseries\n        unit: short', '        type: pie\n        unit: short'),
    expected: one('load/schema', DASHBOARD, 'pie'),
  },
  {
    name: 'A misspelt config key is reported with the key it meant; the retention next to it still counts, so the 30d SLO fits.',
    files: edit(BASE, CONFIG, '  scrapeInterval: 15s', '  scrape_interval: 15s'),
    expected: one('load/schema', CONFIG, 'scrape_interval'),
    says: 'did you mean "scrapeInterval"?',
  },
  {
    name: 'A bad config value is reported, and only that setting falls back to its default.',
    files: edit(BASE, CONFIG, '  scrapeInterval: 15s', '  scrapeInterval: fast'),
    expected: one('load/schema', CONFIG, 'fast'),
  },
  {
    name: 'A file that is not UTF-8 is reported; the metrics it may declare are not unknown elsewhere.',
    files: { ...BASE, [CATALOG]: Buffer.concat([Buffer.from((BASE[CATALOG] ?? '').slice(0, 20)), Buffer.from([0xff]), Buffer.from((BASE[CATALOG] ?? '').slice(20))]) },
    expected: () => ['load/encoding@definitions/catalog.yaml:2:7'],
  },
  {
    name: 'A TS definition with a type error is reported alone: what it evaluated still declares the metric.',
    files: edit(WITH_TS, TS, "  help: 'Orders placed.',", "  help: 5,"),
    expected: one('ts/type-error', TS, 'help'),
  },
  {
    name: 'A TS definition that throws is reported alone: the metric it would declare is not unknown in YAML.',
    files: edit(WITH_TS, TS, "defineMetric({", "throw new Error('not today');\ndefineMetric({"),
    expected: (f) => [at('ts/load-error', TS, text(f, TS), 'new Error')],
  },
  {
    name: 'A real mistake still reports: a misspelt metric in an alert is one catalog finding.',
    files: edit(BASE, SHOP, 'expr: shop_queue_depth > 100', 'expr: shop_queue_dept > 100'),
    expected: one('catalog/unknown-metric', SHOP, 'shop_queue_dept '),
  },
];

describe('one mistake, one finding', () => {
  it('the base project lints clean', async () => {
    expect((await lint(BASE)).filter((d) => d.severity !== 'info').map(where)).toEqual([]);
    expect((await lint(WITH_TS)).filter((d) => d.severity !== 'info').map(where)).toEqual([]);
  });

  it.each(CASES)('$name', async ({ files, expected, says }) => {
    const diagnostics = (await lint(files)).filter((d) => d.severity !== 'info');
    expect(diagnostics.map(where)).toEqual(expected(files));
    if (says) expect(diagnostics[0]?.message).toContain(says);
  });
});
