import { LABEL } from '../model/conventions.ts';
import type { Slo } from '../model/model.ts';
import type { Expr, Grouping } from '../promql/ast.ts';
import { resultLabels } from '../promql/labels.ts';
import { PHASE_LABEL } from '../slo/calendar.ts';
import { sliKindOf } from '../slo/sli/registry.ts';
import { modelCheck } from './check.ts';

/** What monc writes into each label it generates on an SLO's rules and alerts, for the message. */
const GENERATED: Readonly<Record<string, (slo: Slo) => string>> = {
  [LABEL.service]: (slo) => `the service name (${slo.service})`,
  [LABEL.team]: (slo) => `the service's team (${slo.team})`,
  [LABEL.slo]: (slo) => `the SLO id (${slo.id})`,
  [LABEL.severity]: () => 'the alert severity (set it with alerting.pageSeverity and ticketSeverity)',
  [LABEL.tier]: (slo) => `the burn-rate tier of each alert (${slo.tiers.map((t) => t.name).join(', ') || 'page-1h, …'})`,
  [LABEL.window]: (slo) => `the SLO window on the objective series (${slo.window})`,
  alertname: () => "the alert's name",
  [PHASE_LABEL]: () => "a calendar SLO's period phase on its recordings",
};

/** The labels monc generates on an SLO's rules and alerts (besides its groupBy labels). */
export const SLO_GENERATED_LABELS: readonly string[] = Object.keys(GENERATED);

/** Nothing is known of any series: a query's result labels are then only those its aggregations name. */
const NO_SERIES = { get: () => undefined };

/** The `by (…)` grouping of the aggregation whose labels reach the result, where one does. */
function resultGrouping(expr: Expr): Grouping | undefined {
  switch (expr.kind) {
    case 'aggregate':
      return expr.grouping?.mode === 'by' ? expr.grouping : undefined;
    case 'paren':
    case 'unary':
      return resultGrouping(expr.expr);
    case 'binary':
      return resultGrouping(expr.lhs) ?? resultGrouping(expr.rhs);
    default:
      return undefined;
  }
}

/**
 * A label the user sets on an SLO would overwrite one monc generates: two tiers firing at once
 * would then be one labelset, which Prometheus refuses ("vector contains metrics with the same
 * labelset") and the generated tests expect otherwise. So would grouping the SLO, or an SLI
 * query's result, by a generated label: every group's rule gets the same value there.
 */
export const sloReservedLabel = modelCheck({
  id: 'slo/reserved-label',
  summary: 'An SLO sets, or groups its series by, a label that monc generates on its rules and alerts (service, team, slo, severity, tier, window, alertname, or a groupBy label).',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  // A clash breaks the generated rules, so it cannot be silenced.
  suppressible: false,
  run({ model, expanded }, ctx) {
    for (const slo of model.slos) {
      // Further objectives share the SLO's definition: its findings are reported once, on the SLO.
      if (slo.objectiveOf !== undefined) continue;
      if (slo.calendar && slo.groupBy.includes(PHASE_LABEL)) {
        ctx.report({ at: slo.origin.at('groupBy', slo.groupBy.indexOf(PHASE_LABEL)), message: `groupBy "${PHASE_LABEL}" is the label monc puts on a calendar SLO's recordings; it cannot group the SLO` });
      }
      slo.groupBy.forEach((name, index) => {
        const generated = name === PHASE_LABEL ? undefined : GENERATED[name]?.(slo);
        if (generated === undefined) return;
        ctx.report({
          at: slo.origin.at('groupBy', index),
          message: `groupBy "${name}" is a label monc sets on the SLO's rules and alerts, where it holds ${generated}: every group would get that one value, which Prometheus refuses ("vector contains metrics with the same labelset"); group by another label, or copy this one into another name with label_replace in a promql SLI`,
        });
      });
      for (const expr of sliKindOf(slo.sli).expressions(slo.sli, model.metricsByName)) {
        const ast = expanded.expressions.ast(expr.text);
        const labels = ast ? resultLabels(ast, NO_SERIES) : 'unknown';
        if (!ast || labels === 'unknown') continue;
        const label = resultGrouping(ast)?.labels.find((ref) => labels.has(ref.name) && GENERATED[ref.name] !== undefined);
        if (!label) continue;
        ctx.report({
          at: ctx.spanInExpr(expr, label.from, label.to),
          message: `the ${expr.role} query keeps the label "${label.name}", which monc sets on the SLO's rules, where it holds ${GENERATED[label.name]?.(slo)}: every series would get that one value, which Prometheus refuses ("vector contains metrics with the same labelset"); aggregate it away, or copy it into another name with label_replace`,
        });
      }
      for (const name of Object.keys(slo.labels)) {
        const generated = GENERATED[name]?.(slo) ?? (slo.groupBy.includes(name) ? `the ${name} of each series, from groupBy` : undefined);
        if (generated === undefined) continue;
        ctx.report({
          at: slo.origin.keyAt('labels', name),
          message: `label "${name}" is generated on the SLO's rules and alerts, where it holds ${generated}; rename it, e.g. "slo_${name}"`,
        });
      }
    }
  },
});
