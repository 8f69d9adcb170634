/**
 * The rule groups monc writes, target-neutral: per service, its own group (recording rules,
 * then alerts) and its SLO groups, each rule with the final labels and annotations. Every
 * output target that carries rules (plain rule files, PrometheusRule objects, ruler
 * namespaces) writes these.
 */
import { ANNOTATION, alertRuleLabels, dashboardUid, dashboardUrl, ruleGroupName, runbookUrl } from '../model/conventions.ts';
import type { Alert, Model, RecordingRule, Service } from '../model/model.ts';
import type { Origin } from '../model/origin.ts';
import type { SloRuleGroup } from '../slo/rules.ts';

export interface RecordingRuleOut {
  readonly kind: 'record';
  readonly record: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The definition it comes from: the recording rule, or the SLO it was generated for. */
  readonly origin: Origin;
}

export interface AlertingRuleOut {
  readonly kind: 'alert';
  readonly alert: string;
  readonly expr: string;
  readonly for: string | undefined;
  readonly keepFiringFor: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The definition it comes from: the alert, or the SLO it was generated for. */
  readonly origin: Origin;
}

export interface RuleGroup {
  readonly name: string;
  /** Undefined: the global evaluation interval. */
  readonly interval: string | undefined;
  /** Recording rules first: alerts in the same group then see this cycle's recordings. */
  readonly rules: readonly (RecordingRuleOut | AlertingRuleOut)[];
}

export interface ServiceRules {
  readonly service: Service;
  readonly groups: readonly RuleGroup[];
}

/** The services with rules or SLOs, in model order, with their groups. */
export function ruleGroupsOf(model: Model, sloRules: ReadonlyMap<string, readonly SloRuleGroup[]>): ServiceRules[] {
  return model.services
    .filter((s) => s.alerts.length + s.recordingRules.length + s.slos.length > 0)
    .map((service) => {
      const own = service.alerts.length + service.recordingRules.length > 0 ? [group(model, service, ruleGroupName(service.name), undefined, service.recordingRules, service.alerts)] : [];
      const slos = (sloRules.get(service.name) ?? []).map((g) => group(model, service, g.name, g.interval, g.recordingRules, g.alerts));
      return { service, groups: [...own, ...slos] };
    });
}

function group(model: Model, service: Service, name: string, interval: string | undefined, recordingRules: readonly RecordingRule[], alerts: readonly Alert[]): RuleGroup {
  return { name, interval, rules: [...recordingRules.map(recordingRule), ...alerts.map((a) => alertingRule(model, service, a))] };
}

function recordingRule(rule: RecordingRule): RecordingRuleOut {
  return { kind: 'record', record: rule.record, expr: formatExpr(rule.expr.text), labels: rule.labels, origin: rule.origin };
}

function alertingRule(model: Model, service: Service, alert: Alert): AlertingRuleOut {
  const annotations: Record<string, string> = { ...alert.annotations };
  if (alert.summary !== undefined) annotations[ANNOTATION.summary] = alert.summary;
  if (alert.description !== undefined) annotations[ANNOTATION.description] = alert.description;
  const runbook = runbookUrl(alert, model.runbooksUrl);
  if (runbook !== undefined) annotations[ANNOTATION.runbook] = runbook;
  if (alert.dashboard !== undefined && model.grafana.url !== undefined) annotations[ANNOTATION.dashboard] = dashboardUrl(model.grafana.url, dashboardUid(alert.dashboard));
  return {
    kind: 'alert',
    alert: alert.name,
    expr: formatExpr(alert.expr.text),
    for: alert.for,
    keepFiringFor: alert.keepFiringFor,
    labels: alertRuleLabels(alert, service.team),
    annotations,
    origin: alert.origin,
  };
}

/** Expressions keep the author's layout; only surrounding blank space goes. */
function formatExpr(text: string): string {
  // Most expressions have none: they are kept as they are, not split into lines.
  if (!BLANK_TO_TRIM.test(text)) return text;
  return text.trim().split('\n').map((line) => line.trimEnd()).join('\n');
}

/** Blank space at either end, or at the end of a line. */
const BLANK_TO_TRIM = /^\s|\s$|[^\S\n]\n/;
