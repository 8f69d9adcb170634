/** Every name monc generates — paths, group names, labels, annotations — comes from here. */

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof SEVERITIES)[number];

export const LABEL = { severity: 'severity', service: 'service', team: 'team', slo: 'slo', tier: 'tier', window: 'window', timezone: 'timezone' } as const;
export const ANNOTATION = { summary: 'summary', description: 'description', runbook: 'runbook_url', dashboard: 'dashboard_url' } as const;

/** The labels an alerting rule sets: service and team, the alert's own labels, then severity. */
export function alertRuleLabels(alert: { readonly service: string; readonly labels: Readonly<Record<string, string>>; readonly severity: string | undefined }, team: string): Record<string, string> {
  // Assigned one by one: computed keys and a spread in one literal take V8's slow path.
  const labels: Record<string, string> = {};
  labels[LABEL.service] = alert.service;
  labels[LABEL.team] = team;
  Object.assign(labels, alert.labels);
  if (alert.severity !== undefined) labels[LABEL.severity] = alert.severity;
  return labels;
}

/** The SLI series an SLO records (level:metric:operations), named after its recording step. */
export function sliSeries(step: string): { readonly errors: string; readonly total: string } {
  return {
    /** Bad events in the last step, per evaluation. */
    errors: `slo:sli_errors:increase${step}`,
    /** All events in the last step, per evaluation. */
    total: `slo:sli_total:increase${step}`,
  };
}

/** A calendar SLO's copy of an SLI series, labelled with the period phase it was recorded in. */
export function calendarSeries(sliSeriesName: string): string {
  return `${sliSeriesName}_calendar`;
}

/** Series the SLO rules record besides the SLI (level:metric:operations), each labelled with service and slo. */
export const SLO_SERIES = {
  /** The wall-clock time of a calendar SLO's zone, as epoch seconds: one per service and zone, labelled with service and timezone. */
  calendarLocalTime: 'slo:calendar_local_time:seconds',
  /** A calendar SLO's period index (year × 12 + month, …) at each evaluation. */
  calendarIndex: 'slo:calendar_period:index',
  /** The objective as a ratio (0.999), with a window label: for dashboards. */
  objective: 'slo:objective:ratio',
  /** The error ratio over the whole SLO window. */
  periodErrorRatio: 'slo:sli_error:ratio_period',
  /** 1 − spent share of the window's error budget; negative once overspent. */
  budgetRemaining: 'slo:error_budget_remaining:ratio',
} as const;

/**
 * The SLI is recorded as increases over a step; every window is summed from them. The step is
 * the longest that divides every window of the SLO, at most this (slo/math.ts sliStep).
 */
export const MAX_SLI_STEP = '5m';
/** In an SLI query, stands for the window the query counts events over. */
export const WINDOW_PLACEHOLDER = '{{window}}';
/** The period rules read the whole window, so they run less often (under the 5m lookback). */
export const SLO_PERIOD_INTERVAL = '2m30s';

export function sloId(service: string, name: string): string {
  return `${service}-${name}`;
}

export function sloRuleGroupName(service: string): string {
  return `${service}-slos`;
}

export function sloPeriodRuleGroupName(service: string): string {
  return `${service}-slos-period`;
}

