import { MAX_SLI_STEP } from '../model/conventions.ts';
import { seconds, TIER_TABLES } from '../slo/math.ts';
import { sliKindOf } from '../slo/sli/registry.ts';
import type { Slo } from '../model/model.ts';
import { type CheckContext, modelCheck } from './check.ts';

/**
 * A tier must be buildable: two windows, short under long, each at least an evaluation
 * interval and together with the SLO's window sharing a recording step, and one threshold.
 */
export const sloTier = modelCheck({
  id: 'slo/tier',
  summary: 'An SLO alert tier is incomplete or inconsistent: a missing window or threshold, both budgetPercent and factor, or windows that do not fit.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const evaluation = seconds(model.prometheus.evaluationInterval);
    for (const slo of model.slos) {
      // Further objectives share the SLO's definition: its findings are reported once, on the SLO.
      if (slo.objectiveOf !== undefined) continue;
      const slice = sliKindOf(slo.sli).fixedStep?.(slo.sli);
      let before = 0;
      const counting: typeof ctx = { ...ctx, report: (report) => { before++; ctx.report(report); } };
      stepProblems(slo, slice, counting);
      tierProblems(slo, slice, evaluation, model.prometheus.evaluationInterval, counting);
      // No window was to blame by itself (default tiers are not written): say it once.
      if (!slo.stepFits && before === 0) {
        const windows = [slo.window, ...slo.tiers.flatMap((t) => [t.longWindow ?? '', t.shortWindow ?? ''])].filter((w) => w !== '');
        ctx.report({
          at: slice === undefined ? slo.origin.at('window') : slo.origin.at('sli', 'timeslice', 'slice'),
          message:
            slice === undefined
              ? `the windows of this SLO and its tiers (${[...new Set(windows)].join(', ')}) share no recording step between the evaluation interval (${model.prometheus.evaluationInterval}) and ${MAX_SLI_STEP}`
              : `the windows of this SLO and its tiers (${[...new Set(windows)].join(', ')}) are not all whole numbers of ${slice} slices: choose a slice that divides them, such as 1m or 5m`,
        });
      }
    }
  },
});

function stepProblems(slo: Slo, slice: string | undefined, ctx: CheckContext): void {
  if (slice !== undefined && seconds(slo.window) % seconds(slice) !== 0) {
    ctx.report({ at: slo.origin.at('window'), message: `the ${slo.window} window is not a whole number of ${slice} slices` });
  }
}

function tierProblems(slo: Slo, slice: string | undefined, evaluation: number, evaluationInterval: string, ctx: CheckContext): void {
  for (const tier of slo.tiers) {
    // A field the SLO wrote, else the tier's name; a default tier left as it is, the SLO's window.
    const at = (field?: string) => {
      if (!tier.written) return slo.origin.at('window');
      const written = field === undefined ? undefined : slo.origin.at('alerting', 'tiers', tier.name, field);
      const name = slo.origin.keyAt('alerting', 'tiers', tier.name);
      return written && written.start !== slo.origin.at('alerting', 'tiers', tier.name).start ? written : name;
    };
    if (!tier.written) {
      if (tier.longWindow !== undefined && seconds(tier.longWindow) > seconds(slo.window)) {
        ctx.report({ at: at(), message: `the default tier ${tier.name} looks back ${tier.longWindow}, longer than the ${slo.window} window; switch it off with "${tier.name}: false" under alerting.tiers` });
      }
      continue;
    }
    const missing = [
      ...(tier.longWindow === undefined ? ['longWindow'] : []),
      ...(tier.shortWindow === undefined ? ['shortWindow'] : []),
      ...(tier.factor === undefined ? ['budgetPercent (or factor)'] : []),
    ];
    if (missing.length > 0) {
      const defaults = TIER_TABLES[slo.tierTable](slo.window).map((t) => t.name);
      ctx.report({ at: at(), message: `new tier ${tier.name} needs ${missing.join(', ')}; only the default tiers (${defaults.join(', ')}) fill fields in` });
      continue;
    }
    if (tier.overdetermined) {
      ctx.report({ at: at('factor'), message: `tier ${tier.name} sets both budgetPercent and factor; give one: the other follows from the windows` });
    }
    const long = seconds(tier.longWindow ?? '0s');
    const short = seconds(tier.shortWindow ?? '0s');
    for (const [field, value] of [
      ['shortWindow', short],
      ['longWindow', long],
    ] as const) {
      if (value < evaluation) {
        ctx.report({ at: at(field), message: `${field} of tier ${tier.name} is shorter than the evaluation interval (${evaluationInterval}): no evaluation would see it` });
      } else if (!slo.stepFits && slice !== undefined && value % seconds(slice) !== 0) {
        ctx.report({ at: at(field), message: `${field} of tier ${tier.name} is not a multiple of the slice (${slice}): windows are summed from one recording per slice` });
      } else if (!slo.stepFits && slice === undefined && value % evaluation !== 0) {
        ctx.report({
          at: at(field),
          message: `${field} of tier ${tier.name} is not a multiple of the evaluation interval (${evaluationInterval}): windows are summed from the SLI recorded at one step, at least the evaluation interval and at most ${MAX_SLI_STEP}, that divides every window of the SLO`,
        });
      }
    }
    if (short >= long) ctx.report({ at: at('shortWindow'), message: `the short window of tier ${tier.name} must be shorter than its long window (${tier.longWindow}); a twelfth is usual` });
    if (long > seconds(slo.window)) ctx.report({ at: at('longWindow'), message: `the long window of tier ${tier.name} is longer than the SLO's ${slo.window} window` });
  }
}
