import type { Alert, Model, RecordingRule, Service } from '../../model/model.ts';
import {
  ANNOTATION,
  LABEL,
  OUT_PATHS,
  generatedHeader,
  ruleFilePath,
  ruleFileReference,
  ruleGroupName,
} from '../../model/conventions.ts';
import { toYaml } from '../../serialize/yaml.ts';
import type { Artifact, Emitter } from '../artifact.ts';
import {
  CONFIG_KEY_ORDER,
  RULE_FILE_KEY_ORDER,
  type AlertingRuleDto,
  type PrometheusConfigDto,
  type RecordingRuleDto,
  type RuleFileDto,
} from './types.ts';

/** Rule files, one per service with rules, and prometheus.yml that scrapes and loads them. */
export const prometheusEmitter: Emitter = {
  id: 'prometheus',
  emit(model) {
    const withRules = model.services.filter((s) => s.alerts.length + s.recordingRules.length > 0);
    const ruleFiles = withRules.map((service): Artifact => ({
      path: ruleFilePath(service.name),
      content: toYaml(toRuleFile(service), generatedHeader([service.origin.file]), RULE_FILE_KEY_ORDER),
    }));
    const config: Artifact = {
      path: OUT_PATHS.prometheusConfig,
      content: toYaml(toConfig(model, withRules), generatedHeader(sourceFiles(model.services)), CONFIG_KEY_ORDER),
    };
    return [config, ...ruleFiles];
  },
};

function sourceFiles(services: readonly Service[]): string[] {
  return [...new Set(services.map((s) => s.origin.file))].sort();
}

function toRuleFile(service: Service): RuleFileDto {
  return {
    groups: [
      {
        name: ruleGroupName(service.name),
        // Recording rules first: alerts in the same group then see this cycle's recordings.
        rules: [...service.recordingRules.map(toRecordingRule), ...service.alerts.map((a) => toAlertingRule(a, service))],
      },
    ],
  };
}

function toRecordingRule(rule: RecordingRule): RecordingRuleDto {
  return Object.keys(rule.labels).length > 0
    ? { record: rule.record, expr: formatExpr(rule.expr.text), labels: rule.labels }
    : { record: rule.record, expr: formatExpr(rule.expr.text) };
}

function toAlertingRule(alert: Alert, service: Service): AlertingRuleDto {
  const annotations: Record<string, string> = { ...alert.annotations };
  if (alert.summary !== undefined) annotations[ANNOTATION.summary] = alert.summary;
  if (alert.description !== undefined) annotations[ANNOTATION.description] = alert.description;
  if (alert.runbook !== undefined) annotations[ANNOTATION.runbook] = alert.runbook;
  const labels: Record<string, string> = { [LABEL.service]: service.name, [LABEL.team]: service.team, ...alert.labels };
  if (alert.severity !== undefined) labels[LABEL.severity] = alert.severity;
  const dto: AlertingRuleDto = { alert: alert.name, expr: formatExpr(alert.expr.text), labels, annotations };
  return {
    ...dto,
    ...(alert.for !== undefined && { for: alert.for }),
    ...(alert.keepFiringFor !== undefined && { keep_firing_for: alert.keepFiringFor }),
  };
}

/** Expressions keep the author's layout; only surrounding blank space goes. */
function formatExpr(text: string): string {
  return text.trim().split('\n').map((line) => line.trimEnd()).join('\n');
}

function toConfig(model: Model, withRules: readonly Service[]): PrometheusConfigDto {
  const { prometheus } = model;
  return {
    global: {
      scrape_interval: prometheus.scrapeInterval,
      evaluation_interval: prometheus.evaluationInterval,
      ...(Object.keys(prometheus.externalLabels).length > 0 && { external_labels: prometheus.externalLabels }),
    },
    rule_files: withRules.map((service) => ruleFileReference(service.name)),
    alerting: { alertmanagers: [{ static_configs: [{ targets: prometheus.alertmanagers }] }] },
    scrape_configs: model.services.flatMap((service) => {
      const scrape = service.scrape;
      if (!scrape) return [];
      return [
        {
          job_name: scrape.job,
          ...(scrape.metricsPath !== undefined && { metrics_path: scrape.metricsPath }),
          ...(scrape.interval !== undefined && { scrape_interval: scrape.interval }),
          ...(scrape.scheme !== undefined && { scheme: scrape.scheme }),
          // No target labels: alerts carry service and team as rule labels, which would
          // silently override the same labels on the series an alert is about.
          static_configs: [{ targets: scrape.targets }],
        },
      ];
    }),
  };
}
