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

/** Values recorded at evaluation `k` over the window (a whole number of steps), both ends included (Prometheus 2 ranges). */
function inWindow(values: readonly (number | undefined)[], k: number, window: string, step: string): number[] {
  const from = Math.max(0, k - Math.round(seconds(window) / seconds(step)));
  return values.slice(from, k + 1).filter((v): v is number => v !== undefined);
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The error ratio the rules compute at evaluation `k`, or undefined (no traffic: no sample, no NaN). */
function ratioAt(recorded: Recorded, k: number, window: string, step: string): number | undefined {
  if (window === step) {
    const errors = recorded.errors[k];
    const total = recorded.total[k];
    return errors === undefined || total === undefined || !(total > 0) ? undefined : errors / total;
  }
  const total = sum(inWindow(recorded.total, k, window, step));
  const errors = inWindow(recorded.errors, k, window, step);
  return errors.length === 0 || !(total > 0) ? undefined : sum(errors) / total;
}

/** Which tiers of `slo` fire at evaluation `k`, each with its value. */
export function firingAt(slo: Slo, recorded: Recorded, k: number): Firing[] {
  const budget = errorBudget(slo.objective);
  return alertingTiers(slo).flatMap((tier): Firing[] => {
    const long = ratioAt(recorded, k, tier.longWindow, slo.step);
    const short = ratioAt(recorded, k, tier.shortWindow, slo.step);
    const totals = inWindow(recorded.total, k, tier.longWindow, slo.step);
    if (long === undefined || short === undefined || totals.length === 0) return [];
    const floor = tidy((trafficFloor(slo, tier) * seconds(slo.step)) / seconds(tier.longWindow));
    const burnLong = long / budget;
    const fires = burnLong > tier.factor && short / budget > tier.factor && sum(totals) / totals.length >= floor;
    return fires ? [{ tier, value: burnLong }] : [];
  });
}

/**
 * Recording of counter-based SLIs: increase over [t-step, t] of counters sampled every step is
 * the step's count, where both ends have a sample (the first sample after a gap records nothing).
 */
export function recordCounters(steps: readonly (Step | undefined)[]): Recorded {
  const sampled = (k: number) => k === 0 || steps[k] !== undefined;
  const record = (pick: (step: Step) => number) => steps.map((step, k) => (k === 0 || !step || !sampled(k - 1) ? undefined : pick(step)));
  return { errors: record((step) => step.bad), total: record((step) => step.total) };
}

/** A step function of traffic: `bad` of EVENTS_PER_STEP events fail. */
export function counterSteps(phases: readonly { readonly steps: number; readonly badShare: number | 'none' | 'flat' }[]): (Step | undefined)[] {
  const steps: (Step | undefined)[] = [undefined];
  for (const phase of phases) {
    for (let i = 0; i < phase.steps; i++) {
      if (phase.badShare === 'none') steps.push(undefined);
      else if (phase.badShare === 'flat') steps.push({ bad: 0, total: 0 });
      else steps.push({ bad: dyadic(phase.badShare * EVENTS_PER_STEP), total: EVENTS_PER_STEP });
    }
  }
  return steps;
}

/** Running totals from per-step counts: the counter values to feed promtool. */
export function cumulative(steps: readonly (Step | undefined)[], pick: (step: Step) => number): (number | undefined)[] {
  let value = 0;
  return steps.map((step, k) => {
    if (k === 0) return 0;
    if (!step) return undefined;
    value += pick(step);
    return value;
  });
}

/** 0/1 samples of `series` availability series; a sample of series i at step k is down when `down(k, i)`. */
export function availabilitySamples(
  phases: readonly { readonly steps: number; readonly downShare: number | 'none' }[],
  series: number,
): (number | undefined)[][] {
  const samples: (number | undefined)[][] = Array.from({ length: series }, () => [1]);
  let k = 0;
  for (const phase of phases) {
    for (let i = 0; i < phase.steps; i++) {
      k++;
      for (let s = 0; s < series; s++) {
        const column = samples[s] ?? [];
        if (phase.downShare === 'none') column.push(undefined);
        else {
          // Spread the down samples evenly over steps and series (Bresenham), so every window sees the share.
          const j = k * series + s;
          const down = Math.floor((j + 1) * phase.downShare) > Math.floor(j * phase.downShare);
          column.push(down ? 0 : 1);
        }
      }
    }
  }
  return samples;
}

/** count_over_time − sum_over_time over [t-step, t]: each sample counts at two evaluations. */
export function recordAvailability(samples: readonly (readonly (number | undefined)[])[]): Recorded {
  const steps = samples[0]?.length ?? 0;
  const errors: (number | undefined)[] = [];
  const total: (number | undefined)[] = [];
  for (let k = 0; k < steps; k++) {
    let count = 0;
    let up = 0;
    for (const column of samples) {
      for (const value of [column[k - 1], column[k]]) {
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
  const atEvaluations = (values: readonly (number | undefined)[]) => values.map((v, k) => (k % every === 0 ? v : undefined));
  return { errors: atEvaluations(recorded.errors), total: atEvaluations(recorded.total) };
}
