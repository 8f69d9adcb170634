/**
 * The rule groups in Prometheus' rule-file format (rulefmt). Every target that writes rule
 * files — plain Prometheus, Mimir/Cortex namespaces, the Thanos ruler — maps its groups
 * through here and adds the fields of its own ruler to each group.
 */
import type { AlertingRuleOut, RecordingRuleOut, RuleGroup } from '../../rules/rule-groups.ts';
import type { AlertingRuleDto, RecordingRuleDto, RuleGroupDto } from './types.ts';

export function toRuleGroupDto(group: RuleGroup): RuleGroupDto {
  return {
    name: group.name,
    interval: group.interval,
    rules: group.rules.map((rule) => (rule.kind === 'record' ? toRecordingRule(rule) : toAlertingRule(rule))),
  };
}

function toRecordingRule(rule: RecordingRuleOut): RecordingRuleDto {
  return Object.keys(rule.labels).length > 0 ? { record: rule.record, expr: rule.expr, labels: rule.labels } : { record: rule.record, expr: rule.expr };
}

function toAlertingRule(rule: AlertingRuleOut): AlertingRuleDto {
  return { alert: rule.alert, expr: rule.expr, labels: rule.labels, annotations: rule.annotations, for: rule.for, keep_firing_for: rule.keepFiringFor };
}
