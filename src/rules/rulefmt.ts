/**
 * The rule groups in Prometheus' rule-file format (rulefmt): what a rule file holds, and what a
 * PrometheusRule's spec.groups and the rulers' namespaces hold, key for key.
 */
import type { AlertingRuleDto, RecordingRuleDto, RuleFileDto, RuleGroupDto } from '../emit/prometheus/types.ts';
import type { AlertingRuleOut, RecordingRuleOut, RuleGroup } from './rule-groups.ts';

export function toRuleFile(groups: readonly RuleGroup[]): RuleFileDto {
  return { groups: groups.map(toRuleGroup) };
}

export function toRuleGroup(group: RuleGroup): RuleGroupDto {
  return {
    name: group.name,
    ...(group.interval !== undefined && { interval: group.interval }),
    rules: group.rules.map((rule) => (rule.kind === 'record' ? toRecordingRule(rule) : toAlertingRule(rule))),
  };
}

function toRecordingRule(rule: RecordingRuleOut): RecordingRuleDto {
  return Object.keys(rule.labels).length > 0 ? { record: rule.record, expr: rule.expr, labels: rule.labels } : { record: rule.record, expr: rule.expr };
}

function toAlertingRule(rule: AlertingRuleOut): AlertingRuleDto {
  const dto: AlertingRuleDto = { alert: rule.alert, expr: rule.expr, labels: rule.labels, annotations: rule.annotations };
  return {
    ...dto,
    ...(rule.for !== undefined && { for: rule.for }),
    ...(rule.keepFiringFor !== undefined && { keep_firing_for: rule.keepFiringFor }),
  };
}
