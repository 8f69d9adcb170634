import type { Alert, Model, RecordingRule, RuleTest, Service } from '../../model/model.ts';
import {
  ANNOTATION,
  OUT_PATHS,
  alertRuleLabels,
  runbookUrl,
  dashboardUid,
  dashboardUrl,
  SLI_STEP,
  customTestFilePath,
  generatedHeader,
  ruleFileFromTests,
  ruleFilePath,
  ruleFileReference,
  ruleGroupName,
  sloTestFilePath,
} from '../../model/conventions.ts';
import { sloRuleGroups } from '../../slo/rules.ts';
import { sloTests } from '../../slo/tests.ts';
import { toYaml } from '../../serialize/yaml.ts';
import type { Artifact, Emitter } from '../artifact.ts';
import {
  CONFIG_KEY_ORDER,
  RULE_FILE_KEY_ORDER,
  TEST_FILE_KEY_ORDER,
  type AlertingRuleDto,
  type PrometheusConfigDto,
  type RecordingRuleDto,
  type RuleFileDto,
  type RuleGroupDto,
  type TestFileDto,
  type TestGroupDto,
} from './types.ts';

/**
 * Rule files, one per service with rules or SLOs; promtool test files for its SLOs and for
 * the tests its definitions spell out; and prometheus.yml that scrapes and loads the rules.
 */
export const prometheusEmitter: Emitter = {
  id: 'prometheus',
  emit(model) {
    const withRules = model.services.filter((s) => s.alerts.length + s.recordingRules.length + s.slos.length > 0);
    const ruleFiles = withRules.map((service): Artifact => ({
      path: ruleFilePath(service.name),
      content: toYaml(toRuleFile(service, model), generatedHeader([service.origin.file]), RULE_FILE_KEY_ORDER),
    }));
    const testFiles = withRules.flatMap((service): Artifact[] => {
      const generated = service.slos.flatMap((slo) => sloTests(slo, model));
      return [
        // The SLO scenarios use 5m samples, so they evaluate every 5m; the author's tests get promtool's default.
        ...(generated.length > 0 ? [testFile(service, sloTestFilePath(service.name), SLI_STEP, generated)] : []),
        ...(service.tests.length > 0 ? [testFile(service, customTestFilePath(service.name), '1m', service.tests)] : []),
      ];
    });
    const config: Artifact = {
      path: OUT_PATHS.prometheusConfig,
      content: toYaml(toConfig(model, withRules), generatedHeader(sourceFiles(model.services)), CONFIG_KEY_ORDER),
    };
    return [config, ...ruleFiles, ...testFiles];
  },
};

function testFile(service: Service, path: string, evaluationInterval: string, tests: readonly RuleTest[]): Artifact {
  const dto: TestFileDto = { rule_files: [ruleFileFromTests(service.name)], evaluation_interval: evaluationInterval, tests: tests.map(toTestGroup) };
  return { path, content: toYaml(dto, generatedHeader([service.origin.file]), TEST_FILE_KEY_ORDER) };
}

function toTestGroup(test: RuleTest): TestGroupDto {
  return {
    name: test.name,
    interval: test.interval,
    input_series: test.inputSeries.map(({ series, values }) => ({ series, values })),
    ...(test.alertRuleTests.length > 0 && {
      alert_rule_test: test.alertRuleTests.map((t) => ({
        eval_time: t.evalTime,
        alertname: t.alertname,
        exp_alerts: t.expAlerts.map((a) => ({
          ...(Object.keys(a.expLabels).length > 0 && { exp_labels: a.expLabels }),
          ...(Object.keys(a.expAnnotations).length > 0 && { exp_annotations: a.expAnnotations }),
        })),
      })),
    }),
    ...(test.promqlExprTests.length > 0 && {
      promql_expr_test: test.promqlExprTests.map((t) => ({ expr: t.expr, eval_time: t.evalTime, exp_samples: t.expSamples })),
    }),
  };
}

function sourceFiles(services: readonly Service[]): string[] {
  return [...new Set(services.map((s) => s.origin.file))].sort();
}

function toRuleFile(service: Service, model: Model): RuleFileDto {
  const own: RuleGroupDto[] =
    service.alerts.length + service.recordingRules.length > 0 ? [toGroup(ruleGroupName(service.name), undefined, service.recordingRules, service.alerts, service, model)] : [];
  const slos = sloRuleGroups(service.name, service.slos).map((g) => toGroup(g.name, g.interval, g.recordingRules, g.alerts, service, model));
  return { groups: [...own, ...slos] };
}

function toGroup(name: string, interval: string | undefined, recordingRules: readonly RecordingRule[], alerts: readonly Alert[], service: Service, model: Model): RuleGroupDto {
  return {
    name,
    ...(interval !== undefined && { interval }),
    // Recording rules first: alerts in the same group then see this cycle's recordings.
    rules: [...recordingRules.map(toRecordingRule), ...alerts.map((a) => toAlertingRule(a, service, model))],
  };
}

function toRecordingRule(rule: RecordingRule): RecordingRuleDto {
  return Object.keys(rule.labels).length > 0
    ? { record: rule.record, expr: formatExpr(rule.expr.text), labels: rule.labels }
    : { record: rule.record, expr: formatExpr(rule.expr.text) };
}

function toAlertingRule(alert: Alert, service: Service, model: Model): AlertingRuleDto {
  const annotations: Record<string, string> = { ...alert.annotations };
  if (alert.summary !== undefined) annotations[ANNOTATION.summary] = alert.summary;
  if (alert.description !== undefined) annotations[ANNOTATION.description] = alert.description;
  const runbook = runbookUrl(alert, model.runbooksUrl);
  if (runbook !== undefined) annotations[ANNOTATION.runbook] = runbook;
  if (alert.dashboard !== undefined && model.grafana.url !== undefined) annotations[ANNOTATION.dashboard] = dashboardUrl(model.grafana.url, dashboardUid(alert.dashboard));
  const labels = alertRuleLabels(alert, service.team);
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
