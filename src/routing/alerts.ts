/**
 * Every alert monc writes, user alerts and SLO alerts alike, with the labels Alertmanager will
 * see: the rule's static labels plus Prometheus' external labels, and what else the expression's
 * result can carry. The routing checks and the amtool tests route exactly these.
 */
import type { Alert, Model } from '../model/model.ts';
import { alertRuleLabels } from '../model/conventions.ts';
import { catalogOf } from '../model/catalog.ts';
import { resultLabels, type LabelSet } from '../promql/labels.ts';
import { toAst } from '../promql/ast.ts';
import { parsePromql } from '../promql/parse.ts';
import { sloRuleGroups } from '../slo/rules.ts';

export interface RoutedAlert {
  readonly alert: Alert;
  /** alertname, the rule's labels and the external labels: known before the alert fires. */
  readonly labels: Readonly<Record<string, string>>;
  /** Labels the expression's result may add (job, instance, tier, …), or 'unknown'. */
  readonly dynamicLabels: LabelSet;
}

export function routedAlerts(model: Model): RoutedAlert[] {
  const teams = new Map(model.services.map((s) => [s.name, s.team]));
  const sloAlerts = model.services.flatMap((service) => sloRuleGroups(service.name, service.slos).flatMap((group) => group.alerts));
  const catalog = catalogOf(model);
  return [...model.alerts, ...sloAlerts].map((alert) => {
    const ast = toAst(parsePromql(alert.expr.text));
    return {
      alert,
      labels: { ...model.prometheus.externalLabels, alertname: alert.name, ...alertRuleLabels(alert, teams.get(alert.service) ?? '') },
      dynamicLabels: ast ? resultLabels(ast, catalog) : 'unknown',
    };
  });
}
