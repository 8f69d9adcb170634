/** Every check monc has, in one list. `monc explain` and the docs tests read it too. */
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
import { catalogLabelValue } from './catalog-label-value.ts';
import { catalogRateOnGauge } from './catalog-rate-on-gauge.ts';
import { catalogTemplateLabel } from './catalog-template-label.ts';
import { catalogUnknownLabel } from './catalog-unknown-label.ts';
import { promqlRangeResult } from './promql-range-result.ts';
import { promqlRegex } from './promql-regex.ts';
import { promqlType } from './promql-type.ts';
import { promqlVersion } from './promql-version.ts';
import { ruleRecordName } from './rule-record-name.ts';
import { catalogUnknownMetric } from './catalog-unknown-metric.ts';
import type { Check } from './check.ts';
import { configUnknownCheck } from './config-unknown-check.ts';
import { configUnusedSuppression } from './config-unused-suppression.ts';
import { loadEncoding } from './load-encoding.ts';
import { loadNoDefinitions } from './load-no-definitions.ts';
import { loadSchema } from './load-schema.ts';
import { loadYaml } from './load-yaml.ts';
import { metricName } from './metric-name.ts';
import { modelDuplicate } from './model-duplicate.ts';
import { promqlSyntax } from './promql-syntax.ts';
import { rulefmtStructure } from './rulefmt-structure.ts';
import { rulefmtUnknownField } from './rulefmt-unknown-field.ts';
import { rulefmtGroupName } from './rulefmt-group-name.ts';
import { rulefmtDuplicateGroup } from './rulefmt-duplicate-group.ts';
import { rulefmtRecordOrAlert } from './rulefmt-record-or-alert.ts';
import { rulefmtMissingExpr } from './rulefmt-missing-expr.ts';
import { rulefmtRecordName } from './rulefmt-record-name.ts';
import { rulefmtAlertName } from './rulefmt-alert-name.ts';
import { rulefmtRecordingRuleField } from './rulefmt-recording-rule-field.ts';
import { rulefmtLabelName } from './rulefmt-label-name.ts';
import { rulefmtAnnotationName } from './rulefmt-annotation-name.ts';
import { rulefmtDuration } from './rulefmt-duration.ts';
import { rulefmtDuplicateRule } from './rulefmt-duplicate-rule.ts';
import { routingIncompleteReceiver } from './routing-incomplete-receiver.ts';
import { routingInhibitSelf } from './routing-inhibit-self.ts';
import { routingInlineSecret } from './routing-inline-secret.ts';
import { routingLabelNotProduced } from './routing-label-not-produced.ts';
import { routingMatcher } from './routing-matcher.ts';
import { routingShadowedRoute } from './routing-shadowed-route.ts';
import { routingUnknownReceiver } from './routing-unknown-receiver.ts';
import { routingUnrouted } from './routing-unrouted.ts';
import { sloBudgetTooSmall } from './slo-budget-too-small.ts';
import { sloDuplicate } from './slo-duplicate.ts';
import { sloLatencyThresholdNotBucket } from './slo-latency-threshold-not-bucket.ts';
import { sloObjectiveRange } from './slo-objective-range.ts';
import { sloSli } from './slo-sli.ts';
import { sloTier } from './slo-tier.ts';
import { sloUnreachableTier } from './slo-unreachable-tier.ts';
import { sloWindowExceedsRetention } from './slo-window-exceeds-retention.ts';
import { templateSyntax } from './template-syntax.ts';
import { tsLoadError } from './ts-load-error.ts';
import { tsTypeError } from './ts-type-error.ts';

export const CHECKS: readonly Check[] = [
  loadEncoding,
  loadNoDefinitions,
  loadYaml,
  loadSchema,
  tsTypeError,
  tsLoadError,
  configUnknownCheck,
  configUnusedSuppression,
  modelDuplicate,
  promqlSyntax,
  promqlType,
  promqlRegex,
  promqlVersion,
  promqlRangeResult,
  catalogUnknownMetric,
  catalogUnknownLabel,
  catalogLabelValue,
  catalogRateOnGauge,
  catalogCounterThreshold,
  catalogHistogramQuantile,
  catalogTemplateLabel,
  ruleRecordName,
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
  routingUnknownReceiver,
  routingInlineSecret,
  routingIncompleteReceiver,
  routingMatcher,
  routingUnrouted,
  routingShadowedRoute,
  routingInhibitSelf,
  routingLabelNotProduced,
  dashboardQuery,
  dashboardUnit,
  dashboardDescription,
  dashboardDatasource,
  dashboardRateInterval,
  rulefmtStructure,
  rulefmtUnknownField,
  rulefmtGroupName,
  rulefmtDuplicateGroup,
  rulefmtRecordOrAlert,
  rulefmtMissingExpr,
  rulefmtRecordName,
  rulefmtAlertName,
  rulefmtRecordingRuleField,
  rulefmtLabelName,
  rulefmtAnnotationName,
  rulefmtDuration,
  rulefmtDuplicateRule,
  templateSyntax,
];

export function findCheck(id: string): Check | undefined {
  return CHECKS.find((check) => check.id === id);
}
