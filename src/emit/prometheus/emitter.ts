import type { Expanded } from '../../expand/expand.ts';
import type { Model, RuleTest, Service } from '../../model/model.ts';
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
import type { Artifact, Target } from '../artifact.ts';
import { toRuleGroupDto } from './rule-groups.ts';
import {
  CONFIG_KEY_ORDER,
  RULE_FILE_KEY_ORDER,
  TEST_FILE_KEY_ORDER,
  type PrometheusConfigDto,
  type RuleFileDto,
  type TestFileDto,
  type TestGroupDto,
} from './types.ts';

/**
 * Rule files, one per service with rules or SLOs; promtool test files for its SLOs and for
 * the tests its definitions spell out; and prometheus.yml that scrapes and loads the rules.
 */
export const prometheusTarget: Target = {
  id: 'prometheus',
  default: true,
  emit(model, expanded) {
    const ruleFiles = expanded.ruleGroups.map(({ service, groups }): Artifact => ({
      path: ruleFilePath(service.name),
      content: toYaml(toRuleFile(model, service, groups), generatedHeader([service.origin.file]), RULE_FILE_KEY_ORDER),
    }));
    const generatedTests = sloTestsByService(expanded);
    const testFiles = expanded.ruleGroups.flatMap(({ service }): Artifact[] => {
      const byStep = generatedTests.get(service.name) ?? new Map<string, RuleTest[]>();
      return [
        // An SLO's scenarios sample at its recording step, so they evaluate at that step; the author's tests get promtool's default.
        // The period rules read what the SLI rules record at the same evaluation (a calendar SLO's phase).
        ...[...byStep].map(([step, tests]) => testFile(service, sloTestFilePath(service.name, step), step, tests, [sloRuleGroupName(service.name), sloPeriodRuleGroupName(service.name)])),
        ...(service.tests.length > 0 ? [testFile(service, customTestFilePath(service.name), '1m', service.tests)] : []),
      ];
    });
    const config: Artifact = {
      path: OUT_PATHS.prometheusConfig,
      content: toYaml(toConfig(model, expanded.ruleGroups), generatedHeader(sourceFiles(model.services)), CONFIG_KEY_ORDER),
    };
    return [config, ...ruleFiles, ...testFiles];
  },
};

/** The generated tests by service, then by evaluation interval (the SLO's step, unless a test needs another), in SLO order. */
function sloTestsByService(expanded: Expanded): Map<string, Map<string, RuleTest[]>> {
  const byService = new Map<string, Map<string, RuleTest[]>>();
  for (const plan of expanded.sloTests) {
    if (plan.tests.length === 0) continue;
    const byStep = byService.get(plan.slo.service) ?? new Map<string, RuleTest[]>();
    for (const test of plan.tests) {
      const interval = test.evaluationInterval ?? plan.slo.step;
      byStep.set(interval, [...(byStep.get(interval) ?? []), test]);
    }
    byService.set(plan.slo.service, byStep);
  }
  return byService;
}

function testFile(service: Service, path: string, evaluationInterval: string, tests: readonly RuleTest[], groupOrder?: readonly string[]): Artifact {
  const dto: TestFileDto = {
    rule_files: [ruleFileFromTests(service.name)],
    evaluation_interval: evaluationInterval,
    ...(groupOrder !== undefined && { group_eval_order: groupOrder }),
    tests: tests.map(toTestGroup),
  };
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

/** query_offset is Prometheus 2.53's: promtool and Prometheus 2.42 reject the field, so a version 2 target leaves it out. */
function toRuleFile(model: Model, service: Service, groups: readonly RuleGroup[]): RuleFileDto {
  const queryOffset = model.prometheus.version === 3 ? service.ruler.queryOffset : undefined;
  return { groups: groups.map((group) => ({ ...toRuleGroupDto(group), ...(queryOffset !== undefined && { query_offset: queryOffset }) })) };
}

function toConfig(model: Model, withRules: readonly ServiceRules[]): PrometheusConfigDto {
  const { prometheus } = model;
  return {
    global: {
      scrape_interval: prometheus.scrapeInterval,
      evaluation_interval: prometheus.evaluationInterval,
      ...(Object.keys(prometheus.externalLabels).length > 0 && { external_labels: prometheus.externalLabels }),
    },
    rule_files: withRules.map(({ service }) => ruleFileReference(service.name)),
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
