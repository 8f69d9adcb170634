/** Every check monc has, in one list. `monc explain`, SARIF and the docs tests read it too. */
import { alertDashboard } from './alert-dashboard.ts';
import { alertFor } from './alert-for.ts';
import { dashboardDatasource } from './dashboard-datasource.ts';
import { dashboardDescription } from './dashboard-description.ts';
import { dashboardQuery } from './dashboard-query.ts';
import { dashboardRateInterval } from './dashboard-rate-interval.ts';
import { dashboardUnit } from './dashboard-unit.ts';
import { alertRunbook } from './alert-runbook.ts';
import { alertSeverity } from './alert-severity.ts';
import { alertSummary } from './alert-summary.ts';
import { cardinalityBudget } from './cardinality-budget.ts';
import { cardinalityForbiddenLabel } from './cardinality-forbidden-label.ts';
import { cardinalityLabelValues } from './cardinality-label-values.ts';
import { cardinalityRuleOutput } from './cardinality-rule-output.ts';
import { cardinalityUnboundedLabel } from './cardinality-unbounded-label.ts';
import { catalogCounterThreshold } from './catalog-counter-threshold.ts';
import { catalogHistogramQuantile } from './catalog-histogram-quantile.ts';
import { catalogInferred } from './catalog-inferred.ts';
import { catalogLabelValue } from './catalog-label-value.ts';
import { catalogRateOnGauge } from './catalog-rate-on-gauge.ts';
import { catalogTemplateLabel } from './catalog-template-label.ts';
import { catalogUnknownLabel } from './catalog-unknown-label.ts';
import { promqlDepth } from './promql-depth.ts';
import { promqlRangeResult } from './promql-range-result.ts';
import { promqlRegex } from './promql-regex.ts';
import { promqlType } from './promql-type.ts';
import { promqlVersion } from './promql-version.ts';
import { ruleRecordName } from './rule-record-name.ts';
import { rulerDuplicateGroup } from './ruler-duplicate-group.ts';
import { rulerRulesPerGroup } from './ruler-rules-per-group.ts';
import { rulerUnsupportedField } from './ruler-unsupported-field.ts';
import { scrapeCredentials } from './scrape-credentials.ts';
import { scrapeDiscovery } from './scrape-discovery.ts';
import { scrapeRelabel } from './scrape-relabel.ts';
import { catalogUnknownMetric } from './catalog-unknown-metric.ts';
import { LOAD_CHECKS, type CheckDescriptor } from '../check-descriptors.ts';
import type { Check } from './check.ts';
import { k8sAlertmanagerConfig } from './k8s-alertmanager-config.ts';
import { k8sLabelSelector } from './k8s-label-selector.ts';
import { k8sName } from './k8s-name.ts';
import { k8sObjectSize } from './k8s-object-size.ts';
import { k8sRuleSelector } from './k8s-rule-selector.ts';
import { k8sSecretSource } from './k8s-secret-source.ts';
import { metricName } from './metric-name.ts';
import { modelDuplicate } from './model-duplicate.ts';
import { onlineAlertmanagerDrift } from './online-alertmanager-drift.ts';
import { onlineCardinality } from './online-cardinality.ts';
import { onlineLabels } from './online-labels.ts';
import { onlineQueryCost } from './online-query-cost.ts';
import { onlineRulesDrift } from './online-rules-drift.ts';
import { onlineScrapeInterval } from './online-scrape-interval.ts';
import { onlineSeriesMissing } from './online-series-missing.ts';
import { onlineSkipped } from './online-skipped.ts';
import { onlineUnreachable } from './online-unreachable.ts';
import { promqlSyntax } from './promql-syntax.ts';
import { routingIncompleteReceiver } from './routing-incomplete-receiver.ts';
import { routingInhibitSelf } from './routing-inhibit-self.ts';
import { routingInlineSecret } from './routing-inline-secret.ts';
import { routingLabelNotProduced } from './routing-label-not-produced.ts';
import { routingMatcher } from './routing-matcher.ts';
import { routingShadowedRoute } from './routing-shadowed-route.ts';
import { routingTemplate } from './routing-template.ts';
import { routingTimeInterval } from './routing-time-interval.ts';
import { routingUnknownReceiver } from './routing-unknown-receiver.ts';
import { routingUnrouted } from './routing-unrouted.ts';
import { sloBudgetTooSmall } from './slo-budget-too-small.ts';
import { sloDuplicate } from './slo-duplicate.ts';
import { sloLatencyThresholdNotBucket } from './slo-latency-threshold-not-bucket.ts';
import { sloObjectiveRange } from './slo-objective-range.ts';
import { sloSli } from './slo-sli.ts';
import { sloReservedLabel } from './slo-reserved-label.ts';
import { sloTier } from './slo-tier.ts';
import { sloTimezone } from './slo-timezone.ts';
import { sloTierOnTrack } from './slo-tier-on-track.ts';
import { sloUntested } from './slo-untested.ts';
import { sloUnreachableTier } from './slo-unreachable-tier.ts';
import { sloWindowExceedsRetention } from './slo-window-exceeds-retention.ts';
import { templateSyntax } from './template-syntax.ts';
import { testAlertname } from './test-alertname.ts';
import { testSeries } from './test-series.ts';

