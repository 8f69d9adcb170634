import { objectiveInRange } from '../slo/math.ts';
import { modelCheck } from './check.ts';

/** Objectives are percentages strictly between 0 and 100; under 50 is almost always a ratio written by mistake. */
export const sloObjectiveRange = modelCheck({
  id: 'slo/objective-range',
  summary: 'An SLO objective is not a percentage from 50 up to, but not including, 100.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const slo of model.slos) {
      // Positions are computed only for findings: locating in TS definitions loads TypeScript.
      const at = () => slo.origin.at('objective');
      if (slo.objective >= 100) {
        ctx.report({ at: at(), message: `objective ${slo.objective}% leaves no error budget: every failed event breaks it, and burn rates divide by zero; use e.g. 99.9` });
      } else if (!objectiveInRange(slo.objective)) {
        const hint = slo.objective > 0 && slo.objective < 1 ? `; objectives are percentages: write ${+(slo.objective * 100).toPrecision(12)} for ${slo.objective}` : '';
        ctx.report({ at: at(), message: `objective ${slo.objective}% is not a service level anyone promises${hint}` });
      }
    }
  },
});
