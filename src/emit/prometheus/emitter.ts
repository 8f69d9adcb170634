import { compareText } from '../../diagnostic.ts';
import type { Authorization, BasicAuth, KubernetesDiscovery, LabelSelector, Model, Relabel, RemoteWrite, RuleTest, Scrape, Service, Tls } from '../../model/model.ts';
import { RELABEL_DEFAULTS } from '../../model/relabel.ts';
import {
  OUT_PATHS,
  customTestFilePath,
  generatedHeader,
  ruleFileFromTests,
  ruleFilePath,
  ruleFileReference,
  sloPeriodRuleGroupName,
  sloRuleGroupName,
  sloTestFilePath,
} from '../../model/conventions.ts';
import type { RuleGroup, ServiceRules } from '../../rules/rule-groups.ts';
import { toYaml } from '../../serialize/yaml.ts';
import { lazyArtifact, type Artifact, type TargetEmitter } from '../artifact.ts';
import { toRuleGroupDto } from './rule-groups.ts';
import { defined } from '../defined.ts';
import {
  CONFIG_KEY_ORDER,
  RULE_FILE_KEY_ORDER,
  TEST_FILE_KEY_ORDER,
  type HttpClientDto,
  type KubernetesSdConfigDto,
  type PrometheusConfigDto,
  type RelabelConfigDto,
  type RemoteWriteDto,
  type RuleFileDto,
  type ScrapeConfigDto,
  type TestFileDto,
  type TestGroupDto,
} from './types.ts';
import { appendTo } from '../../collections.ts';
import type { SloTestPlan } from '../../slo/tests.ts';

/**
 * Rule files, one per service with rules or SLOs; promtool test files for its SLOs and for
 * the tests its definitions spell out; and prometheus.yml that scrapes and loads the rules.
 */
export const prometheusTarget: TargetEmitter = {
  emit(model, expanded) {
    const ruleFiles = expanded.ruleGroups.map(({ service, groups }): Artifact =>
      lazyArtifact(ruleFilePath(service.name), () => toYaml(toRuleFile(model, service, groups), generatedHeader([service.origin.file]), RULE_FILE_KEY_ORDER)),
    );
    const plansByService = new Map<string, SloTestPlan[]>();
    for (const plan of expanded.sloTests) appendTo(plansByService, plan.slo.service, plan);
    const testFiles = expanded.ruleGroups.flatMap(({ service }): Artifact[] => {
      const plans = plansByService.get(service.name) ?? [];
      return [
        // An SLO's scenarios sample at its recording step, so they evaluate at that step; the author's tests get promtool's default.
        // The period rules read what the SLI rules record at the same evaluation (a calendar SLO's phase).
        ...[...new Set(plans.flatMap((plan) => plan.intervals))].map((step) =>
          testFile(service, sloTestFilePath(service.name, step), step, () => sloTestsAt(plans, step), [sloRuleGroupName(service.name), sloPeriodRuleGroupName(service.name)]),
        ),
        ...(service.tests.length > 0 ? [testFile(service, customTestFilePath(service.name), '1m', () => service.tests)] : []),
      ];
    });
    const config: Artifact = {
      path: OUT_PATHS.prometheusConfig,
      content: toYaml(toConfig(model, expanded.ruleGroups), generatedHeader(sourceFiles(model.services)), CONFIG_KEY_ORDER),
    };
    return [config, ...ruleFiles, ...testFiles];
  },
};

/** The generated tests of `plans` that evaluate at `interval` (the SLO's step, unless a test needs another), in SLO order; made now. */
function sloTestsAt(plans: readonly SloTestPlan[], interval: string): RuleTest[] {
  return plans.flatMap((plan) => (plan.intervals.includes(interval) ? plan.tests.filter((test) => (test.evaluationInterval ?? plan.slo.step) === interval) : []));
}

/** A promtool test file; its tests are made when the file is (see SloTestPlan.tests). */
function testFile(service: Service, path: string, evaluationInterval: string, tests: () => readonly RuleTest[], groupOrder?: readonly string[]): Artifact {
  return lazyArtifact(path, () => {
    const dto: TestFileDto = {
      rule_files: [ruleFileFromTests(service.name)],
      evaluation_interval: evaluationInterval,
      ...(groupOrder !== undefined && { group_eval_order: groupOrder }),
      tests: tests().map(toTestGroup),
    };
    return toYaml(dto, generatedHeader([service.origin.file]), TEST_FILE_KEY_ORDER);
  });
}

