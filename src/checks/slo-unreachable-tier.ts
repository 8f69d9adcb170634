import { errorBudget, objectiveInRange, isComplete } from '../slo/math.ts';
import { modelCheck } from './check.ts';

/** A tier whose threshold is an error ratio of 100% or more can never fire: factor × (1 − objective) ≥ 1. */
export const sloUnreachableTier = modelCheck({
  id: 'slo/unreachable-tier',
  summary: 'An SLO alert tier needs an error ratio of 100% or more, so it can never fire.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const slo of model.slos) {
      const budget = errorBudget(slo.objective);
      if (!objectiveInRange(slo.objective)) continue; // slo/objective-range
      for (const tier of slo.tiers.filter(isComplete)) {
        const threshold = tier.factor * budget;
        if (threshold < 1) continue;
        ctx.report({
          // A default tier becomes unreachable through a low objective.
          at: tier.written ? slo.origin.keyAt('alerting', 'tiers', tier.name) : slo.origin.at('objective'),
          message:
            `tier ${tier.name} fires at burn rate ${tier.factor}, an error ratio of ${+(threshold * 100).toPrecision(4)}% with a ${+(budget * 100).toPrecision(4)}% budget: ` +
            `no traffic fails more than 100%, so it never fires; lower its factor (or budgetPercent), or switch it off with "${tier.name}: false"`,
        });
      }
    }
  },
});
