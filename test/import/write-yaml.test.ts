/** The YAML monc import writes: what a person would write, the same every time, and read back by monc as it was meant. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compile } from '../../src/compile.ts';
import { writeYaml } from '../../src/import/write-yaml.ts';
import { SERVICE } from '../helpers/written-service.ts';

const METRICS = {
  metrics: [{ labels: { method: { values: ['GET', 'on'] }, code: { description: 'Values seen: 500' } }, exporter: 'checkout', help: 'Requests.', type: 'counter', name: 'checkout_requests_total' }],
};

const comments = new Map([
  ['alerts.0', ['from rules/checkout.yml:12']],
  ['alerts.0.summary', ['monc-disable-next-line catalog/template-label -- the expression keeps no instance']],
  ['recordingRules.0', ['from rules/checkout.yml:5']],
]);

const service = () => writeYaml({ kind: 'Service', spec: SERVICE, comments }, { schemaDir: '../schemas', header: ['Imported by monc import from rules/checkout.yml.'] });

describe('the YAML monc import writes', () => {
  it('starts with the schema modeline and the header, then kind, with the keys in the order of the docs and comments above the parts', () => {
    expect(service()).toBe(`# yaml-language-server: $schema=../schemas/service.schema.json
#
# Imported by monc import from rules/checkout.yml.
kind: Service
name: checkout
team: payments
recordingRules:
  # from rules/checkout.yml:5
  - record: job:checkout_requests:rate5m
    expr: sum by (job) (rate(checkout_requests_total[5m]))
alerts:
  # from rules/checkout.yml:12
  - name: CheckoutHighErrorRate
    expr: |
      sum(rate(checkout_requests_total{code=~"5.."}[5m]))
        / sum(rate(checkout_requests_total[5m])) > 0.05
    for: 5m
    severity: critical
    # monc-disable-next-line catalog/template-label -- the expression keeps no instance
    summary: "{{ $labels.instance }} fails"
    labels:
      component: api
      priority: "1"
    annotations:
      dashboard: https://grafana.example.com/d/checkout
`);
  });

  it('writes label domains inline, as the seed definitions do', () => {
    const text = writeYaml({ kind: 'Metrics', spec: METRICS, comments: new Map() }, { schemaDir: '../schemas', header: [] });
    expect(text).toBe(`# yaml-language-server: $schema=../schemas/metrics.schema.json
kind: Metrics
metrics:
  - name: checkout_requests_total
    type: counter
    help: Requests.
    exporter: checkout
    labels:
      method: { values: [ GET, "on" ] }
      code: { description: "Values seen: 500" }
`);
  });

  it('is the same for the same definitions, whatever order their keys were built in', () => {
    const reversed = Object.fromEntries(Object.entries(SERVICE).reverse());
    expect(writeYaml({ kind: 'Service', spec: reversed, comments }, { schemaDir: '../schemas', header: ['Imported by monc import from rules/checkout.yml.'] })).toBe(service());
  });

  it('reads back as the definitions it was written from, and monc loads it without a load error', async () => {
    const metrics = writeYaml({ kind: 'Metrics', spec: METRICS, comments: new Map() }, { schemaDir: '../schemas', header: [] });
    const expr = `${SERVICE.alerts[0]?.expr}\n`;
    expect(parse(service())).toEqual({ kind: 'Service', ...SERVICE, alerts: [{ ...SERVICE.alerts[0], expr }] });
    expect(parse(metrics)).toEqual({ kind: 'Metrics', ...METRICS });
    const result = await compile({
      definitionsDir: 'definitions',
      sources: [
        { path: 'definitions/checkout.yaml', bytes: new TextEncoder().encode(service()) },
        { path: 'definitions/checkout-metrics.yaml', bytes: new TextEncoder().encode(metrics) },
      ],
      emit: false,
    });
    expect(result.diagnostics.filter((d) => d.check.startsWith('load/') || d.check.startsWith('config/'))).toEqual([]);
    expect(result.diagnostics.filter((d) => d.check === 'catalog/template-label')).toEqual([]);
  });
});