function toTestGroup(test: RuleTest): TestGroupDto {
  return {
    name: test.name,
    interval: test.interval,
    input_series: test.inputSeries.map(({ series, values }) => ({ series, values })),
    alert_rule_test:
      test.alertRuleTests.length > 0
        ? test.alertRuleTests.map((t) => ({
            eval_time: t.evalTime,
            alertname: t.alertname,
            exp_alerts: t.expAlerts.map((a) => ({ exp_labels: nonEmpty(a.expLabels), exp_annotations: nonEmpty(a.expAnnotations) })),
          }))
        : undefined,
    promql_expr_test: test.promqlExprTests.length > 0 ? test.promqlExprTests.map((t) => ({ expr: t.expr, eval_time: t.evalTime, exp_samples: t.expSamples })) : undefined,
  };
}

/** The record, or undefined (left out of the file) when it has no key. */
function nonEmpty<T extends object>(record: T): T | undefined {
  for (const _ in record) return record;
  return undefined;
}

function sourceFiles(services: readonly Service[]): string[] {
  return [...new Set(services.map((s) => s.origin.file))].sort();
}

/** query_offset is Prometheus 2.53's: promtool and Prometheus 2.42 reject the field, so a version 2 target leaves it out. */
function toRuleFile(model: Model, service: Service, groups: readonly RuleGroup[]): RuleFileDto {
  const queryOffset = model.prometheus.version === 3 ? service.ruler.queryOffset : undefined;
  return { groups: groups.map((group) => ({ ...toRuleGroupDto(group), ...(queryOffset !== undefined && { query_offset: queryOffset }) })) };
}

function toConfig(model: Model, withRules: readonly ServiceRules[]): PrometheusConfigDto {
  const { prometheus } = model;
  // An agent only scrapes and remote-writes; it refuses rule_files and alerting ("field alerting is not allowed in agent mode").
  const agent = prometheus.features.includes(AGENT_FEATURE);
  return {
    global: {
      scrape_interval: prometheus.scrapeInterval,
      evaluation_interval: prometheus.evaluationInterval,
      ...(Object.keys(prometheus.externalLabels).length > 0 && { external_labels: prometheus.externalLabels }),
    },
    ...(!agent && {
      rule_files: withRules.map(({ service }) => ruleFileReference(service.name)),
      alerting: { alertmanagers: [{ static_configs: [{ targets: prometheus.alertmanagers }] }] },
    }),
    scrape_configs: model.services.flatMap((service) => (service.scrape ? [toScrapeConfig(service.scrape)] : [])),
    ...(prometheus.remoteWrite.length > 0 && { remote_write: prometheus.remoteWrite.map(toRemoteWrite) }),
  };
}

/** The --enable-feature flag of Prometheus' agent mode. */
const AGENT_FEATURE = 'agent';

/**
 * A scrape job. No target labels: alerts carry service and team as rule labels, which would
 * silently override the same labels on the series an alert is about.
 */
function toScrapeConfig(scrape: Scrape): ScrapeConfigDto {
  const { fileSd, dnsSd, kubernetes } = scrape;
  // Only the port with this name serves metrics: its targets are kept before any other rule reads them.
  const keepPort: RelabelConfigDto[] = kubernetes?.port === undefined ? [] : [{ source_labels: [PORT_NAME_LABEL[kubernetes.role]], regex: kubernetes.port, action: 'keep' }];
  const relabel = [...keepPort, ...scrape.relabel.map(toRelabelConfig)];
  return {
    job_name: scrape.job,
    ...(scrape.metricsPath !== undefined && { metrics_path: scrape.metricsPath }),
    ...(scrape.interval !== undefined && { scrape_interval: scrape.interval }),
    ...(scrape.timeout !== undefined && { scrape_timeout: scrape.timeout }),
    ...(scrape.scheme !== undefined && { scheme: scrape.scheme }),
    ...(scrape.honorLabels !== undefined && { honor_labels: scrape.honorLabels }),
    ...(scrape.sampleLimit !== undefined && { sample_limit: scrape.sampleLimit }),
    ...(scrape.labelLimit !== undefined && { label_limit: scrape.labelLimit }),
    ...toHttpClient(scrape),
    ...(scrape.targets.length > 0 && { static_configs: [{ targets: scrape.targets }] }),
    ...(fileSd && { file_sd_configs: [defined({ files: fileSd.files, refresh_interval: fileSd.refreshInterval })] }),
    ...(dnsSd && { dns_sd_configs: [defined({ names: dnsSd.names, type: dnsSd.type, port: dnsSd.port, refresh_interval: dnsSd.refreshInterval })] }),
    ...(kubernetes && { kubernetes_sd_configs: [toKubernetesSd(kubernetes)] }),
    ...(relabel.length > 0 && { relabel_configs: relabel }),
    ...(scrape.metricRelabel.length > 0 && { metric_relabel_configs: scrape.metricRelabel.map(toRelabelConfig) }),
  };
}