export const CHECKS: readonly (CheckDescriptor | Check)[] = [
  LOAD_CHECKS.encoding,
  LOAD_CHECKS.noDefinitions,
  LOAD_CHECKS.yaml,
  LOAD_CHECKS.schema,
  LOAD_CHECKS.tsTypeError,
  LOAD_CHECKS.tsLoadError,
  LOAD_CHECKS.configUnknownCheck,
  LOAD_CHECKS.configUnusedSuppression,
  modelDuplicate,
  promqlSyntax,
  promqlType,
  promqlRegex,
  promqlVersion,
  promqlRangeResult,
  promqlDepth,
  catalogUnknownMetric,
  catalogUnknownLabel,
  catalogLabelValue,
  catalogRateOnGauge,
  catalogCounterThreshold,
  catalogHistogramQuantile,
  catalogTemplateLabel,
  catalogInferred,
  ruleRecordName,
  rulerUnsupportedField,
  rulerRulesPerGroup,
  rulerDuplicateGroup,
  cardinalityLabelValues,
  cardinalityUnboundedLabel,
  cardinalityForbiddenLabel,
  cardinalityBudget,
  cardinalityRuleOutput,
  metricName,
  alertFor,
  alertSeverity,
  alertSummary,
  alertRunbook,
  alertDashboard,
  sloObjectiveRange,
  sloUnreachableTier,
  sloWindowExceedsRetention,
  sloLatencyThresholdNotBucket,
  sloBudgetTooSmall,
  sloDuplicate,
  sloSli,
  sloTier,
  sloTierOnTrack,
  sloTimezone,
  sloReservedLabel,
  sloUntested,
  routingUnknownReceiver,
  routingInlineSecret,
  routingIncompleteReceiver,
  routingMatcher,
  routingUnrouted,
  routingShadowedRoute,
  routingInhibitSelf,
  routingLabelNotProduced,
  routingTemplate,
  routingTimeInterval,
  dashboardQuery,
  dashboardUnit,
  dashboardDescription,
  dashboardDatasource,
  dashboardRateInterval,
  k8sObjectSize,
  k8sRuleSelector,
  k8sName,
  k8sLabelSelector,
  k8sSecretSource,
  k8sAlertmanagerConfig,
  scrapeDiscovery,
  scrapeRelabel,
  scrapeCredentials,
  onlineUnreachable,
  onlineSkipped,
  onlineSeriesMissing,
  onlineLabels,
  onlineCardinality,
  onlineScrapeInterval,
  onlineQueryCost,
  onlineRulesDrift,
  onlineAlertmanagerDrift,
  LOAD_CHECKS.rulefmtStructure,
  LOAD_CHECKS.rulefmtUnknownField,
  LOAD_CHECKS.rulefmtGroupName,
  LOAD_CHECKS.rulefmtDuplicateGroup,
  LOAD_CHECKS.rulefmtRecordOrAlert,
  LOAD_CHECKS.rulefmtMissingExpr,
  LOAD_CHECKS.rulefmtRecordName,
  LOAD_CHECKS.rulefmtAlertName,
  LOAD_CHECKS.rulefmtRecordingRuleField,
  LOAD_CHECKS.rulefmtLabelName,
  LOAD_CHECKS.rulefmtAnnotationName,
  LOAD_CHECKS.rulefmtDuration,
  LOAD_CHECKS.rulefmtDuplicateRule,
  LOAD_CHECKS.rulefmtLaterDocument,
  templateSyntax,
  testAlertname,
  testSeries,
];

/** The checks that run over the model: everything but what loaders and the settings step report. */
export const MODEL_CHECKS: readonly Check[] = CHECKS.filter((check): check is Check => 'run' in check);

export function findCheck(id: string): CheckDescriptor | undefined {
  return CHECKS.find((check) => check.id === id);
}
