/** The rules importer: how each part of a rule file becomes a service, and what it reports where. */
import { describe, expect, it } from 'vitest';
import type { ImportInput } from '../../src/import/import.ts';
import { importFiles } from '../helpers/import.ts';

const FILE = 'rules/shop.yml';

function importRules(text: string, options: Partial<ImportInput> = {}) {
  const { output, definitions, diagnostics } = importFiles('rules', { [FILE]: text }, options);
  return { services: definitions, findings: diagnostics.map((d) => `${d.check}@${d.line}:${d.column}`), output };
}

const alertsOf = (service: Record<string, unknown> | undefined) => (service?.['alerts'] ?? []) as Record<string, unknown>[];

const group = (fields: string, rules: string) => `groups:\n  - name: shop\n${fields}    rules:\n${rules}`;
const ALERT = '      - alert: ShopDown\n        expr: shop_up == 0\n        labels: { severity: critical, team: web }\n';

describe('monc import rules', () => {
  it('moves severity, summary, description and runbook_url to their fields and keeps every other label and annotation', () => {
    const { services } = importRules(
      group(
        '',
        '      - alert: ShopDown\n        expr: shop_up == 0\n        for: 5m\n        keep_firing_for: 10m\n' +
          '        labels: { severity: critical, team: web, tier: "1" }\n' +
          '        annotations: { summary: Down, description: "{{ $value }} down", runbook_url: https://r.example/down, runbook: https://old.example/down, dashboard: d }\n',
      ),
    );
    expect(services[0]?.['alerts']).toEqual([
      {
        name: 'ShopDown',
        expr: 'shop_up == 0',
        for: '5m',
        keepFiringFor: '10m',
        severity: 'critical',
        summary: 'Down',
        description: '{{ $value }} down',
        runbook: 'https://r.example/down',
        labels: { tier: '1' },
        annotations: { runbook: 'https://old.example/down', dashboard: 'd' },
      },
    ]);
    expect(services[0]?.['team']).toBe('web');
  });

  it('imports a description quoted over lines no deeper than its key, as Prometheus reads it', () => {
    const { services, findings } = importRules(
      group('', "      - alert: ShopDown\n        expr: shop_up == 0\n        labels: { severity: critical, team: web }\n        annotations:\n          description: 'The shop is down\n          in ''{{ $labels.region }}'''\n"),
    );
    expect(findings.filter((finding) => finding.startsWith('load/'))).toEqual([]);
    expect(alertsOf(services[0])[0]?.['description']).toBe("The shop is down in '{{ $labels.region }}'");
  });

  it('keeps a team label when the alerts do not agree on one, and then names the team from --team', () => {
    const { services } = importRules(group('', `${ALERT}      - alert: ShopSlow\n        expr: shop_latency > 1\n        labels: { severity: warning }\n`), { team: 'shop' });
    expect(services[0]?.['team']).toBe('shop');
    expect(alertsOf(services[0]).map((a) => a['labels'])).toEqual([{ team: 'web' }, undefined]);
  });

  it("puts a PrometheusRule group's labels on each of its rules, under the rule's own", () => {
    const text = `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: shop }\nspec:\n  groups:\n    - name: shop\n      labels: { env: prod, tier: "2" }\n      rules:\n        - record: shop:up:sum\n          expr: sum(shop_up)\n          labels: { tier: "1" }\n`;
    expect(importRules(text).services[0]?.['recordingRules']).toEqual([{ record: 'shop:up:sum', expr: 'sum(shop_up)', labels: { env: 'prod', tier: '1' } }]);
  });

  it("carries the groups' query_offset and partial_response_strategy to the service's ruler when the groups agree, and reports a group that differs", () => {
    const text = `groups:\n  - name: a\n    query_offset: 1m\n    partial_response_strategy: warn\n    rules:\n${ALERT}  - name: b\n    query_offset: 2m\n    partial_response_strategy: warn\n    rules:\n      - record: shop:up:sum\n        expr: sum(shop_up)\n`;
    const { services, findings } = importRules(text);
    expect(services[0]?.['ruler']).toEqual({ queryOffset: '1m', partialResponseStrategy: 'warn' });
    expect(findings.filter((f) => f.startsWith('import/loss'))).toEqual(['import/loss@10:5']);
  });

  it('reports a group interval and limit at their keys, and still imports the rules', () => {
    const { services, findings } = importRules(group('    interval: 30s\n    limit: 100\n', ALERT));
    expect(alertsOf(services[0]).length).toBe(1);
    expect(findings.filter((f) => f.startsWith('import/loss'))).toEqual(['import/loss@3:5', 'import/loss@4:5']);
  });

  it('imports an alert name monc does not take under a CamelCase name, with a loss at the name', () => {
    const { services, findings } = importRules(group('', '      - alert: Disk-Full(>90%)\n        expr: disk_used > 0.9\n        labels: { severity: warning }\n'));
    expect(alertsOf(services[0])[0]?.['name']).toBe('DiskFull90');
    expect(findings).toContain('import/loss@4:16');
  });

  it('does not import a rule whose expression monc cannot parse, nor one promtool rejects, and says so at the rule', () => {
    const { services, findings } = importRules(
      group('', `${ALERT}      - alert: Broken\n        expr: rate(shop_requests_total[5m]\n      - record: bad-name\n        expr: sum(shop_up)\n`),
    );
    expect(alertsOf(services[0]).map((a) => a['name'])).toEqual(['ShopDown']);
    expect(services[0]?.['recordingRules']).toBeUndefined();
    expect(findings).toEqual(expect.arrayContaining(['import/loss@8:15', 'rulefmt/record-name@9:17']));
  });

  it('silences alert/severity on an alert without a monc severity, and reports it there', () => {
    const { output, findings } = importRules(group('', '      - alert: ShopDown\n        expr: shop_up == 0\n      - alert: ShopSlow\n        expr: shop_latency > 1\n        labels: { severity: page }\n'));
    const text = output.files[0]?.text ?? '';
    expect(text).toContain('  # monc-disable-next-line alert/severity -- imported without a severity label\n  - name: ShopDown\n');
    expect(text).toContain('    # monc-disable-next-line alert/severity -- imported with severity "page"\n    severity: page\n');
    expect(findings.filter((f) => f.startsWith('import/kept-problem'))).toEqual(['import/kept-problem@4:16', 'import/kept-problem@8:29']);
  });

  it('--service-per group makes a service of each group, named after it', () => {
    const text = `groups:\n  - name: shop.rules\n    rules:\n${ALERT}  - name: ShopCheckout\n    rules:\n      - record: shop:up:sum\n        expr: sum(shop_up)\n`;
    expect(importRules(text, { servicePer: 'group' }).services.map((s) => s['name'])).toEqual(['shop', 'shop-checkout']);
  });

  it('names a service after its file, in lowercase words joined by "-", and numbers a name the definitions already use', () => {
    const existing = { services: new Set(['kube-state-metrics']), alerts: new Set<string>(), recordings: new Set<string>(), known: () => undefined };
    const { output } = importFiles('rules', { 'rules/kubeStateMetrics-prometheusRule.spec.rules.yaml': group('', ALERT) }, { existing });
    expect(output.files.map((f) => f.path)).toEqual(['definitions/kube-state-metrics-2.yaml', 'definitions/kube-state-metrics-2-metrics.yaml']);
  });
});
