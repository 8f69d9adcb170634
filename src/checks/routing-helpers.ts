/** What the routing checks share: the routed alerts, once per model, and where a matcher was written. */
import type { Span } from '../diagnostic.ts';
import type { Matcher, Model } from '../model/model.ts';
import { routedAlerts, type RoutedAlert } from '../routing/alerts.ts';

const cache = new WeakMap<Model, RoutedAlert[]>();

export function alertsOf(model: Model): RoutedAlert[] {
  let alerts = cache.get(model);
  if (!alerts) {
    alerts = routedAlerts(model);
    cache.set(model, alerts);
  }
  return alerts;
}

export function matcherSpan(matcher: Matcher): Span {
  return matcher.origin.at(...matcher.path);
}

/** Where an alert was defined: a user alert's name, or the name of the SLO that generates it. */
export function alertSpan(alert: RoutedAlert): Span {
  return alert.alert.origin.at('name');
}
