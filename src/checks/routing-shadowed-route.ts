import { allRoutes } from '../routing/evaluate.ts';
import { narrowerOrEqual } from '../routing/matchers.ts';
import type { Route } from '../model/model.ts';
import { modelCheck } from './check.ts';

/** Alertmanager stops at the first matching sibling without continue: a later narrower sibling never sees an alert. */
export const routingShadowedRoute = modelCheck({
  id: 'routing/shadowed-route',
  summary: 'A route can never match: an earlier sibling without continue matches every alert it would.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const routing = model.routing;
    if (!routing) return;
    for (const { route } of allRoutes(routing.route)) {
      route.routes.forEach((later, j) => {
        const earlier = route.routes.slice(0, j).find((sibling) => !sibling.continue && narrowerOrEqual(later.matchers, sibling.matchers));
        if (!earlier) return;
        ctx.report({
          at: routeSpan(later),
          message: `this route never matches: the earlier sibling ${describe(earlier)} has no "continue" and matches every alert this one would; move this route above that one, or set continue: true on that one`,
          related: [{ at: routeSpan(earlier), message: 'the route that takes its alerts' }],
        });
      });
    }
  },
});

function describe(route: Route): string {
  return route.matchers.length === 0 ? '(which matches everything)' : `{${route.matchers.map((m) => `${m.label}${m.op}"${m.value}"`).join(', ')}}`;
}

/** Where a route is written: its item in `routes`. */
function routeSpan(route: Route) {
  return route.origin.at();
}
