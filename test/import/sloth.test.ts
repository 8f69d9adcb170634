/** The Sloth importer: how each part of a Sloth spec becomes a service's SLOs, and what it reports where. */
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { SloSpec } from '../../src/api/types.gen.ts';
import type { ImportInput } from '../../src/import/import.ts';
import { IMPORTERS } from '../../src/import/registry.ts';
import { SourceText } from '../../src/load/source-text.ts';
import { YAML_OPTIONS } from '../../src/load/yaml.ts';
import { importFiles } from '../helpers/import.ts';

const FILE = 'slos/shop.yml';

function importSloth(text: string, options: Partial<ImportInput> = {}) {
  const { output, diagnostics } = importFiles('sloth', { [FILE]: text }, options);
  const services = output.files.filter((f) => /^kind: Service$/m.test(f.text)).map((f) => parse(f.text) as Record<string, unknown>);
  const slos = (services[0]?.['slos'] ?? []) as SloSpec[];
  // The findings about the spec itself: not the team nor the inferred metrics, which runImport reports for every importer.
  const own = diagnostics.filter((d) => !/names no team|is declared as/.test(d.message));
  return { services, slos, findings: own.map((d) => `${d.check}@${d.line}:${d.column}`), messages: own.map((d) => d.message), output };
}

/** A prometheus/v1 spec of service shop, with `slo` as its one SLO. */
const spec = (slo: string, top = '') => `version: prometheus/v1\nservice: shop\n${top}slos:\n${slo}`;
const EVENTS =
  '    sli:\n      events:\n        error_query: sum(rate(http_requests_total{job="shop",code=~"5.."}[{{.window}}]))\n        total_query: sum(rate(http_requests_total{job="shop"}[{{.window}}]))\n';
/** An SLO named requests with events (lines 4-9), then `alerting`. */
const slo = (alerting = '', head = '  - name: requests\n    objective: 99.9\n') => `${head}${EVENTS}${alerting}`;
const RATIO = { ratio: { errors: 'sum(increase(http_requests_total{job="shop",code=~"5.."}[{{window}}]))', total: 'sum(increase(http_requests_total{job="shop"}[{{window}}]))' } };

