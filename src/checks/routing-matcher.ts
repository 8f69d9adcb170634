import { allRoutes } from '../routing/evaluate.ts';
import { isValidRegex } from '../routing/matchers.ts';
import type { Matcher } from '../model/model.ts';
import { re2Error } from '../promql/regex.ts';
import { modelCheck } from './check.ts';
import { matcherSpan } from './routing-helpers.ts';

/** Alertmanager refuses a config with a regex it cannot compile (RE2 syntax). */
export const routingMatcher = modelCheck({
  id: 'routing/matcher',
  summary: 'A route or inhibit rule matcher has a regular expression that is not valid RE2.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const routing = model.routing;
    if (!routing) return;
    const check = (matcher: Matcher) => {
      if ((matcher.op === '=~' || matcher.op === '!~') && !isValidRegex(matcher.value)) {
        const why = re2Error(matcher.value) ?? 'it does not compile';
        ctx.report({ at: matcherSpan(matcher), message: `"${matcher.value}" is not a valid RE2 regular expression (${why}), so Alertmanager refuses the config` });
      }
    };
    for (const { route } of allRoutes(routing.route)) route.matchers.forEach(check);
    for (const rule of routing.inhibitRules) [...rule.source, ...rule.target].forEach(check);
  },
});
