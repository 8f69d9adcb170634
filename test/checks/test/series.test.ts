/** test/series: every input series of a written promtool test is a declared or recorded metric with its declared labels. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where, type Files } from '../../helpers/project.ts';

const ID = 'test/series';
const F = 'definitions/shop.yaml';

/** The shop service with a recording rule and one test feeding `series` (each a YAML-quoted string). */
const service = (...series: string[]) => `kind: Service
name: shop
team: payments
metrics:
  - { name: shop_requests_total, type: counter, help: Requests., labels: { code: { values: ["200", "500"] } } }
recordingRules:
  - { record: "job:shop_requests:rate5m", expr: "sum by (job) (rate(shop_requests_total[5m]))" }
alerts:
  - name: ShopErrors
    expr: sum(rate(shop_requests_total{code="500"}[5m])) > 1
    for: 5m
    severity: critical
    summary: Errors
    runbook: https://runbooks.example.com/shop-errors
tests:
  - name: errors fire
    inputSeries:
${series.map((s) => `      - { series: ${s}, values: "0+600x20" }\n`).join('')}    alertRuleTests:
      - { evalTime: 15m, alertname: ShopErrors, expAlerts: [{ expLabels: {} }] }
`;

interface Case {
  readonly name: string;
  readonly files: Files;
  readonly expected: (files: Files) => readonly string[];
}

const f = (files: Files) => String(files[F]);

const CASES: readonly Case[] = [
  { name: 'A declared metric with a declared label passes.', files: { [F]: service(`'shop_requests_total{code="500"}'`) }, expected: () => [] },
  { name: 'The target labels job and instance pass on every metric.', files: { [F]: service(`'shop_requests_total{code="500", job="shop", instance="a:1"}'`) }, expected: () => [] },
  { name: 'A recorded series and a built-in one (up) pass.', files: { [F]: service(`'job:shop_requests:rate5m{job="shop"}'`, `'up{job="shop"}'`) }, expected: () => [] },
  { name: 'A misspelt metric is reported at the metric name.', files: { [F]: service(`'shop_request_total{code="500"}'`) }, expected: (x) => [at(ID, F, f(x), 'shop_request_total')] },
  { name: 'A label the metric does not have is reported at the label.', files: { [F]: service(`'shop_requests_total{cod="500"}'`) }, expected: (x) => [at(ID, F, f(x), 'cod=')] },
  { name: 'A series that is not a selector is reported at the string.', files: { [F]: service(`'rate(shop_requests_total[5m])'`) }, expected: (x) => [at(ID, F, f(x), "'rate(")] },
  {
    name: 'A metric declared in a file that failed to load is not reported: the load finding says what to fix.',
    files: { [F]: service(`'shop_orders_total'`), 'definitions/orders.yaml': 'kind: Metrics\nmetrics:\n  - { name: shop_orders_total, type: countr, help: Orders. }\n' },
    expected: () => [],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('suggests the metric and the label meant', async () => {
    const diagnostics = await lint({ [F]: service(`'shop_request_total'`, `'shop_requests_total{cod="500"}'`) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'no definition declares or records "shop_request_total", so no rule reads this series; did you mean "shop_requests_total"?',
      'shop_requests_total has no label "cod"; did you mean "code"?',
    ]);
  });
});
