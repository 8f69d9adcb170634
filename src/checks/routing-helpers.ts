/** What the routing checks share: where a matcher was written, and where an alert was. */
import type { Span } from '../diagnostic.ts';
import type { Matcher } from '../model/model.ts';
import type { RoutedAlert } from '../routing/alerts.ts';

export function matcherSpan(matcher: Matcher): Span {
  return matcher.origin.at(...matcher.path);
}

/** Where an alert was defined: a user alert's name, or the name of the SLO that generates it. */
export function alertSpan(alert: RoutedAlert): Span {
  return alert.alert.origin.at('name');
}