/** The meta label holding the name of a discovered target's port, by discovery role. */
const PORT_NAME_LABEL: Readonly<Record<KubernetesDiscovery['role'], string>> = {
  endpoints: '__meta_kubernetes_endpoint_port_name',
  endpointslice: '__meta_kubernetes_endpointslice_port_name',
  pod: '__meta_kubernetes_pod_container_port_name',
  service: '__meta_kubernetes_service_port_name',
};

/**
 * The selector matches the labels of the objects the role discovers: Endpoints and
 * EndpointSlices carry the labels of their Service (Kubernetes copies them), Pods and Services
 * their own.
 */
function toKubernetesSd(kubernetes: KubernetesDiscovery): KubernetesSdConfigDto {
  const label = kubernetes.selector && labelSelectorText(kubernetes.selector);
  return {
    role: kubernetes.role,
    ...(kubernetes.namespaces.length > 0 && { namespaces: { names: kubernetes.namespaces } }),
    ...(label && { selectors: [{ role: kubernetes.role, label }] }),
  };
}

const SELECTOR_SYNTAX: Readonly<Record<LabelSelector['matchExpressions'][number]['operator'], (key: string, values: string) => string>> = {
  In: (key, values) => `${key} in (${values})`,
  NotIn: (key, values) => `${key} notin (${values})`,
  Exists: (key) => key,
  DoesNotExist: (key) => `!${key}`,
};

/** A LabelSelector in Kubernetes' label-selector syntax: `app=checkout,tier in (api,web),!canary`. */
function labelSelectorText(selector: LabelSelector): string {
  const equal = Object.entries(selector.matchLabels)
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, value]) => `${key}=${value}`);
  const expressions = selector.matchExpressions.map(({ key, operator, values }) => SELECTOR_SYNTAX[operator](key, values.join(',')));
  return [...equal, ...expressions].join(',');
}

/** Prometheus' defaults are left out, so that a rule reads as written. */
function toRelabelConfig(rule: Relabel): RelabelConfigDto {
  return defined({
    source_labels: rule.sourceLabels,
    separator: rule.separator === RELABEL_DEFAULTS.separator ? undefined : rule.separator,
    regex: rule.regex === RELABEL_DEFAULTS.regex ? undefined : rule.regex,
    modulus: rule.modulus,
    target_label: rule.targetLabel,
    replacement: rule.replacement === RELABEL_DEFAULTS.replacement ? undefined : rule.replacement,
    action: rule.action === RELABEL_DEFAULTS.action ? undefined : rule.action,
  });
}

/** Credentials as files only: a Secret key is for the Kubernetes targets, and nothing is written inline. */
function toHttpClient(auth: { readonly basicAuth: BasicAuth | undefined; readonly authorization: Authorization | undefined; readonly tls: Tls | undefined }): HttpClientDto {
  const { basicAuth, authorization, tls } = auth;
  const tlsConfig = tls && defined({ ca_file: tls.caFile, cert_file: tls.certFile, key_file: tls.keyFile, server_name: tls.serverName, insecure_skip_verify: tls.insecureSkipVerify });
  return {
    ...(basicAuth && { basic_auth: defined({ username: basicAuth.username, password_file: basicAuth.passwordFile }) }),
    ...(authorization && { authorization: defined({ type: authorization.type, credentials_file: authorization.credentialsFile }) }),
    ...(tlsConfig && Object.keys(tlsConfig).length > 0 && { tls_config: tlsConfig }),
  };
}

function toRemoteWrite(remote: RemoteWrite): RemoteWriteDto {
  const { queue } = remote;
  return {
    url: remote.url,
    ...(remote.name !== undefined && { name: remote.name }),
    ...(Object.keys(remote.headers).length > 0 && { headers: remote.headers }),
    ...toHttpClient(remote),
    ...(queue && {
      queue_config: defined({
        capacity: queue.capacity,
        min_shards: queue.minShards,
        max_shards: queue.maxShards,
        max_samples_per_send: queue.maxSamplesPerSend,
        batch_send_deadline: queue.batchSendDeadline,
      }),
    }),
    ...(remote.writeRelabel.length > 0 && { write_relabel_configs: remote.writeRelabel.map(toRelabelConfig) }),
  };
}
