/**
 * Synthetic traffic for an SLO's generated promtool tests, and a model of what the rules do
 * with it. A scenario is a number of bad and all events per step of the SLO's recording; `simulate` replays the
 * recording rules and tier conditions over it the way Prometheus 2 evaluates them (ranges
 * include both ends), so each test states which alerts fire, with which value, and promtool
 * checks the real rules against that.
 */
import type { Slo } from '../model/model.ts';
import { alertingTiers, errorBudget, seconds, tidy, trafficFloor, type CompleteTier } from './math.ts';

/** Events per step in the ratio and latency scenarios. */
export const EVENTS_PER_STEP = 1000;

/** Per step k ≥ 1 (the step before k steps): bad and all events; undefined when there is no data. */
export interface Step {
  readonly bad: number;
  readonly total: number;
}

export interface Recorded {
  /** Index = step; undefined where the recording rules write nothing. */
  readonly errors: readonly (number | undefined)[];
  readonly total: readonly (number | undefined)[];
}

export interface Firing {
  readonly tier: CompleteTier;
  /** The alert's value: the long window's burn rate. */
  readonly value: number;
}

/** Dyadic per-step counts keep promtool's running sums exact. */
export function dyadic(value: number): number {
  return Math.round(value * 64) / 64;
}

/**
 * Samples per step of an SLO's test input: one on a Prometheus 2 target; on 3, a scrape every
 * fifth of a step (a 1m scrape of a 5m step), so no window over the input starts on a sample
 * that only one of the two versions reads, and increase() gives the step's count on both.
 */
export function samplesPerStep(slo: Slo): number {
  return slo.prometheusVersion === 3 ? 5 : 1;
}

/**
 * The sum and number of the values recorded at evaluation `k` over the window (a whole
 * number of steps): both ends included, as Prometheus 2 reads `[window]`; on a version 3
 * target the rules write an edge-free range (math.ts edgeFreeRange), which leaves out the
 * start on both versions.
 */
function inWindow(slo: Slo, values: readonly (number | undefined)[], k: number, steps: number): { readonly sum: number; readonly samples: number } {
  const from = Math.max(0, k - steps + (slo.prometheusVersion === 3 ? 1 : 0));
  // One pass, adding in index order as a sum over the window's values would: the same floats, no copies.
  let sum = 0;
  let samples = 0;
  for (let i = from; i <= k && i < values.length; i++) {
    const value = values[i];
    if (value === undefined) continue;
    sum += value;
    samples++;
  }
  return { sum, samples };
}

/** The error ratio the rules compute at evaluation `k` over `window` (`steps` steps), or undefined (no traffic: no sample, no NaN). */
function ratioAt(slo: Slo, recorded: Recorded, k: number, window: string, steps: number): number | undefined {
  if (window === slo.step) {
    const errors = recorded.errors[k];
    const total = recorded.total[k];
    return errors === undefined || total === undefined || !(total > 0) ? undefined : errors / total;
  }
  const total = inWindow(slo, recorded.total, k, steps).sum;
  const errors = inWindow(slo, recorded.errors, k, steps);
  return errors.samples === 0 || !(total > 0) ? undefined : errors.sum / total;
}

/** Which tiers of `slo` fire at evaluation `k`, each with its value. */
export function firingAt(slo: Slo, recorded: Recorded, k: number): Firing[] {
  const budget = errorBudget(slo.objective);
  const step = seconds(slo.step);
  return alertingTiers(slo).flatMap((tier): Firing[] => {
    const longSeconds = seconds(tier.longWindow);
    const longSteps = Math.round(longSeconds / step);
    const long = ratioAt(slo, recorded, k, tier.longWindow, longSteps);
    const short = ratioAt(slo, recorded, k, tier.shortWindow, Math.round(seconds(tier.shortWindow) / step));
    const totals = inWindow(slo, recorded.total, k, longSteps);
    if (long === undefined || short === undefined || totals.samples === 0) return [];
    const floor = tidy((trafficFloor(slo, tier) * step) / longSeconds);
    const burnLong = long / budget;
    const fires = burnLong > tier.factor && short / budget > tier.factor && totals.sum / totals.samples >= floor;
    return fires ? [{ tier, value: burnLong }] : [];
  });
}

/**
 * Recording of counter-based SLIs: increase over the step is the step's count. With one
 * sample per step it needs the sample before the step too (the first step after a gap records
 * nothing); with several, the step's own samples suffice: increase() extrapolates their
 * change, spread evenly over the step, to the step's count on Prometheus 2 and 3 alike.
 */