function pascal(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The page tiers' alert: fast burn. */
export function sloPageAlertName(service: string, slo: string): string {
  return `${pascal(service)}${pascal(slo)}FastBurn`;
}

/** The ticket tiers' alert: slow burn. */
export function sloTicketAlertName(service: string, slo: string): string {
  return `${pascal(service)}${pascal(slo)}SlowBurn`;
}

export function sloNoDataAlertName(service: string, slo: string): string {
  return `${pascal(service)}${pascal(slo)}NoData`;
}

/**
 * Generated SLO tests of a service, one file per recording step (promtool evaluates a file at
 * one interval, and each SLO's tests step at its own): the usual 5m step keeps the plain name.
 */
export function sloTestFilePath(service: string, step: string): string {
  return step === MAX_SLI_STEP ? `prometheus/tests/${service}.test.yml` : `prometheus/tests/${service}.${step}.test.yml`;
}

export function customTestFilePath(service: string): string {
  return `prometheus/tests/${service}.custom.test.yml`;
}

/** A rule file as a test file in prometheus/tests/ names it. */
export function ruleFileFromTests(service: string): string {
  return `../rules/${service}.yml`;
}

export const DOCS_PATHS = {
  index: 'docs/README.md',
  alerts: 'docs/alerts.md',
  metrics: 'docs/metrics.md',
  routing: 'docs/routing.md',
} as const;

/** A service's page, under out/docs/. */
export function servicePagePath(service: string): string {
  return `docs/services/${service}.md`;
}

/** A runbook page monc writes, under out/docs/. */
export function runbookPath(alert: string): string {
  return `docs/runbooks/${alert}.md`;
}

/**
 * An alert's runbook_url: the URL written in the definitions, or else its published runbook
 * page when it has runbook text and the config says where runbooks are published.
 */
export function runbookUrl(alert: { readonly name: string; readonly runbook: string | undefined; readonly runbookText: string | undefined }, runbooksUrl: string | undefined): string | undefined {
  if (alert.runbook !== undefined) return alert.runbook;
  return alert.runbookText !== undefined && runbooksUrl !== undefined ? `${runbooksUrl}/${alert.name}.md` : undefined;
}

/** Every dashboard picks its Prometheus with this variable; the provisioned datasource has this uid. */
export const DATASOURCE_VARIABLE = 'datasource';
export const DATASOURCE_UID = 'prometheus';

/** Grafana uids are at most 40 characters: a longer id keeps its start and gets a hash of the whole. */
export function dashboardUid(id: string): string {
  const uid = `monc-${id}`;
  if (uid.length <= 40) return uid;
  let hash = 2166136261;
  for (const char of uid) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return `${uid.slice(0, 31)}-${hash.toString(16).padStart(8, '0')}`;
}

/** The id of a service's generated SLO dashboard. */
export function sloDashboardId(service: string): string {
  return `slo-${service}`;
}

export const FLEET_DASHBOARD_ID = 'slo-overview';

export function sloDashboardUid(service: string): string {
  return dashboardUid(sloDashboardId(service));
}

/** out/grafana/dashboards/<folder>/<uid>.json: Grafana's file provider makes the folder from the directory. */
export function dashboardPath(folder: string, uid: string): string {
  return `grafana/dashboards/${folder}/${uid}.json`;
}

export function dashboardUrl(grafanaUrl: string, uid: string): string {
  return `${grafanaUrl.replace(/\/+$/, '')}/d/${uid}`;
}

export const OUT_PATHS = {
  prometheusConfig: 'prometheus/prometheus.yml',
  alertmanagerConfig: 'alertmanager/alertmanager.yml',
  grafanaDashboardProvisioning: 'grafana/provisioning/dashboards/monc.yml',
  grafanaDatasourceProvisioning: 'grafana/provisioning/datasources/prometheus.yml',
  manifest: '.monc-manifest.json',
} as const;

/** A notification template file; alertmanager.yml loads them as templates/*.tmpl. */
export function alertmanagerTemplatePath(name: string): string {
  return `alertmanager/templates/${name}`;
}

/**
 * Where monc import points a secret it found inline in an imported alertmanager.yml (a key, a
 * webhook URL, a password): the file a person writes it to, mounted into Alertmanager.
 */
export function importedSecretPath(name: string): string {
  return `/etc/alertmanager/secrets/${name}`;
}

export function ruleFilePath(service: string): string {
  return `prometheus/rules/${service}.yml`;
}

/** The Mimir/Cortex ruler namespace a service's rule groups go to: its own, or its team's. */
export function mimirNamespace(service: { readonly name: string; readonly team: string }, per: 'service' | 'team'): string {
  return per === 'team' ? service.team : service.name;
}

/**
 * A namespace's mimirtool rule file. Team names are free text: every character but [a-z0-9-]
 * is written as _ and its UTF-8 bytes in hex, so two namespaces never share a file, not even
 * on a case-insensitive file system.
 */
export function mimirRuleFilePath(namespace: string): string {
  const safe = [...new TextEncoder().encode(namespace)].map((byte) => (/[a-z0-9-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `_${byte.toString(16).padStart(2, '0')}`)).join('');
  return `mimir/${safe}.yml`;
}

export function thanosRuleFilePath(service: string): string {
  return `thanos/rules/${service}.yml`;
}

/** A rule file path as written in prometheus.yml, relative to that file. */
export function ruleFileReference(service: string): string {
  return `rules/${service}.yml`;
}

export function ruleGroupName(service: string): string {
  return service;
}

/** Series every Prometheus server writes itself, so expressions may use them undeclared. */
export const BUILTIN_SERIES = [
  'ALERTS',
  'ALERTS_FOR_STATE',
  'scrape_duration_seconds',
  'scrape_samples_post_metric_relabeling',
  'scrape_samples_scraped',
  'scrape_series_added',
  'up',
] as const;

/** Labels Prometheus attaches to every scraped series. */
export const TARGET_LABELS = ['instance', 'job'] as const;

/** How the help text of a metric monc import declared from evidence starts, until a person confirms it (catalog/inferred). */
export const INFERRED_HELP_PREFIX = 'Inferred by monc import';

/** The DO NOT EDIT banner, naming the source file, or the folder holding several sources. */
export function generatedHeader(sources: readonly string[], comment: '#' | '//' | 'markdown' | 'go-template' = '#'): string {
  const from = sources.length === 1 ? ` from ${sources[0]}` : sources.length > 1 ? ` from ${commonFolder(sources)}` : '';
  const text = `Code generated by monc${from}. DO NOT EDIT.`;
  if (comment === 'markdown') return `<!-- ${text} -->\n`;
  if (comment === 'go-template') return `{{/* ${text} */}}\n`;
  return `${comment} ${text}\n`;
}

function commonFolder(files: readonly string[]): string {
  const split = files.map((file) => file.split('/').slice(0, -1));
  const first = split[0] ?? [];
  let depth = 0;
  while (depth < first.length && split.every((parts) => parts[depth] === first[depth])) depth++;
  return depth === 0 ? './' : `${first.slice(0, depth).join('/')}/`;
}

// ---------------------------------------------------------------- Kubernetes objects (prometheus-operator target)

/** What every object monc writes for Kubernetes carries, besides the config's labels. */
export const KUBERNETES_MANAGED_BY = { 'app.kubernetes.io/managed-by': 'monc' } as const;

/** The labels of every object monc writes for Kubernetes, PrometheusRules included: the config's win. */
export function kubernetesLabels(configured: Readonly<Record<string, string>>): Record<string, string> {
  return { ...KUBERNETES_MANAGED_BY, ...configured };
}

/**
 * An object name (a lowercase RFC 1123 DNS subdomain) from a service, team or dashboard name:
 * lowercase, each run of other characters a '-', no '-' at either end. Empty when nothing is
 * left; k8s/name reports that, a name over `maxLength`, and two objects of a kind with one name.
 */
export function kubernetesName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The PrometheusRule of a service or team; `part` numbers the objects of one split over the operator's size limit. */
export function prometheusRuleName(owner: string, part?: number): string {
  const name = kubernetesName(owner);
  return part === undefined ? name : `${name}-${part}`;
}

/** The ServiceMonitor or PodMonitor of a service. */
export function monitorName(service: string): string {
  return kubernetesName(service);
}

/** The ConfigMap the Grafana sidecar loads a dashboard from, and the key of its JSON. */
export function dashboardConfigMapName(uid: string): string {
  return kubernetesName(`grafana-dashboard-${uid}`);
}

export function dashboardConfigMapKey(uid: string): string {
  return `${uid}.json`;
}

/** The Secret the operator reads an Alertmanager's configuration from (alertmanager-<name>), and its key. */
export function alertmanagerConfigSecretName(alertmanager: string): string {
  return `alertmanager-${alertmanager}`;
}

export const ALERTMANAGER_CONFIG_KEY = 'alertmanager.yaml';

/** Where the operator mounts the configuration Secret's other keys (the templates) in the Alertmanager container. */
export const ALERTMANAGER_CONFIG_DIR = '/etc/alertmanager/config';

/** Where the operator mounts a key of a Secret listed in the Alertmanager resource's spec.secrets. */
export function alertmanagerSecretFile(secret: string, key: string): string {
  return `/etc/alertmanager/secrets/${secret}/${key}`;
}

const MOUNTED_SECRET_FILE = /^\/etc\/alertmanager\/secrets\/([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)\/([-._a-zA-Z0-9]+)$/;

/**
 * The Secret key a routing credential file is read from in the cluster: a file already where the
 * operator mounts a Secret (/etc/alertmanager/secrets/<secret>/<key>) is that key; any other is
 * the key named like the file in alertmanager-<name>-credentials, which the user creates.
 */
export function alertmanagerCredential(file: string, alertmanager: string): { readonly secret: string; readonly key: string } {
  const mounted = MOUNTED_SECRET_FILE.exec(file);
  if (mounted) return { secret: mounted[1] as string, key: mounted[5] as string };
  return { secret: `alertmanager-${alertmanager}-credentials`, key: file.slice(file.lastIndexOf('/') + 1) };
}

/** The AlertmanagerConfig holding the routing, and the ConfigMap with its templates (mounted through spec.configMaps). */
export const ALERTMANAGER_CONFIG_OBJECT_NAME = 'monc';

export function alertmanagerTemplatesConfigMapName(alertmanager: string): string {
  return `alertmanager-${alertmanager}-templates`;
}

/** Where the operator mounts a ConfigMap listed in spec.configMaps, in the Alertmanager container. */
export function alertmanagerConfigMapDir(configMap: string): string {
  return `/etc/alertmanager/configmaps/${configMap}`;
}

/** files: per-kind — out/kubernetes/<namespace>/<kinds>.yaml, e.g. prometheusrules.yaml. */
export function kubernetesKindPath(namespace: string, plural: string): string {
  return `kubernetes/${namespace}/${plural}.yaml`;
}

/** files: per-object — out/kubernetes/<namespace>/<kinds>/<name>.yaml. */
export function kubernetesObjectPath(namespace: string, plural: string, name: string): string {
  return `kubernetes/${namespace}/${plural}/${name}.yaml`;
}
