/** monc.config.yaml resolved: every setting the config leaves out gets its default here. */
import type { ConfigSpec } from '../api/types.gen.ts';
import type { CardinalitySettings, GrafanaSettings, PrometheusSettings, Settings } from './model.ts';

export const DEFAULT_PROMETHEUS: PrometheusSettings = {
  version: 2,
  scrapeInterval: '15s',
  evaluationInterval: '30s',
  alertmanagers: ['alertmanager:9093'],
  externalLabels: {},
  retention: '15d',
  features: [],
};

export const DEFAULT_GRAFANA: GrafanaSettings = { url: undefined, prometheusUrl: 'http://prometheus:9090' };

export const DEFAULT_CARDINALITY: CardinalitySettings = {
  maxLabelValues: 100,
  seriesPerMetric: 10_000,
  seriesPerService: 100_000,
  seriesTotal: 1_000_000,
};

/** `defaultTargets`: the output targets written when the config names none. */
export function resolveSettings(config: ConfigSpec, defaultTargets: readonly string[]): Settings {
  const p = config.prometheus ?? {};
  return {
    prometheus: {
      version: p.version ?? DEFAULT_PROMETHEUS.version,
      scrapeInterval: p.scrapeInterval ?? DEFAULT_PROMETHEUS.scrapeInterval,
      evaluationInterval: p.evaluationInterval ?? DEFAULT_PROMETHEUS.evaluationInterval,
      alertmanagers: p.alertmanagers ?? DEFAULT_PROMETHEUS.alertmanagers,
      externalLabels: p.externalLabels ?? DEFAULT_PROMETHEUS.externalLabels,
      retention: p.retention ?? DEFAULT_PROMETHEUS.retention,
      features: p.features ?? DEFAULT_PROMETHEUS.features,
    },
    grafana: { url: config.grafana?.url?.replace(/\/+$/, ''), prometheusUrl: config.grafana?.prometheusUrl ?? DEFAULT_GRAFANA.prometheusUrl },
    cardinality: { ...DEFAULT_CARDINALITY, ...config.cardinality },
    runbooksUrl: config.runbooks?.url.replace(/\/+$/, ''),
    targets: config.targets ?? defaultTargets,
  };
}