export function recordCounters(steps: readonly (Step | undefined)[], perStep: number): Recorded {
  const errors: (number | undefined)[] = [];
  const total: (number | undefined)[] = [];
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k];
    // A step records when it has samples and, with one sample per step, so did the step before (k 0 has its start sample).
    const recorded = step !== undefined && k > 0 && (perStep > 1 || k === 1 || steps[k - 1] !== undefined);
    errors.push(recorded ? step.bad : undefined);
    total.push(recorded ? step.total : undefined);
  }
  return { errors, total };
}

/** A step function of traffic: `bad` of EVENTS_PER_STEP events fail, a whole dyadic number per sample of the step. */
export function counterSteps(phases: readonly { readonly steps: number; readonly badShare: number | 'none' | 'flat' }[], perStep: number): (Step | undefined)[] {
  const steps: (Step | undefined)[] = [undefined];
  for (const phase of phases) {
    // Every step of a phase is the same: one (immutable) object for all of them.
    const step =
      phase.badShare === 'none' ? undefined : phase.badShare === 'flat' ? { bad: 0, total: 0 } : { bad: dyadic((phase.badShare * EVENTS_PER_STEP) / perStep) * perStep, total: EVENTS_PER_STEP };
    for (let i = 0; i < phase.steps; i++) steps.push(step);
  }
  return steps;
}

/** The counter values to feed promtool: 0 at the start, then each step's count in `perStep` equal parts. */
export function cumulative(steps: readonly (Step | undefined)[], pick: (step: Step) => number, perStep: number): (number | undefined)[] {
  const samples: (number | undefined)[] = [0];
  let value = 0;
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i];
    for (let j = 0; j < perStep; j++) {
      if (step) value += pick(step) / perStep;
      samples.push(step ? value : undefined);
    }
  }
  return samples;
}

/** 0/1 samples of `series` availability series, `perStep` per step after the first at 0; the down ones spread evenly. */
export function availabilitySamples(
  phases: readonly { readonly steps: number; readonly downShare: number | 'none' }[],
  series: number,
  perStep: number,
): (number | undefined)[][] {
  const samples: (number | undefined)[][] = Array.from({ length: series }, () => [1]);
  let n = 0;
  for (const phase of phases) {
    for (let i = 0; i < phase.steps * perStep; i++) {
      n++;
      for (let s = 0; s < series; s++) {
        const column = samples[s] ?? [];
        if (phase.downShare === 'none') column.push(undefined);
        else {
          // Spread the down samples evenly over samples and series (Bresenham), so every window sees the share.
          const j = n * series + s;
          const down = Math.floor((j + 1) * phase.downShare) > Math.floor(j * phase.downShare);
          column.push(down ? 0 : 1);
        }
      }
    }
  }
  return samples;
}

/**
 * count_over_time − sum_over_time over the step, per evaluation. On Prometheus 2 `[step]`
 * holds the sample at its start too, so with one sample per step each counts at two
 * evaluations; the edge-free range of a version 3 target holds the step's own samples.
 */
export function recordAvailability(samples: readonly (readonly (number | undefined)[])[], perStep: number, edgeFree: boolean): Recorded {
  const evaluations = Math.floor(((samples[0]?.length ?? 1) - 1) / perStep) + 1;
  const errors: (number | undefined)[] = [];
  const total: (number | undefined)[] = [];
  for (let k = 0; k < evaluations; k++) {
    let count = 0;
    let up = 0;
    for (const column of samples) {
      for (let i = Math.max(0, (k - 1) * perStep + (edgeFree ? 1 : 0)); i <= k * perStep; i++) {
        const value = column[i];
        if (value === undefined) continue;
        count++;
        up += value;
      }
    }
    errors.push(count === 0 ? undefined : count - up);
    total.push(count === 0 ? undefined : count);
  }
  return { errors, total };
}

/** What the recording rules write when promtool evaluates them only every `every` steps: the recordings at those steps. */
export function evaluatedEvery(recorded: Recorded, every: number): Recorded {
  if (every === 1) return recorded;
  const atEvaluations = (values: readonly (number | undefined)[]) => values.map((v, k) => (k % every === 0 ? v : undefined));
  return { errors: atEvaluations(recorded.errors), total: atEvaluations(recorded.total) };
}
