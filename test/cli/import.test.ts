/** monc import on the command line: what it writes, what it never overwrites, and how it reports bad input. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, readProjectFile, runCli, type JsonDiagnostic } from '../helpers/project.ts';

const RULES = `groups:
  - name: checkout.rules
    rules:
      - record: job:checkout_requests:rate5m
        expr: sum by (job) (rate(checkout_requests_total[5m]))
      - alert: CheckoutErrors
        expr: sum by (job) (rate(checkout_requests_total{code=~"5.."}[5m])) / job:checkout_requests:rate5m > 0.05
        for: 5m
        labels:
          severity: critical
          team: payments
        annotations:
          summary: Checkout fails for {{ $labels.job }}
  - name: checkout.slow
    rules:
      - alert: CheckoutSlow
        expr: histogram_quantile(0.99, sum by (le) (rate(checkout_duration_seconds_bucket[5m]))) > 2
        labels:
          severity: warning
          team: payments
`;

/** A project with the rule file in rules/ and a package.json, so it is the project root. */
const project = (files: Record<string, string> = {}) => makeProject({ 'package.json': '{}\n', 'rules/checkout.yml': RULES, ...files });

const json = (stdout: string) => JSON.parse(stdout) as { diagnostics: JsonDiagnostic[]; written: string[] };

describe('monc import rules FILE', () => {
  it('writes a service and its inferred metrics into definitions/, says so, and the project builds', async () => {
    const dir = project();
    const result = await runCli(dir, ['import', 'rules', 'rules/checkout.yml']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'monc: wrote definitions/checkout.yaml (service checkout: 2 alerts, 1 recording rule)\n' +
        'monc: wrote definitions/checkout-metrics.yaml (2 metrics inferred from the expressions)\n' +
        'monc: imported into definitions/; run monc lint to see what to confirm\n',
    );
    expect(readProjectFile(dir, 'definitions/checkout.yaml')).toContain('team: payments\n');
    const build = await runCli(dir, ['build']);
    expect(build.stderr).toContain('monc: updated out/');
    expect(build.code).toBe(0);
    expect(readProjectFile(dir, 'out/prometheus/rules/checkout.yml')).toContain('alert: CheckoutSlow');
  });

  it('never overwrites a file: a taken name gets the next number, for the file and the service', async () => {
    const mine = 'kind: Service\nname: checkout\nteam: payments\n';
    const dir = project({ 'definitions/checkout.yaml': mine });
    const result = await runCli(dir, ['import', 'rules', 'rules/checkout.yml']);
    expect(result.code).toBe(0);
    expect(readProjectFile(dir, 'definitions/checkout.yaml')).toBe(mine);
    expect(readProjectFile(dir, 'definitions/checkout-2.yaml')).toContain('name: checkout-2\n');
    expect(readdirSync(path.join(dir, 'definitions')).sort()).toEqual(['checkout-2-metrics.yaml', 'checkout-2.yaml', 'checkout.yaml']);
  });

  it('imported twice, declares no metric twice and silences model/duplicate on the repeated alert names, so the project still builds', async () => {
    const dir = project();
    await runCli(dir, ['import', 'rules', 'rules/checkout.yml']);
    const again = await runCli(dir, ['import', 'rules', 'rules/checkout.yml']);
    expect(again.stderr).toContain('monc: wrote definitions/checkout-2.yaml (service checkout-2: 2 alerts, 1 recording rule)\n');
    expect(again.stderr).not.toContain('metrics inferred');
    expect(readProjectFile(dir, 'definitions/checkout-2.yaml')).toContain('# monc-disable-next-line model/duplicate');
    expect((await runCli(dir, ['build'])).code).toBe(0);
  });

  it('--into DIR writes there, --team names the team of rules that name none, --service-per group makes one service per group', async () => {
    const dir = project({ 'rules/other.yml': RULES.replaceAll('          team: payments\n', '') });
    const result = await runCli(dir, ['import', 'rules', 'rules/other.yml', '--into', 'definitions/imported', '--team', 'shop', '--service-per', 'group']);
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(dir, 'definitions/imported')).sort()).toEqual(['checkout-slow.yaml', 'checkout.yaml', 'imported-metrics.yaml']);
    expect(readProjectFile(dir, 'definitions/imported/checkout.yaml')).toContain('# yaml-language-server: $schema=../../node_modules/monc-compiler/schemas/service.schema.json\n');
    expect(readProjectFile(dir, 'definitions/imported/checkout-slow.yaml')).toContain('team: shop\n');
  });

  it('--format ts writes TypeScript definitions, which build to the same rule file as the YAML ones', async () => {
    const dir = project();
    const result = await runCli(dir, ['import', 'rules', 'rules/checkout.yml', '--format', 'ts']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'monc: wrote definitions/checkout.ts (service checkout: 2 alerts, 1 recording rule)\n' +
        'monc: wrote definitions/checkout-metrics.ts (2 metrics inferred from the expressions)\n' +
        'monc: imported into definitions/; run monc lint to see what to confirm\n',
    );
    expect(readProjectFile(dir, 'definitions/checkout.ts')).toContain("import { defineService } from 'monc';\n");
    expect(readProjectFile(dir, 'definitions/checkout-metrics.ts')).toContain('export const checkoutRequestsTotal = defineMetric({\n');
    expect((await runCli(dir, ['build'])).code).toBe(0);
    const yaml = project();
    await runCli(yaml, ['import', 'rules', 'rules/checkout.yml']);
    await runCli(yaml, ['build']);
    const rules = (root: string) => readProjectFile(root, 'out/prometheus/rules/checkout.yml').replace(/^# Code generated .*\n/, '');
    expect(rules(dir)).toBe(rules(yaml));
  });

  it('a definitions file of either format takes its name: a TS import next to checkout.yaml writes checkout-2.ts', async () => {
    const mine = 'kind: Metrics\nmetrics: []\n';
    const dir = project({ 'definitions/checkout.yaml': mine, 'definitions/checkout-2-metrics.ts': '' });
    const result = await runCli(dir, ['import', 'rules', 'rules/checkout.yml', '--format', 'ts']);
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(dir, 'definitions')).sort()).toEqual(['checkout-2-metrics-2.ts', 'checkout-2-metrics.ts', 'checkout-2.ts', 'checkout.yaml']);
    expect(readProjectFile(dir, 'definitions/checkout-2.ts')).toContain("  name: 'checkout-2',\n");
  });

  it('--report json prints the findings at the lines of the rule file, and the files written', async () => {
    const dir = project();
    const result = await runCli(dir, ['import', 'rules', 'rules/checkout.yml', '--report', 'json']);
    const { diagnostics, written } = json(result.stdout);
    expect(written).toEqual(['definitions/checkout.yaml', 'definitions/checkout-metrics.yaml']);
    expect(diagnostics.map((d) => `${d.check}@${d.file}:${d.line}:${d.column}`)).toEqual([
      'import/guess@rules/checkout.yml:5:34',
      'import/guess@rules/checkout.yml:17:58',
    ]);
    expect(diagnostics[1]?.message).toBe('"checkout_duration_seconds" is declared as a histogram because checkout_duration_seconds_bucket is read by histogram_quantile(), with no labels: confirm it');
  });

  it('--report sarif and github print the findings in those formats', async () => {
    const dir = project();
    const sarif = JSON.parse((await runCli(dir, ['import', 'rules', 'rules/checkout.yml', '--report', 'sarif', '--into', 'a'])).stdout);
    expect(sarif.runs[0].results[0].ruleId).toBe('import/guess');
    expect(sarif.runs[0].tool.driver.rules.find((rule: { id: string }) => rule.id === 'import/guess').helpUri).toBe('https://github.com/monc-dev/monc/blob/main/docs/migrating/README.md');
    const github = await runCli(dir, ['import', 'rules', 'rules/checkout.yml', '--report', 'github', '--into', 'b']);
    expect(github.stdout.split('\n')[0]).toMatch(/^::notice file=rules\/checkout\.yml,line=5,col=34,/);
  });
});

