import { allRoutes } from '../routing/evaluate.ts';
import { closest } from '../suggest.ts';
import { mightBeDeclared } from '../model/model.ts';
import { modelCheck } from './check.ts';

/** Alertmanager refuses a config whose routes name a receiver or time interval it does not have. */
export const routingUnknownReceiver = modelCheck({
  id: 'routing/unknown-receiver',
  summary: 'A route names a receiver or a time interval that is not defined, or the root route has no receiver or has what only child routes may have.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const routing = model.routing;
    if (!routing) return;
    const receivers = routing.receivers.map((r) => r.name);
    const intervals = routing.timeIntervals.map((t) => t.name);
    const root = routing.route;
    if (root.receiver === undefined) {
      ctx.report({ at: routing.origin.keyAt('route'), message: 'the root route needs a receiver: it gets every alert that no child route matches' });
    }
    // Alertmanager refuses these on the root route: it matches every alert, always.
    const first = root.matchers[0];
    if (first) ctx.report({ at: first.origin.at(...first.path), message: 'the root route matches every alert and cannot have matchers (Alertmanager refuses them); put them on a child route' });
    if (root.continue) ctx.report({ at: root.origin.at('continue'), message: 'the root route cannot have continue (Alertmanager refuses it)' });
    for (const field of ['muteTimeIntervals', 'activeTimeIntervals'] as const) {
      if (root[field].length > 0) ctx.report({ at: root.origin.at(field), message: `the root route cannot have ${field} (Alertmanager refuses them); put them on the child routes they should mute` });
    }
    // A receiver or interval whose definition was rejected is reported there, not here.
    const undefinedName = (name: string, known: readonly string[]) => !known.includes(name) && !mightBeDeclared(model.lost, name);
    const unknown = (kind: string, name: string, known: readonly string[]) => {
      const guess = closest(name, known);
      return `${kind} "${name}" is not defined${guess ? `; did you mean "${guess}"?` : known.length > 0 ? ` (defined: ${known.join(', ')})` : ''}`;
    };
    for (const { route } of allRoutes(routing.route)) {
      if (route.receiver !== undefined && undefinedName(route.receiver, receivers)) ctx.report({ at: route.origin.at('receiver'), message: unknown('receiver', route.receiver, receivers) });
      for (const field of ['muteTimeIntervals', 'activeTimeIntervals'] as const) {
        route[field].forEach((name, i) => {
          if (undefinedName(name, intervals)) ctx.report({ at: route.origin.at(field, i), message: unknown('time interval', name, intervals) });
        });
      }
    }
  },
});
