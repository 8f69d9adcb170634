/**
 * The prometheus-operator target, field by field: the rule groups and dashboards are the other
 * targets' own, the monitors carry the scrape, the routing lands where the operator reads it.
 */
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { compileFiles } from '../helpers/lint.ts';
import { CHECKOUT, config, projectFiles, ROUTING, VARIANTS } from './kubernetes-fixture.ts';

interface KubernetesObject {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec?: any;
  readonly data?: Record<string, string>;
  readonly stringData?: Record<string, string>;
}

async function build(files: Record<string, string>) {
  const result = await compileFiles(files);
  expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const artifacts = new Map(result.artifacts.map((a) => [a.path, a.content]));
  const objects = result.artifacts.filter((a) => a.path.startsWith('kubernetes/')).flatMap((a) => parseAllDocuments(a.content).map((d) => d.toJS() as KubernetesObject));
  const find = (kind: string, name: string) => {
    const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!object) throw new Error(`no ${kind}/${name}`);
    return object;
  };
  return { artifacts, objects, find };
}

const withTargets = (targets: string, kubernetes = '') => ({ ...projectFiles(kubernetes), 'monc.config.yaml': config(kubernetes).replace('targets: [prometheus-operator]', `targets: [${targets}]`) });

describe('the prometheus-operator target', () => {
  it("holds in each PrometheusRule the prometheus target's rule groups of the service", async () => {
    const { artifacts, find } = await build(withTargets('prometheus, prometheus-operator'));
    for (const service of ['checkout', 'search', 'ledger']) {
      const ruleFile = parse(artifacts.get(`prometheus/rules/${service}.yml`) ?? '') as { groups: unknown[] };
      expect(find('PrometheusRule', service).spec.groups).toEqual(ruleFile.groups);
    }
  });

  it("holds in each dashboard ConfigMap the grafana target's JSON, with the sidecar's label and the folder annotation", async () => {
    const { artifacts, find } = await build(withTargets('grafana, prometheus-operator'));
    const configMap = find('ConfigMap', 'grafana-dashboard-monc-shop');
    expect(configMap.data).toEqual({ 'monc-shop.json': artifacts.get('grafana/dashboards/Shop Team/monc-shop.json') });
    expect(configMap.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'monc', prometheus: 'main', 'team.example.com/owner': 'sre', grafana_dashboard: '1' });
    expect(configMap.metadata.annotations).toEqual({ 'example.com/contact': 'sre@example.com', grafana_folder: 'Shop Team' });
  });

  it('puts every object in the namespace with the managed-by label and the configured labels and annotations', async () => {
    const { objects } = await build(projectFiles());
    for (const { metadata } of objects) {
      expect(metadata.namespace).toBe('observability');
      expect(metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'monc', prometheus: 'main', 'team.example.com/owner': 'sre' });
      expect(metadata.annotations).toMatchObject({ 'example.com/contact': 'sre@example.com' });
    }
  });

  it('writes a ServiceMonitor with the whole scrape, its credentials from Secrets and the job kept by the first relabeling', async () => {
    const { find } = await build(projectFiles());
    expect(find('ServiceMonitor', 'checkout').spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'checkout' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'worker'] }, { key: 'canary', operator: 'DoesNotExist' }] },
      namespaceSelector: { matchNames: ['shop', 'shop-canary'] },
      serviceDiscoveryRole: 'EndpointSlice',
      sampleLimit: 50000,
      labelLimit: 40,
      endpoints: [
        {
          port: 'http-metrics',
          path: '/internal/metrics',
          scheme: 'https',
          interval: '30s',
          scrapeTimeout: '10s',
          honorLabels: true,
          basicAuth: { username: { name: 'checkout-scrape', key: 'username' }, password: { name: 'checkout-scrape', key: 'password' } },
          tlsConfig: { ca: { secret: { name: 'checkout-tls', key: 'ca.crt' } }, cert: { secret: { name: 'checkout-tls', key: 'tls.crt' } }, keySecret: { name: 'checkout-tls', key: 'tls.key' }, serverName: 'checkout.shop.svc' },
          relabelings: [
            { action: 'replace', targetLabel: 'job', replacement: 'checkout-api' },
            { action: 'keep', sourceLabels: ['__meta_kubernetes_pod_label_tier'], regex: 'api|worker' },
            { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' },
          ],
          metricRelabelings: [{ action: 'drop', sourceLabels: ['__name__'], regex: 'go_gc_.*' }],
        },
      ],
    });
  });

  it('writes a PodMonitor for monitor: pod, looking in every namespace when the scrape names none, the job named after the service', async () => {
    const { find } = await build(projectFiles());
    expect(find('PodMonitor', 'search').spec).toEqual({
      selector: { matchLabels: { app: 'search' } },
      namespaceSelector: { any: true },
      podMetricsEndpoints: [
        { port: 'metrics', authorization: { type: 'Bearer', credentials: { name: 'search-token', key: 'token' } }, relabelings: [{ action: 'replace', targetLabel: 'job', replacement: 'search' }] },
      ],
    });
  });

  it('writes no monitor for a service with static targets', async () => {
    const { objects } = await build(projectFiles());
    expect(objects.filter((o) => o.metadata.name === 'ledger').map((o) => o.kind)).toEqual(['PrometheusRule']);
  });

  it('carries a service ruler queryOffset into its groups', async () => {
    const files = { ...projectFiles(), 'definitions/checkout.yaml': CHECKOUT.replace('team: payments\n', 'team: payments\nruler: { queryOffset: 1m }\n') };
    const { find } = await build(files);
    expect(find('PrometheusRule', 'checkout').spec.groups.map((g: { query_offset?: string }) => g.query_offset)).toEqual(['1m', '1m', '1m']);
  });

  it('puts alertmanager.yaml and the templates in the Secret alertmanager-<name>, credential files at the mounted credentials Secret', async () => {
    const { find } = await build(projectFiles());
    const { 'alertmanager.yaml': text = '', ...templates } = find('Secret', 'alertmanager-main').stringData ?? {};
    const config = parse(text);
    expect(config.templates).toEqual(['/etc/alertmanager/config/*.tmpl']);
    expect(config.global).toEqual({
      smtp_smarthost: 'smtp.example.com:587',
      smtp_from: 'alerts@example.com',
      smtp_auth_username: 'alerts',
      smtp_auth_password_file: '/etc/alertmanager/secrets/alertmanager-main-credentials/smtp-password',
      slack_api_url_file: '/etc/alertmanager/secrets/alertmanager-main-credentials/slack-url',
    });
    expect(config.receivers.find((r: { name: string }) => r.name === 'ops').opsgenie_configs[0].api_key_file).toBe('/etc/alertmanager/secrets/alertmanager-main-credentials/opsgenie-key');
    expect(Object.keys(templates)).toEqual(['shop.tmpl']);
    expect(templates['shop.tmpl']).toContain('{{ define "shop.title" }}');
  });

  it('writes the routing as an AlertmanagerConfig: matchers as objects, global settings in each integration, credentials from the credentials Secret', async () => {
    const { find } = await build(projectFiles(VARIANTS[1]?.kubernetes));
    const { spec } = find('AlertmanagerConfig', 'monc');
    expect(spec.route.receiver).toBe('email');
    expect(spec.route.routes[1]).toEqual({ receiver: 'chat', matchers: [{ name: 'team', value: 'pay.*', matchType: '=~' }], muteTimeIntervals: ['weekends'] });
    const receiver = (name: string) => spec.receivers.find((r: { name: string }) => r.name === name);
    const secret = (key: string) => ({ name: 'alertmanager-shop-credentials', key });
    expect(receiver('email').emailConfigs).toEqual([{ to: 'shop@example.com', from: 'alerts@example.com', smarthost: 'smtp.example.com:587', authUsername: 'alerts', authPassword: secret('smtp-password') }]);
    expect(receiver('chat').slackConfigs[0].apiURL).toEqual(secret('slack-url'));
    expect(receiver('pager').pagerdutyConfigs[0].routingKey).toEqual(secret('pagerduty-key'));
    expect(spec.muteTimeIntervals).toEqual([{ name: 'weekends', timeIntervals: [{ weekdays: ['saturday', 'sunday'], daysOfMonth: [{ start: 1, end: 7 }, { start: -1, end: -1 }] }] }]);
    // The SLOs' inhibit rules (a page mutes the tickets of its SLO) come first, then the routing's own.
    expect(spec.inhibitRules.map((r: { equal: string[] }) => r.equal)).toEqual([['slo'], ['slo'], ['slo'], ['service']]);
    expect(find('ConfigMap', 'alertmanager-shop-templates').data).toHaveProperty('shop.tmpl');
  });

  it('keeps a credential file already where the operator mounts a Secret: that Secret and key', async () => {
    const files = { ...projectFiles(VARIANTS[1]?.kubernetes), 'definitions/routing.yaml': ROUTING.replace('/run/secrets/opsgenie-key', '/etc/alertmanager/secrets/opsgenie/api-key') };
    const { find } = await build(files);
    const ops = find('AlertmanagerConfig', 'monc').spec.receivers.find((r: { name: string }) => r.name === 'ops');
    expect(ops.opsgenieConfigs[0].apiKey).toEqual({ name: 'opsgenie', key: 'api-key' });
  });

  it('writes the same files whatever order the definitions come in', async () => {
    const files = projectFiles();
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    const [a, b] = [await compileFiles(files), await compileFiles(reversed)];
    expect(b.artifacts).toEqual(a.artifacts);
  });
});
