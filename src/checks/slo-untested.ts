import { modelCheck } from './check.ts';

/** The generated tests are what proves an SLO's alerts fire; an SLO without them is unproven. */
export const sloUntested = modelCheck({
  id: 'slo/untested',
  summary: 'monc cannot generate promtool tests for an SLO, because of the shape of its SLI or its tiers.',
  defaultSeverity: 'info',
  inputs: ['definitions'],
  run({ expanded }, ctx) {
    for (const plan of expanded.sloTests) {
      // Further objectives share the SLO's SLI and reasons: said once, on the SLO.
      if (plan.untested === undefined || plan.slo.objectiveOf !== undefined) continue;
      ctx.report({
        at: plan.slo.origin.keyAt('sli'),
        message: `SLO ${plan.slo.id} gets no generated promtool tests: ${plan.untested}; write tests for its alerts by hand, in the service's tests`,
      });
    }
  },
});
