import { errorBudget, objectiveInRange, humanDuration, seconds } from '../slo/math.ts';
import { modelCheck } from './check.ts';

/** Minutes of full outage the budget must survive for anyone to react before it is spent. */
export const MIN_BUDGET_MINUTES = 10;

export const sloBudgetTooSmall = modelCheck({
  id: 'slo/budget-too-small',
  summary: `An SLO's error budget is spent by under ${MIN_BUDGET_MINUTES} minutes of full outage.`,
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const slo of model.slos) {
      const budget = errorBudget(slo.objective);
      if (!objectiveInRange(slo.objective)) continue; // slo/objective-range
      const outage = seconds(slo.window) * budget;
      if (outage >= MIN_BUDGET_MINUTES * 60) continue;
      ctx.report({
        at: slo.origin.at('objective'),
        message:
          `${slo.objective}% over ${slo.window} allows ${humanDuration(outage)} of full outage: the budget is gone before anyone can respond to the page; ` +
          `lower the objective or lengthen the window (the budget should survive at least ${MIN_BUDGET_MINUTES}m)`,
      });
    }
  },
});
