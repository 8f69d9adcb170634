import { LABEL } from '../model/conventions.ts';
import { allRoutes, matchRoutes } from '../routing/evaluate.ts';
import type { ModelCheck } from './check.ts';
import { alertSpan, alertsOf } from './routing-helpers.ts';

/**
 * Routing by severity is a promise that every severity reaches someone on purpose. An alert
 * that falls through to the default receiver while severity routes exist was forgotten.
 */
export const routingUnrouted: ModelCheck = {
  id: 'routing/unrouted',
  summary: 'An alert reaches only the default receiver although routes by severity exist: its severity has no route.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run(model, ctx) {
    const routing = model.routing;
    if (!routing) return;
    const severityRoutes = [...allRoutes(routing.route)].filter(({ route }) => route.matchers.some((m) => m.label === LABEL.severity));
    if (severityRoutes.length === 0) return;
    const routed = severityRoutes.flatMap(({ route }) => route.matchers.filter((m) => m.label === LABEL.severity).map((m) => `${m.op === '=' ? '' : m.op}${m.value}`));
    const reported = new Set<string>();
    for (const alert of alertsOf(model)) {
      const matches = matchRoutes(routing.route, alert.labels);
      if (matches.length !== 1 || matches[0]?.route !== routing.route) continue;
      const severity = alert.labels[LABEL.severity];
      const key = `${alert.alert.name}|${severity ?? ''}|${alertSpan(alert).start}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const what = severity === undefined ? 'has no severity label' : `has severity "${severity}"`;
      ctx.report({
        at: alertSpan(alert),
        message: `alert "${alert.alert.name}" ${what} and reaches only the default receiver "${routing.route.receiver ?? ''}": the severity routes match ${routed.join(', ')}; route its severity or change it`,
      });
    }
  },
};
