/**
 * Every alert monc writes, user alerts and SLO alerts alike, with the labels Alertmanager will
 * see: the rule's static labels plus Prometheus' external labels, and what else the expression's
 * result can carry; and where the routing tree sends it. The routing checks, the docs and the
 * amtool tests route exactly these.
 */
import type { Catalog } from '../model/catalog.ts';
import { alertRuleLabels } from '../model/conventions.ts';
import type { Alert, Model } from '../model/model.ts';
import { resultLabels, type LabelSet } from '../promql/labels.ts';
import type { ParsedExpressions } from '../promql/parsed-expressions.ts';
import { matchRoutes, type RouteMatch } from './evaluate.ts';

export interface RoutedAlert {
  readonly alert: Alert;
  /** alertname, the rule's labels and the external labels: known before the alert fires. */
  readonly labels: Readonly<Record<string, string>>;
  /** Labels the expression's result may add (job, instance, tier, …), or 'unknown'. */
  readonly dynamicLabels: LabelSet;
  /** The routes it reaches with its static labels, in order; empty when the project has no routing. */
  readonly routes: readonly RouteMatch[];
}

export function routeAlerts(model: Model, alerts: readonly Alert[], catalog: Catalog, expressions: ParsedExpressions): RoutedAlert[] {
  const teams = new Map(model.services.map((s) => [s.name, s.team]));
  const root = model.routing?.route;
  return alerts.map((alert) => {
    const labels = { ...model.prometheus.externalLabels, alertname: alert.name, ...alertRuleLabels(alert, teams.get(alert.service) ?? '') };
    return new Routed(alert, labels, root ? matchRoutes(root, labels) : [], catalog, expressions);
  });
}

/**
 * A class, not an object literal with a getter: V8 keeps such a literal as a dictionary,
 * about 500 bytes for each of a large build's tens of thousands of alerts.
 */
class Routed implements RoutedAlert {
  readonly #catalog: Catalog;
  readonly #expressions: ParsedExpressions;
  #dynamicLabels: LabelSet | undefined;

  constructor(
    readonly alert: Alert,
    readonly labels: Readonly<Record<string, string>>,
    readonly routes: readonly RouteMatch[],
    catalog: Catalog,
    expressions: ParsedExpressions,
  ) {
    this.#catalog = catalog;
    this.#expressions = expressions;
  }

  /** Worked out when asked: it parses the expression, and only the routing checks ask. */
  get dynamicLabels(): LabelSet {
    if (this.#dynamicLabels === undefined) {
      const ast = this.#expressions.ast(this.alert.expr.text);
      this.#dynamicLabels = ast ? resultLabels(ast, this.#catalog) : 'unknown';
    }
    return this.#dynamicLabels;
  }
}
