import type { Slo } from '../model/model.ts';
import { alertingTiers, formatDuration, seconds, tidy } from '../slo/math.ts';
import { modelCheck } from './check.ts';

/**
 * A burn rate of 1 spends exactly the budget in the window: a tier whose factor is below 1
 * fires while the SLO is on track to meet its objective. Default thresholds never go below 1
 * (build-model clamps them), so this reports thresholds the SLO wrote.
 */
export const sloTierOnTrack = modelCheck({
  id: 'slo/tier-on-track',
  summary: "An SLO alert tier's burn-rate factor is below 1, so it fires while the SLO is still on track to meet its objective.",
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const slo of model.slos) {
      // Further objectives share the SLO's definition: its findings are reported once, on the SLO.
      if (slo.objectiveOf !== undefined) continue;
      for (const tier of alertingTiers(slo)) {
        // A long window past the SLO's is slo/tier's error.
        if (tier.factor >= 1 || seconds(tier.longWindow) > seconds(slo.window)) continue;
        const at = slo.origin.keyAt('alerting', 'tiers', tier.name);
        ctx.report({ at, message: `tier ${tier.name} fires at a burn rate of ${+tier.factor.toPrecision(3)}, below 1: it alerts while the SLO is on track to meet its objective. ${remedy(slo, tier.budgetPercent, tier.longWindow)}` });
      }
    }
  },
});

/** The long window, or the budget share, that brings the factor to 1 (factor = budget share × window / long window). */
function remedy(slo: Slo, budgetPercent: number, longWindow: string): string {
  const longest = formatDuration((budgetPercent / 100) * seconds(slo.window));
  const share = tidy((seconds(longWindow) / seconds(slo.window)) * 100);
  return `With ${budgetPercent}% of the ${slo.window} budget, use a long window of at most ${longest}, or burn at least ${+share.toPrecision(3)}% of it within ${longWindow}; or switch the tier off`;
}