describe('monc import of SLOs and the retention they need', () => {
  const SLOTH = 'version: prometheus/v1\nservice: shop\nslos:\n  - name: errors\n    objective: 99.9\n    sli:\n      events:\n        error_query: sum(rate(shop_requests_total{code="500"}[{{.window}}]))\n        total_query: sum(rate(shop_requests_total[{{.window}}]))\n    alerting: { page_alert: { disable: true }, ticket_alert: { disable: true } }\n';
  const guesses = (stdout: string) => json(stdout).diagnostics.filter((d) => /retention/.test(d.message)).map((d) => `${d.check}@${d.file}:${d.line}:${d.column} ${d.message}`);

  it("says once, at the longest SLO window, what to set when monc.config.yaml's retention is shorter: the one error lint reports until it is set", async () => {
    const dir = makeProject({ 'package.json': '{}\n', 'slos/shop.yml': SLOTH });
    const result = await runCli(dir, ['import', 'sloth', 'slos/shop.yml', '--team', 'web', '--report', 'json']);
    expect(guesses(result.stdout)).toEqual([
      "import/guess@slos/shop.yml:4:5 SLO \"errors\" reads 30d of data, and monc.config.yaml's prometheus.retention is 15d: set it to what Prometheus' --storage.tsdb.retention.time says (at least 30d), or monc lint reports slo/window-exceeds-retention",
    ]);
    const lint = await runCli(dir, ['lint', '--format', 'json']);
    expect(json(lint.stdout).diagnostics.filter((d) => d.severity === 'error').map((d) => d.check)).toEqual(['slo/window-exceeds-retention']);
  });

  it('says nothing when the retention holds the windows', async () => {
    const dir = makeProject({ 'package.json': '{}\n', 'monc.config.yaml': 'prometheus:\n  retention: 35d\n', 'slos/shop.yml': SLOTH });
    const result = await runCli(dir, ['import', 'sloth', 'slos/shop.yml', '--team', 'web', '--report', 'json']);
    expect(guesses(result.stdout)).toEqual([]);
    const lint = await runCli(dir, ['lint', '--format', 'json']);
    expect(json(lint.stdout).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('monc import reports bad input at its line, and writes the rest', () => {
  it('broken YAML, a document that is no rule file and a missing file are findings; the good file is still imported', async () => {
    const dir = project({ 'rules/broken.yml': 'groups:\n  - name: a\n    rules: [\n', 'rules/other.yml': 'scrape_configs: []\n' });
    const result = await runCli(dir, ['import', 'rules', 'rules/broken.yml', 'rules/other.yml', 'rules/missing.yml', 'rules/checkout.yml', '--report', 'json']);
    expect(result.code).toBe(0);
    const errors = json(result.stdout).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.check}@${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'load/yaml@rules/broken.yml:4:1 Flow sequence in block collection must be sufficiently indented and end with a ]',
      'import/unreadable@rules/missing.yml:1:1 cannot read rules/missing.yml: no such file',
      'import/unsupported@rules/other.yml:1:1 this document is not a Prometheus rule file (groups:) or a PrometheusRule object, which monc import rules reads',
    ]);
    expect(existsSync(path.join(dir, 'definitions/checkout.yaml'))).toBe(true);
  });

  it('exits 1 and writes nothing when no file can be imported', async () => {
    const dir = project({ 'rules/other.yml': 'scrape_configs: []\n' });
    const result = await runCli(dir, ['import', 'rules', 'rules/other.yml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('rules/other.yml:1:1 error import/unsupported');
    expect(result.stderr).toBe('monc: nothing was imported\n');
    expect(existsSync(path.join(dir, 'definitions'))).toBe(false);
  });

  it('auto imports the documents it knows and reports the others at their line', async () => {
    const dir = project({ 'rules/mixed.yml': `kind: ConfigMap\nmetadata: { name: x }\n---\n${RULES}` });
    const result = await runCli(dir, ['import', 'auto', 'rules/mixed.yml', '--report', 'json']);
    expect(result.code).toBe(0);
    expect(json(result.stdout).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.check}@${d.line}:${d.column} ${d.message}`)).toEqual([
      'import/unsupported@1:1 this document is not a kind monc can import; ' +
        'monc import rules reads a Prometheus rule file (groups:) or a PrometheusRule object; ' +
        'monc import alertmanager reads an Alertmanager configuration (alertmanager.yml); ' +
        'monc import pyrra reads a Pyrra ServiceLevelObjective; ' +
        'monc import openslo reads OpenSLO v1 or v1alpha documents (SLO, SLI, Service, AlertPolicy, AlertCondition, DataSource); ' +
        'monc import sloth reads a Sloth SLO spec (version: prometheus/v1) or a PrometheusServiceLevel object; ' +
        'monc import grafana reads a Grafana dashboard (its JSON model, a list of them, or the HTTP API\'s { dashboard, meta })',
    ]);
    expect(readProjectFile(dir, 'definitions/mixed-2.yaml')).toContain('name: CheckoutErrors');
  });

  it('reads PrometheusRule objects, named after metadata.name, and reports the metadata it does not carry', async () => {
    const object = `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: checkout-rules\n  namespace: shop\n  labels: { prometheus: main }\nspec:\n${RULES.replace(/^/gm, '  ')}`;
    const dir = project({ 'rules/object.yaml': object });
    const result = await runCli(dir, ['import', 'rules', 'rules/object.yaml', '--report', 'json']);
    expect(result.code).toBe(0);
    expect(json(result.stdout).written[0]).toBe('definitions/checkout.yaml');
    expect(json(result.stdout).diagnostics.filter((d) => d.check === 'import/loss').map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "3:1 the PrometheusRule's namespace, labels are not carried over: the prometheus-operator target names, labels and places the PrometheusRules it writes from the config (targets, kubernetes)",
    ]);
  });

  it.each([
    [['import'], 'import needs a kind and files'],
    [['import', 'nagios', 'a.cfg'], 'import kind must be one of rules, alertmanager, pyrra, openslo, sloth, grafana, auto'],
    [['import', 'rules'], 'import rules needs at least one file'],
    [['import', 'rules', 'rules/checkout.yml', '--format', 'json'], '--format must be one of yaml, ts'],
    [['import', 'rules', 'rules/checkout.yml', '--service-per', 'team'], '--service-per must be one of file, group'],
    [['import', 'rules', 'rules/checkout.yml', '--report', 'xml'], '--report must be one of pretty, json, sarif, github'],
  ])('monc %j is a usage error: %s', async (argv, message) => {
    const dir = project();
    const result = await runCli(dir, argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(existsSync(path.join(dir, 'definitions'))).toBe(false);
  });
});
