/** RawDocuments → Model: defaults applied in one place, deterministic order, origins kept. */
import type { AlertSpec, ConfigSpec, MetricSpec, RecordingRuleSpec, ServiceSpec } from '../api/types.gen.ts';
import { compareText } from '../diagnostic.ts';
import type { Origin, RawDocument } from '../load/origin.ts';
import type { Alert, CardinalitySettings, Metric, Model, PrometheusSettings, RecordingRule, Service } from './model.ts';

export const DEFAULT_PROMETHEUS: PrometheusSettings = {
  version: 2,
  scrapeInterval: '15s',
  evaluationInterval: '30s',
  alertmanagers: ['alertmanager:9093'],
  externalLabels: {},
};

export function resolvePrometheusSettings(config: ConfigSpec): PrometheusSettings {
  const p = config.prometheus ?? {};
  return {
    version: p.version ?? DEFAULT_PROMETHEUS.version,
    scrapeInterval: p.scrapeInterval ?? DEFAULT_PROMETHEUS.scrapeInterval,
    evaluationInterval: p.evaluationInterval ?? DEFAULT_PROMETHEUS.evaluationInterval,
    alertmanagers: p.alertmanagers ?? DEFAULT_PROMETHEUS.alertmanagers,
    externalLabels: p.externalLabels ?? DEFAULT_PROMETHEUS.externalLabels,
  };
}

export const DEFAULT_CARDINALITY: CardinalitySettings = {
  maxLabelValues: 100,
  seriesPerMetric: 10_000,
  seriesPerService: 100_000,
  seriesTotal: 1_000_000,
};

export function resolveCardinalitySettings(config: ConfigSpec): CardinalitySettings {
  return { ...DEFAULT_CARDINALITY, ...config.cardinality };
}

export function buildModel(
  documents: readonly RawDocument[],
  prometheus: PrometheusSettings,
  cardinality: CardinalitySettings = DEFAULT_CARDINALITY,
): Model {
  const services: Service[] = [];
  const metrics: Metric[] = [];
  // Documents arrive in file order; the stable sorts below keep that order among equal names,
  // so the first declaration of a duplicate is the one in the earlier file.
  for (const document of documents) {
    if (document.kind === 'service') {
      const service = toService(document.spec, document.origin);
      services.push(service);
      metrics.push(...service.metrics);
    } else metrics.push(toMetric(document.spec, undefined, document.origin));
  }
  services.sort((a, b) => compareText(a.name, b.name));
  metrics.sort((a, b) => compareText(a.name, b.name));
  const metricsByName = new Map<string, Metric>();
  for (const metric of metrics) if (!metricsByName.has(metric.name)) metricsByName.set(metric.name, metric);
  return {
    services,
    metrics,
    alerts: services.flatMap((service) => service.alerts),
    recordingRules: services.flatMap((service) => service.recordingRules),
    metricsByName,
    prometheus,
    cardinality,
  };
}

function toService(spec: ServiceSpec, origin: Origin): Service {
  const name = spec.name;
  return {
    name,
    team: spec.team,
    description: spec.description,
    instances: spec.instances ?? spec.scrape?.targets.length ?? 1,
    scrape: spec.scrape && {
      job: spec.scrape.job ?? name,
      targets: spec.scrape.targets,
      metricsPath: spec.scrape.metricsPath,
      interval: spec.scrape.interval,
      scheme: spec.scrape.scheme,
    },
    metrics: (spec.metrics ?? []).map((metric, i) => toMetric(metric, name, origin.child('metrics', i))),
    alerts: (spec.alerts ?? []).map((alert, i) => toAlert(alert, name, origin.child('alerts', i))),
    recordingRules: (spec.recordingRules ?? []).map((rule, i) => toRecordingRule(rule, name, origin.child('recordingRules', i))),
    origin,
  };
}

function toMetric(spec: MetricSpec, service: string | undefined, origin: Origin): Metric {
  return {
    name: spec.name,
    type: spec.type,
    help: spec.help,
    unit: spec.unit,
    labels: Object.entries(spec.labels ?? {})
      .map(([name, domain]) => ({
        name,
        description: domain.description,
        values: domain.values,
        maxValues: domain.maxValues,
        pattern: domain.pattern,
      }))
      .sort((a, b) => compareText(a.name, b.name)),
    buckets: spec.buckets,
    exporter: spec.exporter,
    service,
    origin,
  };
}

function toAlert(spec: AlertSpec, service: string, origin: Origin): Alert {
  return {
    name: spec.name,
    service,
    expr: { text: spec.expr, origin: origin.child('expr') },
    for: spec.for,
    keepFiringFor: spec.keepFiringFor,
    severity: spec.severity,
    summary: spec.summary,
    description: spec.description,
    runbook: spec.runbook,
    labels: spec.labels ?? {},
    annotations: spec.annotations ?? {},
    origin,
  };
}

function toRecordingRule(spec: RecordingRuleSpec, service: string, origin: Origin): RecordingRule {
  return { record: spec.record, service, expr: { text: spec.expr, origin: origin.child('expr') }, labels: spec.labels ?? {}, origin };
}