describe('monc import sloth: the spec formats', () => {
  it('imports a prometheus/v1 spec as a service of its name with one SLO per Sloth SLO, and its events as a ratio counted with increase() over {{window}}', () => {
    const { services, slos, findings, output } = importSloth(spec(slo('', '  - name: requests\n    objective: 99.9\n    description: Most requests succeed.\n')));
    expect(services.map((s) => s['name'])).toEqual(['shop']);
    expect(slos).toEqual([{ name: 'requests', description: 'Most requests succeed.', objective: 99.9, sli: RATIO }]);
    expect(findings).toEqual([]);
    expect(output.files[0]?.text).toContain('slos:\n  # from slos/shop.yml:4\n  - name: requests\n');
  });

  it('imports a PrometheusServiceLevel object with its camelCase keys as the same SLO, and reports the namespace it does not carry over', () => {
    const text =
      'apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata:\n  name: shop\n  namespace: monitoring\nspec:\n  service: shop\n  slos:\n    - name: requests\n      objective: 99.9\n      sli:\n        events:\n' +
      '          errorQuery: sum(rate(http_requests_total{job="shop",code=~"5.."}[{{.window}}]))\n          totalQuery: sum(rate(http_requests_total{job="shop"}[{{.window}}]))\n' +
      '      alerting:\n        name: ShopErrors\n        pageAlert:\n          labels: { severity: critical }\n        ticketAlert:\n          disable: true\n';
    const { slos, findings, messages } = importSloth(text);
    expect(slos).toEqual([
      {
        name: 'requests',
        objective: 99.9,
        sli: RATIO,
        alerting: { tiers: { 'ticket-1d': false, 'ticket-3d': false }, pageSeverity: 'critical', pageAlert: 'ShopErrors' },
      },
    ]);
    expect(findings).toEqual(['import/loss@3:1']);
    expect(messages[0]).toMatch(/^the PrometheusServiceLevel's namespace is not carried over/);
  });

  it('imports each document of a multi-document file as a service of its own', () => {
    const { services } = importSloth(`${spec(slo())}---\n${spec(slo()).replace('service: shop', 'service: cart')}`);
    expect(services.map((s) => s['name'])).toEqual(['shop', 'cart']);
  });
});

describe('monc import sloth: SLIs', () => {
  const raw = (query: string) => spec(`  - name: requests\n    objective: 99\n    sli:\n      raw:\n        error_ratio_query: |\n          ${query}\n`);

  it.each([
    [
      'a ratio of bad to all events as errors over total',
      'sum(rate(http_requests_total{code=~"5.."}[{{.window}}])) / sum(rate(http_requests_total[{{.window}}]))',
      { errors: 'sum(increase(http_requests_total{code=~"5.."}[{{window}}]))', total: 'sum(increase(http_requests_total[{{window}}]))' },
    ],
    [
      'one minus a ratio of good to all events as good over total',
      '1 - (sum(rate(http_requests_total{code!~"5.."}[{{.window}}])) / sum(rate(http_requests_total[{{.window}}])))',
      { good: 'sum(increase(http_requests_total{code!~"5.."}[{{window}}]))', total: 'sum(increase(http_requests_total[{{window}}]))' },
    ],
    [
      'a ratio guarded against no traffic and with a fallback, without the guard and the fallback',
      '(sum(increase(jobs_failed_total[{{.window}}])) / (sum(increase(jobs_total[{{.window}}])) > 0)) or on() vector(0)',
      { errors: 'sum(increase(jobs_failed_total[{{window}}]))', total: 'sum(increase(jobs_total[{{window}}]))' },
    ],
  ])('imports a raw error ratio that is %s, with a guess to confirm at the sli', (_name, query, ratio) => {
    const { slos, findings, messages } = importSloth(raw(query));
    expect(slos[0]?.sli).toEqual({ ratio });
    expect(findings).toEqual(['import/guess@7:7']);
    expect(messages[0]).toMatch(/^the raw error ratio is imported as the ratio of its (bad|good) events to all events/);
  });

  it.each([
    ['an average of ratios', 'avg_over_time(slo:errors:ratio[{{.window}}])', /this one does not, and a ratio cannot be summed over monc's windows/],
    ['a ratio of rates averaged per series', 'avg(rate(errors_total[{{.window}}])) / avg(rate(requests_total[{{.window}}]))', /aggregates with avg/],
    ['a ratio of gauges', 'sum(queue_errors) / sum(queue_size)', /does not use \{\{\.window\}\}/],
    ['a ratio of maxima over the window', 'max_over_time(errors[{{.window}}]) / max_over_time(total[{{.window}}])', /takes max_over_time\(\) over the window/],
  ])('refuses a raw error ratio that is %s, at the query, and writes no service', (_name, query, why) => {
    const { services, findings, messages } = importSloth(raw(query));
    expect(services).toEqual([]);
    expect(findings).toEqual(['import/loss@4:3', 'import/loss@8:28']);
    expect(messages[0]).toBe('service "shop" has no SLO monc can import: it is not written');
    expect(messages[1]).toMatch(why);
  });

  it('refuses events whose queries do not count over {{.window}}, at the error query', () => {
    const { services, findings, messages } = importSloth(spec(slo().replaceAll('[{{.window}}]', '[5m]')));
    expect(services).toEqual([]);
    expect(findings).toEqual(['import/loss@4:3', 'import/loss@8:22']);
    expect(messages[1]).toMatch(/^SLO "requests" is not imported: Sloth counts events over \{\{\.window\}\}/);
  });

  const plugin = (id: string, options: string) => spec(`  - name: requests\n    objective: 99.5\n    sli:\n      plugin:\n        id: ${id}\n        options:\n${options}`);

  it.each([
    [
      'an availability plugin as events of its metric',
      'sloth-common/kubernetes/apiserver/availability',
      '          filter: verb!="WATCH"\n',
      { ratio: { errors: 'sum(increase(apiserver_request_total{verb!="WATCH",code=~"(5..|429)"}[{{window}}]))', total: 'sum(increase(apiserver_request_total{verb!="WATCH"}[{{window}}]))' } },
    ],
    [
      'a latency plugin as a latency SLI with its bucket as the threshold',
      'sloth-common/slok-go-http-metrics/latency',
      '          filter: handler="/api"\n          bucket: "0.25"\n          exclude_errors: "true"\n',
      { latency: { histogram: 'http_request_duration_seconds{handler="/api",code!~"5.."}', threshold: 0.25 } },
    ],
    ['the targets availability plugin as an availability SLI of up', 'sloth-common/prometheus/targets/availability', '          filter: job="shop"\n', { availability: { up: 'up{job="shop"}' } }],
  ])('imports %s', (_name, id, options, sli) => {
    const { slos, findings } = importSloth(plugin(id, options));
    expect(slos[0]?.sli).toEqual(sli);
    expect(findings).toEqual([]);
  });

  it('refuses a plugin without an option it requires, as Sloth does, at its id', () => {
    const { services, findings, messages } = importSloth(plugin('sloth-common/traefik/v2/availability', '          filter: method="GET"\n'));
    expect(services).toEqual([]);
    expect(findings).toEqual(['import/loss@4:3', 'import/loss@8:13']);
    expect(messages[1]).toBe('SLO "requests" is not imported: the plugin needs option service_name_regex, as Sloth does');
  });

  it('imports a plugin with an option it does not read, and reports the option at its key', () => {
    const { slos, findings, messages } = importSloth(plugin('sloth-common/coredns/availability', '          filter: server="dns"\n          window: 5m\n'));
    expect(slos[0]?.sli).toEqual({ ratio: { errors: 'sum(increase(coredns_dns_responses_total{server="dns",rcode=~"SERVFAIL"}[{{window}}]))', total: 'sum(increase(coredns_dns_responses_total{server="dns"}[{{window}}]))' } });
    expect(findings).toEqual(['import/loss@11:11']);
    expect(messages[0]).toBe('option window is not one plugin "sloth-common/coredns/availability" reads (Sloth ignores it too): not imported');
  });

  it('refuses a plugin monc does not know at its id, and says to write its queries as events', () => {
    const { services, findings, messages } = importSloth(plugin('sloth.dev/example/custom/v1', '          filter: x="y"\n'));
    expect(services).toEqual([]);
    expect(findings).toEqual(['import/loss@4:3', 'import/loss@8:13']);
    expect(messages[1]).toMatch(/^SLO "requests" is not imported: SLI plugin "sloth.dev\/example\/custom\/v1" is not one monc knows: .*write this SLI's error and total queries as events instead$/);
  });

  it('reports a contrib SLO plugin, which changes Sloth\'s rules, and still imports the SLO', () => {
    const { slos, findings, messages } = importSloth(
      spec(slo(), 'slo_plugins:\n  chain:\n    - id: sloth.dev/core/sli_rules/v1\n    - id: sloth.dev/contrib/error_budget_exhausted_alert/v1\n'),
    );
    expect(slos.map((s) => s.name)).toEqual(['requests']);
    expect(findings).toEqual(['import/loss@6:11']);
    expect(messages[0]).toBe('SLO plugin "sloth.dev/contrib/error_budget_exhausted_alert/v1" of the service is not imported: monc has no SLO plugins, so nothing adds an alert when the error budget is spent');
  });
});

describe('monc import sloth: alerting', () => {
  const alerting = (body: string) => spec(slo(`    alerting:\n${body}`));

  it.each([
    ['its name for both of monc\'s alerts', '      name: ShopErrors\n', { pageAlert: 'ShopErrors', ticketAlert: 'ShopErrors' }, []],
    [
      'severity labels as page and ticket severities',
      '      page_alert:\n        labels: { severity: critical }\n      ticket_alert:\n        labels: { severity: warning }\n',
      { pageSeverity: 'critical', ticketSeverity: 'warning' },
      [],
    ],
    ['a disabled page alert as the page tiers switched off', '      name: ShopErrors\n      page_alert:\n        disable: true\n', { tiers: { 'page-1h': false, 'page-6h': false }, ticketAlert: 'ShopErrors' }, []],
    ['a disabled ticket alert as the ticket tiers switched off', '      ticket_alert:\n        disable: true\n', { tiers: { 'ticket-1d': false, 'ticket-3d': false } }, []],
    [
      'an alert name monc does not take in letters and digits, with a loss at the name',
      '      name: shop-high-error-rate\n',
      { pageAlert: 'shopHighErrorRate', ticketAlert: 'shopHighErrorRate' },
      ['import/loss@11:13'],
    ],
  ])('imports %s', (_name, body, expected, findings) => {
    const imported = importSloth(alerting(body));
    expect(imported.slos[0]?.alerting).toEqual(expected);
    expect(imported.findings).toEqual(findings);
  });

  it('writes labels both alerts carry as the SLO labels, with a guess, and reports a label on one alert only at its key', () => {
    const { slos, findings, messages } = importSloth(alerting('      labels:\n        category: availability\n      page_alert:\n        labels:\n          routing: pager\n'));
    expect(slos[0]?.labels).toEqual({ category: 'availability' });
    expect(findings).toEqual(['import/guess@12:9', 'import/loss@15:11']);
    expect(messages).toEqual([
      'the alert label category of SLO "requests" is written as the SLO\'s labels, which monc puts on its alerts and also on its recording rules',
      'label routing of SLO "requests" is on the page alert only: monc writes an SLO\'s labels on all its alerts, and has no labels for one of them; not imported',
    ]);
  });

  it('reports a label both alerts carry with different values at its key', () => {
    const { slos, findings, messages } = importSloth(alerting('      page_alert:\n        labels: { channel: pager }\n      ticket_alert:\n        labels: { channel: slack }\n'));
    expect(slos[0]?.labels).toBeUndefined();
    expect(findings).toEqual(['import/loss@12:19']);
    expect(messages[0]).toMatch(/^label channel of SLO "requests" is on the page alert and ticket alert with different values/);
  });

  it('takes a runbook annotation as the runbook and reports every other annotation at its key', () => {
    const { slos, findings, messages } = importSloth(alerting('      annotations:\n        runbook: https://runbooks.example.com/shop\n        summary: Too many errors\n        dashboard: https://grafana.example.com/d/shop\n'));
    expect(slos[0]?.runbook).toBe('https://runbooks.example.com/shop');
    expect(findings).toEqual(['import/loss@13:9', 'import/loss@14:9']);
    expect(messages).toEqual([
      'annotation summary of SLO "requests"\'s alerts is not imported: monc writes its own summary and description on SLO alerts, from the SLO and the tier',
      'annotation dashboard of SLO "requests"\'s alerts is not imported: monc has no annotations on SLO alerts besides the runbook',
    ]);
  });

  it('renames a label monc writes itself, tier, on every SLO of the service, and says to what once at its key', () => {
    const { slos, findings, messages } = importSloth(spec(`${slo()}${slo('', '  - name: checkout\n    objective: 99\n')}`, 'labels:\n  tier: "1"\n'));
    expect(slos.map((s) => s.labels)).toEqual([{ tier_label: '1' }, { tier_label: '1' }]);
    expect(findings).toEqual(['import/loss@4:3']);
    expect(messages[0]).toBe('label tier is one monc writes itself on an SLO\'s series and alerts: it is imported as tier_label="1"; routes and queries that select tier="1" need the new name');
  });

  it('takes a team label of the spec as the service\'s team, not as an SLO label', () => {
    const { services, slos, messages } = importSloth(spec(slo(), 'labels:\n  team: payments\n  owner: web\n'));
    expect(services[0]?.['team']).toBe('payments');
    expect(slos[0]?.labels).toEqual({ owner: 'web' });
    expect(messages.filter((m) => m.includes('team'))).toEqual([]);
  });

  it('gives the second of two SLOs with one alerting name an alert name of its own, with a finding at its name', () => {
    const second = slo('    alerting:\n      name: ShopErrors\n', '  - name: checkout\n    objective: 99\n');
    const { slos, findings, messages } = importSloth(spec(`${slo('    alerting:\n      name: ShopErrors\n')}${second}`));
    expect(slos.map((s) => [s.name, s.alerting?.pageAlert, s.alerting?.ticketAlert])).toEqual([
      ['requests', 'ShopErrors', 'ShopErrors'],
      ['checkout', 'ShopErrors2', 'ShopErrors2'],
    ]);
    expect(findings).toEqual(['import/loss@19:13']);
    expect(messages[0]).toMatch(/^alert "ShopErrors" already names the alerts of SLO "requests"; SLO "checkout"'s are imported as "ShopErrors2"/);
  });

  it('switches off the tiers an objective of 90% can never reach, with a guess at the objective', () => {
    const { slos, findings, messages } = importSloth(spec(slo('', '  - name: requests\n    objective: 90\n')));
    expect(slos[0]?.alerting).toEqual({ tiers: { 'page-1h': false } });
    expect(findings).toEqual(['import/guess@5:16']);
    expect(messages[0]).toBe('with an objective of 90% the tier page-1h would fire only above an error ratio of 100%, so SLO "requests"\'s Sloth alerts never fire there either: it is switched off');
  });

  it('reports an AlertWindows catalog with the window and tiers to write instead, and writes nothing', () => {
    const text =
      'apiVersion: sloth.slok.dev/v1\nkind: AlertWindows\nspec:\n  sloPeriod: 7d\n  page:\n    quick: { errorBudgetPercent: 8, shortWindow: 5m, longWindow: 1h }\n    slow: { errorBudgetPercent: 12.5, shortWindow: 30m, longWindow: 6h }\n' +
      '  ticket:\n    quick: { errorBudgetPercent: 20, shortWindow: 2h, longWindow: 1d }\n    slow: { errorBudgetPercent: 42, shortWindow: 6h, longWindow: 3d }\n';
    const { output, findings, messages } = importSloth(text);
    expect(output.files).toEqual([]);
    expect(findings).toEqual(['import/loss@2:1']);
    expect(messages[0]).toContain(
      'Give the SLOs Sloth generated with it window: 7d and alerting.tiers: { page-1h: { longWindow: 1h, shortWindow: 5m, budgetPercent: 8 }, page-6h: { longWindow: 6h, shortWindow: 30m, budgetPercent: 12.5 }, ticket-1d: { longWindow: 1d, shortWindow: 2h, budgetPercent: 20 }, ticket-3d: { longWindow: 3d, shortWindow: 6h, budgetPercent: 42 } }',
    );
  });
});

describe('monc import sloth: bad input', () => {
  it.each([
    ['broken YAML', 'version: prometheus/v1\nservice: shop\nslos:\n  - name: [requests\n', ['load/yaml@5:1']],
    ['an objective that is a word', spec(slo('', '  - name: requests\n    objective: high\n')), ['import/loss@4:3', 'import/loss@5:16']],
    ['an objective that is a list', spec(slo('', '  - name: requests\n    objective: [99]\n')), ['import/loss@4:3', 'import/loss@5:16']],
    ['an objective above 100%', spec(slo('', '  - name: requests\n    objective: 999\n')), ['import/loss@4:3', 'import/loss@5:16']],
    ['slos that are not a list', 'version: prometheus/v1\nservice: shop\nslos:\n  requests: { objective: 99 }\n', ['import/loss@4:3']],
    ['an SLO that is not a map', spec('  - requests\n'), ['import/loss@4:3', 'import/loss@4:5']],
    ['an sli that is not a map', spec('  - name: requests\n    objective: 99\n    sli: events\n'), ['import/loss@4:3', 'import/loss@6:10']],
    ['a spec without a service', 'version: prometheus/v1\nslos: []\n', ['import/loss@1:1']],
  ])('reports %s at its line and column, writes nothing and does not throw', (_name, text, findings) => {
    const imported = importSloth(text);
    expect(imported.output.files).toEqual([]);
    expect(imported.findings).toEqual(findings);
  });
});

describe('monc import auto and Sloth specs', () => {
  const detected = (text: string) => {
    const source = new SourceText(FILE, text);
    const doc = parseAllDocuments(text, YAML_OPTIONS);
    const first = Array.isArray(doc) ? doc[0] : undefined;
    if (!first) throw new Error('no document');
    return IMPORTERS.find((importer) => importer.detect({ source, doc: first, index: 0, count: 1 }))?.kind;
  };

  it.each([
    ['a prometheus/v1 spec', 'sloth', spec(slo())],
    ['a PrometheusServiceLevel', 'sloth', 'apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nspec: { service: shop }\n'],
    ['an AlertWindows catalog', 'sloth', 'apiVersion: sloth.slok.dev/v1\nkind: AlertWindows\nspec: {}\n'],
    ['a Pyrra ServiceLevelObjective', 'pyrra', 'apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nspec: { target: "99" }\n'],
    ['an OpenSLO SLO', 'openslo', 'apiVersion: openslo/v1\nkind: SLO\nspec: { service: shop }\n'],
    ['a rule file', 'rules', 'groups:\n  - name: shop\n    rules: []\n'],
    ['a PrometheusRule', 'rules', 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec: { groups: [] }\n'],
  ])('gives %s to the %s importer', (_name, kind, text) => {
    expect(detected(text)).toBe(kind);
  });

  it('imports the Sloth documents of a mixed file and reports the others at their line', () => {
    const text = `${spec(slo())}---\napiVersion: apps/v1\nkind: Deployment\nspec: { replicas: 1 }\n`;
    const { services, findings } = importSloth(text, { kind: 'auto' });
    expect(services.map((s) => s['name'])).toEqual(['shop']);
    expect(findings).toEqual(['import/unsupported@11:1']);
  });
});
