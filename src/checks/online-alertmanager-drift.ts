import { toConfig } from '../emit/alertmanager/emitter.ts';
import type { Route } from '../model/model.ts';
import { alertmanagerDrift, routePath, type Drift } from '../online/alertmanager-drift.ts';
import { modelCheck } from './check.ts';

/**
 * The configuration a live Alertmanager runs (`monc lint --alertmanager URL`) against the
 * generated alertmanager.yml: receivers and time intervals missing, changed or extra by name,
 * routes by their place in the tree, inhibit rules by what they match. A generated part is
 * reported at its definition; an extra part has none, so at the key of the routing definition
 * that would hold it.
 */
export const onlineAlertmanagerDrift = modelCheck({
  id: 'online/alertmanager-drift',
  summary: "The live Alertmanager's running configuration differs from the generated one: a receiver, route, inhibit rule or time interval missing, changed or extra.",
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model, expanded, online }, ctx) {
    const alertmanager = online?.alertmanager;
    const routing = model.routing;
    if (!alertmanager || alertmanager.unreachable || !routing) return;
    const server = `Alertmanager at ${alertmanager.request.url}`;
    const drift = alertmanagerDrift(toConfig(routing, expanded.inhibitRules), alertmanager.config);

    const named = (what: string, drifts: readonly Drift<number>[], nameOf: (i: number) => string, at: (i: number) => ReturnType<typeof ctx.spanInExpr>, extraAt: string) => {
      for (const d of drifts) {
        if (d.kind === 'extra') {
          ctx.report({ at: routing.origin.keyAt(extraAt), message: `${server} runs ${what} ${d.name}, which the definitions do not generate: the next deploy drops it` });
          continue;
        }
        const subject = `${what} ${nameOf(d.generated)}`;
        ctx.report({
          at: at(d.generated),
          message: d.kind === 'missing' ? `${subject} is not in the configuration ${server} runs; deploy the generated alertmanager.yml` : `${subject} is not what ${server} runs: ${d.differences.join('; ')}`,
        });
      }
    };
    named('receiver', drift.receivers, (i) => `"${routing.receivers[i]?.name}"`, (i) => (routing.receivers[i] ?? routing).origin.at('name'), 'receivers');
    named('time interval', drift.timeIntervals, (i) => `"${routing.timeIntervals[i]?.name}"`, (i) => (routing.timeIntervals[i] ?? routing).origin.at('name'), 'timeIntervals');
    named('inhibit rule', drift.inhibitRules, (i) => `#${i + 1}`, (i) => (expanded.inhibitRules[i] ?? routing).origin.at(), 'inhibitRules');

    for (const d of drift.routes) {
      if (d.kind === 'extra') {
        const parent = routeAt(routing.route, d.parent ?? []);
        ctx.report({ at: parent.origin.keyAt('routes'), message: `${server} runs a route at ${d.name}, which the definitions do not generate: the next deploy drops it` });
        continue;
      }
      const route = routeAt(routing.route, d.generated);
      const subject = `the route at ${routePath(d.generated)}${route.receiver === undefined ? '' : ` (receiver "${route.receiver}")`}`;
      ctx.report({
        at: route.origin.at(),
        message: d.kind === 'missing' ? `${subject} is not in the configuration ${server} runs; deploy the generated alertmanager.yml` : `${subject} is not what ${server} runs: ${d.differences.join('; ')}`,
      });
    }
  },
});

function routeAt(root: Route, path: readonly number[]): Route {
  return path.reduce((route, i) => route.routes[i] ?? route, root);
}
