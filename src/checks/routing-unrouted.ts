import { LABEL } from '../model/conventions.ts';
import { RECEIVER_KINDS } from '../model/model.ts';
import { allRoutes } from '../routing/evaluate.ts';
import type { RoutedAlert } from '../routing/alerts.ts';
import { modelCheck } from './check.ts';
import { alertSpan } from './routing-helpers.ts';

/**
 * Routing by severity is a promise that every severity reaches someone on purpose. An alert
 * that falls through to the default receiver while severity routes exist was forgotten, and
 * one whose receivers have no integration reaches nobody.
 */
export const routingUnrouted = modelCheck({
  id: 'routing/unrouted',
  summary: 'An alert reaches only the default receiver although routes by severity exist, or only receivers that notify nobody.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    const routing = model.routing;
    if (!routing) return;
    const silent = new Set(routing.receivers.filter((r) => RECEIVER_KINDS.every((kind) => r[kind].length === 0)).map((r) => r.name));
    // One finding per alert: a fall-through to a default receiver that notifies nobody is reported once.
    const reportedAlerts = new Set<RoutedAlert['alert']>();
    const once = (alert: RoutedAlert): boolean => {
      if (reportedAlerts.has(alert.alert)) return false;
      reportedAlerts.add(alert.alert);
      return true;
    };
    for (const alert of expanded.alerts) {
      const receivers = alert.routes.map((m) => m.receiver);
      if (receivers.length > 0 && receivers.every((r) => silent.has(r)) && once(alert)) {
        ctx.report({ at: alertSpan(alert), message: `alert "${alert.alert.name}" reaches only ${[...new Set(receivers)].map((r) => `"${r}"`).join(' and ')}, ${new Set(receivers).size > 1 ? 'which have' : 'which has'} no integrations: nobody is notified` });
      }
    }
    const severityRoutes = [...allRoutes(routing.route)].filter(({ route }) => route.matchers.some((m) => m.label === LABEL.severity));
    if (severityRoutes.length === 0) return;
    const routed = severityRoutes.flatMap(({ route }) => route.matchers.filter((m) => m.label === LABEL.severity).map((m) => `${m.op === '=' ? '' : m.op}${m.value}`));
    for (const alert of expanded.alerts) {
      const matches = alert.routes;
      if (matches.length !== 1 || matches[0]?.route !== routing.route || !once(alert)) continue;
      const severity = alert.labels[LABEL.severity];
      const what = severity === undefined ? 'has no severity label' : `has severity "${severity}"`;
      ctx.report({
        at: alertSpan(alert),
        message: `alert "${alert.alert.name}" ${what} and reaches only the default receiver "${routing.route.receiver ?? ''}": the severity routes match ${routed.join(', ')}; route its severity or change it`,
      });
    }
  },
});
