/**
 * Alertmanager's routing, in monc: which routes (and so receivers) an alert's labels reach.
 * The same walk as Alertmanager's dispatch.Route.Match: a route matches when all its matchers
 * do; its children are tried in order, and the first that matches ends the search unless it
 * says `continue`; a route none of whose children match is itself the match.
 */
import type { Route } from '../model/model.ts';
import { matchesAll } from './matchers.ts';

export interface RouteMatch {
  readonly route: Route;
  /** The receiver in effect: the route's own, or the nearest ancestor's. */
  readonly receiver: string;
  /** Ancestors from the root down to the route. */
  readonly path: readonly Route[];
}

export function matchRoutes(root: Route, labels: Readonly<Record<string, string>>): RouteMatch[] {
  // The root route matches every alert, whatever it says (Alertmanager rejects matchers on it).
  return visit(root, labels, root.receiver ?? '', [], true);
}

function visit(route: Route, labels: Readonly<Record<string, string>>, inherited: string, ancestors: readonly Route[], isRoot = false): RouteMatch[] {
  if (!isRoot && !matchesAll(route.matchers, labels)) return [];
  const receiver = route.receiver ?? inherited;
  const path = [...ancestors, route];
  const matches: RouteMatch[] = [];
  for (const child of route.routes) {
    const found = visit(child, labels, receiver, path);
    matches.push(...found);
    if (found.length > 0 && !child.continue) break;
  }
  return matches.length > 0 ? matches : [{ route, receiver, path }];
}

/** The receivers an alert reaches, in order, as `amtool config routes test` prints them. */
export function receiversFor(root: Route, labels: Readonly<Record<string, string>>): string[] {
  return matchRoutes(root, labels).map((m) => m.receiver);
}

/** Every route of the tree, depth first, with its parent. */
export function* allRoutes(route: Route, parent?: Route): Generator<{ route: Route; parent: Route | undefined }> {
  yield { route, parent };
  for (const child of route.routes) yield* allRoutes(child, route);
}
