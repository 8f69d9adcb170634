import type { Matcher } from '../model/model.ts';
import { allRoutes } from '../routing/evaluate.ts';
import { isValidRegex, matchesValue } from '../routing/matchers.ts';
import { modelCheck } from './check.ts';
import { closest } from '../suggest.ts';

/** Edits a near miss may differ by: a third of the name, so "env" suggests nothing rather than "team". */
function nearMiss(name: string): number {
  return Math.max(1, Math.floor(name.length / 3));
}

/** At most 10 names, then how many more. */
function list(names: readonly string[]): string {
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;
}
import { matcherSpan } from './routing-helpers.ts';

/** A route or inhibit rule that selects a label no alert carries selects nothing: usually a typo. */
export const routingLabelNotProduced = modelCheck({
  id: 'routing/label-not-produced',
  summary: 'A route or inhibit rule matches a label that no alert carries, or a value that no alert has.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    const routing = model.routing;
    // Alerts that failed to load may carry any label: the load finding says what to fix first.
    if (!routing || model.lost.any) return;
    const alerts = expanded.alerts;
    // Labels an expression may add can take any value; labels set only by rules have known values.
    const anyDynamic = alerts.some((a) => a.dynamicLabels === 'unknown');
    const dynamic = new Set(alerts.flatMap((a) => (a.dynamicLabels === 'unknown' ? [] : [...a.dynamicLabels])));
    const staticValues = new Map<string, Set<string>>();
    for (const alert of alerts) for (const [label, value] of Object.entries(alert.labels)) staticValues.set(label, (staticValues.get(label) ?? new Set()).add(value));
    const check = (matcher: Matcher) => {
      // A matcher that accepts a missing label selects alerts without it: nothing to produce.
      // An invalid regex is routing/matcher's.
      if (matchesValue(matcher, '') || ((matcher.op === '=~' || matcher.op === '!~') && !isValidRegex(matcher.value))) return;
      const values = staticValues.get(matcher.label);
      if (!values && !dynamic.has(matcher.label) && !anyDynamic) {
        const labels = [...new Set([...staticValues.keys(), ...dynamic])].sort();
        const guess = closest(matcher.label, labels, nearMiss(matcher.label));
        ctx.report({ at: matcherSpan(matcher), message: `no alert carries the label "${matcher.label}"${guess ? `; did you mean "${guess}"?` : ` (alert labels: ${list(labels)})`}` });
      } else if (values && !dynamic.has(matcher.label) && !anyDynamic && ![...values].some((v) => matchesValue(matcher, v))) {
        const known = [...values].sort();
        const guess = matcher.op === '=' ? closest(matcher.value, known, nearMiss(matcher.value)) : undefined;
        ctx.report({ at: matcherSpan(matcher), message: `no alert has ${matcher.label}${matcher.op}"${matcher.value}"${guess ? `; did you mean "${guess}"?` : ` (its values: ${list(known)})`}` });
      }
    };
    for (const { route } of allRoutes(routing.route)) route.matchers.forEach(check);
    for (const rule of routing.inhibitRules) [...rule.source, ...rule.target].forEach(check);
  },
});
