import { narrowerOrEqual } from '../routing/matchers.ts';
import type { ModelCheck } from './check.ts';

/**
 * With no `equal` labels, a rule whose source and target select the same alerts lets any one
 * of them mute all the others, everywhere: one firing alert silences its whole kind.
 */
export const routingInhibitSelf: ModelCheck = {
  id: 'routing/inhibit-self',
  summary: 'An inhibit rule has no equal labels and its source and target match the same alerts, so they mute each other.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run(model, ctx) {
    for (const rule of model.inhibitRules) {
      if (rule.equal.length > 0 || rule.generated) continue;
      if (!narrowerOrEqual(rule.target, rule.source) && !narrowerOrEqual(rule.source, rule.target)) continue;
      ctx.report({
        at: rule.origin.at('targetMatchers'),
        message: 'the target alerts are also source alerts and no labels must be equal, so any one of them firing mutes all the others; add equal labels (e.g. [alertname, service]) or narrow the matchers',
      });
    }
  },
};
