/** monc.config.yaml resolved: every setting the config leaves out gets its default here. */
import type { ConfigSpec } from '../api/types.gen.ts';
import { toAuthorization, toBasicAuth, toLabelSelector, toRelabel, toTls } from './deploy-settings.ts';
import { parseDuration } from '../promql/ast.ts';
import type { CardinalitySettings, GrafanaSettings, KubernetesSettings, OnlineServer, OnlineSettings, PrometheusSettings, Settings } from './model.ts';
import { createOrigin, type Origin } from './origin.ts';

export const DEFAULT_PROMETHEUS: PrometheusSettings = {
  version: 2,
  scrapeInterval: '15s',
  evaluationInterval: '30s',
  alertmanagers: ['alertmanager:9093'],
  externalLabels: {},
  retention: '15d',
  features: [],
  remoteWrite: [],
};

/** Where a setting is when there is no config file: nowhere in particular. */
const NO_CONFIG: Origin = createOrigin('monc.config.yaml', () => ({ file: 'monc.config.yaml', start: 0, end: 0 }));

export const DEFAULT_KUBERNETES: KubernetesSettings = {
  namespace: 'monitoring',
  labels: {},
  annotations: {},
  ruleSelector: undefined,
  ruleObjects: 'service',
  files: 'per-kind',
  alertmanager: { name: 'main', config: 'secret' },
  dashboards: { labels: { grafana_dashboard: '1' }, folderAnnotation: 'grafana_folder' },
  origin: NO_CONFIG.child('kubernetes'),
};

/** Mimir's default -ruler.max-rules-per-rule-group (since Mimir 2.0; Cortex has no limit by default). */
export const MIMIR_MAX_RULES_PER_GROUP = 20;

export const DEFAULT_GRAFANA: GrafanaSettings = { url: undefined, prometheusUrl: 'http://prometheus:9090' };

export const DEFAULT_CARDINALITY: CardinalitySettings = {
  maxLabelValues: 100,
  seriesPerMetric: 10_000,
  seriesPerService: 100_000,
  seriesTotal: 1_000_000,
};

/** `defaultTargets`: the output targets written when the config names none. */
export function resolveSettings(config: ConfigSpec, defaultTargets: readonly string[], origin: Origin = NO_CONFIG): Settings {
  const p = config.prometheus ?? {};
  const k = config.kubernetes ?? {};
  return {
    prometheus: {
      version: p.version ?? DEFAULT_PROMETHEUS.version,
      scrapeInterval: p.scrapeInterval ?? DEFAULT_PROMETHEUS.scrapeInterval,
      evaluationInterval: p.evaluationInterval ?? DEFAULT_PROMETHEUS.evaluationInterval,
      alertmanagers: p.alertmanagers ?? DEFAULT_PROMETHEUS.alertmanagers,
      externalLabels: p.externalLabels ?? DEFAULT_PROMETHEUS.externalLabels,
      retention: p.retention ?? DEFAULT_PROMETHEUS.retention,
      features: p.features ?? DEFAULT_PROMETHEUS.features,
      remoteWrite: (p.remoteWrite ?? []).map((spec, i) => {
        const at = origin.child('prometheus', 'remoteWrite', i);
        return {
          url: spec.url,
          name: spec.name,
          headers: spec.headers ?? {},
          basicAuth: spec.basicAuth && toBasicAuth(spec.basicAuth),
          authorization: spec.authorization && toAuthorization(spec.authorization),
          tls: spec.tls && toTls(spec.tls),
          queue: spec.queue && {
            capacity: spec.queue.capacity,
            minShards: spec.queue.minShards,
            maxShards: spec.queue.maxShards,
            maxSamplesPerSend: spec.queue.maxSamplesPerSend,
            batchSendDeadline: spec.queue.batchSendDeadline,
          },
          writeRelabel: (spec.writeRelabel ?? []).map((r, j) => toRelabel(r, at.child('writeRelabel', j))),
          origin: at,
        };
      }),
    },
    grafana: { url: config.grafana?.url?.replace(/\/+$/, ''), prometheusUrl: config.grafana?.prometheusUrl ?? DEFAULT_GRAFANA.prometheusUrl },
    cardinality: { ...DEFAULT_CARDINALITY, ...config.cardinality },
    runbooksUrl: config.runbooks?.url.replace(/\/+$/, ''),
    targets: config.targets ?? defaultTargets,
    kubernetes: {
      namespace: k.namespace ?? DEFAULT_KUBERNETES.namespace,
      labels: k.labels ?? DEFAULT_KUBERNETES.labels,
      annotations: k.annotations ?? DEFAULT_KUBERNETES.annotations,
      ruleSelector: k.ruleSelector && toLabelSelector(k.ruleSelector, origin.child('kubernetes', 'ruleSelector')),
      ruleObjects: k.ruleObjects ?? DEFAULT_KUBERNETES.ruleObjects,
      files: k.files ?? DEFAULT_KUBERNETES.files,
      alertmanager: { ...DEFAULT_KUBERNETES.alertmanager, ...k.alertmanager },
      dashboards: { ...DEFAULT_KUBERNETES.dashboards, ...k.dashboards },
      origin: origin.child('kubernetes'),
    },
    mimir: { namespaces: config.mimir?.namespaces ?? 'service', maxRulesPerGroup: config.mimir?.maxRulesPerGroup ?? MIMIR_MAX_RULES_PER_GROUP },
    thanos: { partialResponseStrategy: config.thanos?.partialResponseStrategy ?? 'abort' },
    online: resolveOnline(config.online ?? {}, origin.child('online')),
  };
}

export const DEFAULT_ONLINE = { timeout: '5s', concurrency: 4, lookback: '7d', queryCostBudget: { samples: 1_000_000, series: 10_000 } } as const;

function resolveOnline(spec: NonNullable<ConfigSpec['online']>, origin: Origin): OnlineSettings {
  const server = (key: 'prometheus' | 'alertmanager'): OnlineServer => {
    const s = spec[key] ?? {};
    return { url: s.url?.replace(/\/+$/, ''), bearerTokenFile: s.bearerTokenFile, basicAuth: s.basicAuth, tls: s.tls, origin: origin.child(key) };
  };
  return {
    prometheus: server('prometheus'),
    alertmanager: server('alertmanager'),
    timeoutMs: parseDuration(spec.timeout ?? DEFAULT_ONLINE.timeout) ?? 5000,
    concurrency: spec.concurrency ?? DEFAULT_ONLINE.concurrency,
    lookbackMs: parseDuration(spec.lookback ?? DEFAULT_ONLINE.lookback) ?? 7 * 86_400_000,
    queryCostBudget: { ...DEFAULT_ONLINE.queryCostBudget, ...spec.queryCostBudget },
  };
}
