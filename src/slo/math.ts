/**
 * SLO arithmetic: error budgets, the SRE Workbook's multi-window burn-rate tiers rescaled to
 * any window, and how long a budget lasts. Pure numbers, no PromQL.
 */
import { parseDuration } from '../promql/ast.ts';
import { MAX_SLI_STEP } from '../model/conventions.ts';
import type { Slo, SloTier, TierSeverity } from '../model/model.ts';

/**
 * The Workbook's tiers for a 30d window (chapter 5, table 5-8): a page when 2% of the budget
 * burns in 1h or 5% in 6h, a ticket when 10% burns in 1d or in 3d. Short windows are a twelfth
 * of the long ones, so an alert stops soon after the burn does.
 */
export const DEFAULT_TIERS: readonly (TableTier & { readonly budgetPercent: number })[] = [
  { name: 'page-1h', severity: 'page', longWindow: '1h', shortWindow: '5m', budgetPercent: 2 },
  { name: 'page-6h', severity: 'page', longWindow: '6h', shortWindow: '30m', budgetPercent: 5 },
  { name: 'ticket-1d', severity: 'ticket', longWindow: '1d', shortWindow: '2h', budgetPercent: 10 },
  { name: 'ticket-3d', severity: 'ticket', longWindow: '3d', shortWindow: '6h', budgetPercent: 10 },
];

/**
 * Pyrra's default tiers (slo/rules.go Windows): fixed burn rates 14, 7, 2 and 1, with windows
 * and `for` scaled from a 28d window (1h/5m, 6h/30m, 1d/2h, 4d/6h; for 2m, 15m, 1h, 3h) and
 * rounded to the minute as Go's Duration.Round does; at least a minute. Tiers are named after
 * their scaled long window, as the Workbook's are after theirs.
 */
export function pyrraTiers(window: string): TableTier[] {
  const scaled = (divisor: number) => formatDuration(Math.max(60, Math.floor(seconds(window) / divisor / 60 + 0.5) * 60));
  const rows: readonly [TierSeverity, number, number, number, number][] = [
    // severity, long, short, for (divisors of the window), factor
    ['page', 28 * 24, 28 * 24 * 12, 28 * 24 * 30, 14],
    ['page', 28 * 4, 28 * 24 * 2, 28 * 24 * 4, 7],
    ['ticket', 28, 28 * 12, 28 * 24, 2],
    ['ticket', 7, 28 * 4, 28 * 8, 1],
  ];
  return rows.map(([severity, long, short, pending, factor]) => ({
    name: `${severity}-${scaled(long)}`,
    severity,
    longWindow: scaled(long),
    shortWindow: scaled(short),
    factor,
    for: scaled(pending),
  }));
}

/** A tier of a default table: a budget share (rescaled to the window) or a fixed burn rate. */
export interface TableTier {
  readonly name: string;
  readonly severity: TierSeverity;
  readonly longWindow: string;
  readonly shortWindow: string;
  readonly budgetPercent?: number;
  readonly factor?: number;
  readonly for?: string;
}

/** The default tier tables by name. */
export const TIER_TABLES: Readonly<Record<'workbook' | 'pyrra', (window: string) => readonly TableTier[]>> = {
  workbook: () => DEFAULT_TIERS,
  pyrra: pyrraTiers,
};

export const DEFAULT_SLO_WINDOW = '30d';
export const DEFAULT_NO_DATA_FOR = '10m';

/** Twelve significant digits: 1 - 0.999 is 0.001, not 0.0010000000000000009. */
export function tidy(value: number): number {
  // The same few values (budgets, factors, floors) come back for every test and rule of an
  // SLO; toPrecision and the parse back cost a microsecond each.
  let tidied = tidiedValues.get(value);
  if (tidied === undefined) {
    tidied = Number(value.toPrecision(12));
    if (tidiedValues.size < 10_000) tidiedValues.set(value, tidied);
  }
  return tidied;
}

const tidiedValues = new Map<number, number>();

export function seconds(duration: string): number {
  let known = SECONDS.get(duration);
  if (known === undefined) {
    const ms = parseDuration(duration);
    if (ms === undefined) throw new Error(`not a duration: ${duration}`);
    known = ms / 1000;
    if (SECONDS.size < 10_000) SECONDS.set(duration, known);
  }
  return known;
}

/** The SLO math reads the same few durations (steps, windows) millions of times in a large build's test scenarios. */
const SECONDS = new Map<string, number>();

/** An objective slo/objective-range accepts: the other SLO checks skip the rest. */
export function objectiveInRange(objectivePercent: number): boolean {
  return objectivePercent >= 50 && objectivePercent < 100;
}

/** The error budget as a ratio: 99.9 → 0.001. */
export function errorBudget(objectivePercent: number): number {
  return tidy((100 - objectivePercent) / 100);
}

/** The burn rate at which `budgetPercent` of a `window`'s budget goes within `longWindow`. */
export function factorFor(budgetPercent: number, window: string, longWindow: string): number {
  return tidy(((budgetPercent / 100) * seconds(window)) / seconds(longWindow));
}

/** The share of a `window`'s budget (percent) that burns within `longWindow` at burn rate `factor`. */
export function budgetPercentFor(factor: number, window: string, longWindow: string): number {
  return tidy((factor * seconds(longWindow) * 100) / seconds(window));
}

/**
 * The SLI recording step of an SLO: the longest step, at most 5m and at least the evaluation
 * interval, that divides every window (the SLO's and each tier's), so every window is a whole
 * number of recordings. Undefined when no such step exists (slo/tier reports the windows).
 */
export function sliStep(windows: readonly string[], evaluationInterval: string): string | undefined {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const all = windows.map((w) => Math.round(seconds(w)));
  if (all.some((w) => w <= 0)) return undefined;
  const common = all.reduce(gcd, 0);
  const floor = Math.ceil(seconds(evaluationInterval));
  for (let step = Math.min(common, seconds(MAX_SLI_STEP)); step >= floor; step--) {
    if (common % step === 0) return formatDuration(step);
  }
  return undefined;
}

/** A tier that has everything it needs to become an alert. */
export interface CompleteTier extends SloTier {
  readonly longWindow: string;
  readonly shortWindow: string;
  readonly factor: number;
  readonly budgetPercent: number;
}

export function isComplete(tier: SloTier): tier is CompleteTier {
  return tier.longWindow !== undefined && tier.shortWindow !== undefined && tier.factor !== undefined && tier.budgetPercent !== undefined;
}

/** Tiers that can fire: complete, and with a threshold below a 100% error ratio. */
export function alertingTiers(slo: Slo): readonly CompleteTier[] {
  let tiers = alertingTiersOf.get(slo);
  if (!tiers) {
    const budget = errorBudget(slo.objective);
    tiers = slo.tiers.filter(isComplete).filter((tier) => tier.factor * budget < 1);
    alertingTiersOf.set(slo, tiers);
  }
  return tiers;
}

// The model is immutable: what is derived from an SLO is derived once (the rules, the tests,
// the docs and the checks all ask, many times over).
const alertingTiersOf = new WeakMap<Slo, readonly CompleteTier[]>();
const burnAlertsOf = new WeakMap<Slo, readonly BurnAlert[]>();

/** One burn alert rule: the alerting tiers that share its name, severity and `for`. */
export interface BurnAlert {
  readonly name: string;
  readonly severity: string;
  readonly for: string | undefined;
  readonly tiers: readonly CompleteTier[];
}

/** The SLO's burn alert rules, in the order of their first tier. */
export function burnAlerts(slo: Slo): readonly BurnAlert[] {
  let burn = burnAlertsOf.get(slo);
  if (!burn) {
    const alerts = new Map<string, BurnAlert>();
    for (const tier of alertingTiers(slo)) {
      const key = JSON.stringify([tier.alertName, tier.alertSeverity, tier.for ?? '']);
      const alert = alerts.get(key) ?? { name: tier.alertName, severity: tier.alertSeverity, for: tier.for, tiers: [] };
      alerts.set(key, { ...alert, tiers: [...alert.tiers, tier] });
    }
    burn = [...alerts.values()];
    burnAlertsOf.set(slo, burn);
  }
  return burn;
}

/**
 * The traffic floor of a tier, in events per long window: the SLO's minEvents, or by default
 * the fewest events at which one failed event alone does not fire the tier.
 */
export function trafficFloor(slo: Slo, tier: CompleteTier): number {
  if (slo.minEvents !== undefined) return slo.minEvents;
  return Math.ceil(tidy(1 / (tier.factor * errorBudget(slo.objective))));
}

/** How long the whole budget lasts at a burn rate: window / rate. */
export function budgetLasts(window: string, burnRate: number): number {
  return seconds(window) / burnRate;
}

/** At a full outage (every event fails), the seconds until the tier fires: its threshold ratio of the long window. */
export function secondsToFireAtFullOutage(slo: Slo, tier: CompleteTier): number {
  return tier.factor * errorBudget(slo.objective) * seconds(tier.longWindow);
}

const UNITS: readonly (readonly [string, number])[] = [
  ['w', 604_800],
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/** 90 → "1m30s", 172800 → "2d": the largest units first, as Prometheus writes durations. */
export function formatDuration(totalSeconds: number): string {
  let rest = Math.round(totalSeconds);
  if (rest === 0) return '0s';
  let text = '';
  for (const [unit, size] of UNITS) {
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text;
}

/**
 * The range a rule writes for `window` over samples on the evaluation grid (monc's recordings)
 * or over an SLI's raw samples that each must count once. Prometheus 2 includes a sample at
 * the range's start and Prometheus 3 does not; a second short of the window, no sample on a
 * grid of two seconds or more sits at the start, so both read the same samples: those of a
 * window open at its start, which is what Prometheus 3 reads for the whole window.
 */
export function edgeFreeRange(slo: { readonly prometheusVersion: 2 | 3 }, window: string): string {
  return slo.prometheusVersion === 3 ? formatDuration(seconds(window) - 1) : window;
}

/** "2d 6h" style: the two largest units, for people. */
export function humanDuration(totalSeconds: number): string {
  const parts: string[] = [];
  let rest = Math.round(totalSeconds);
  for (const [unit, size] of UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.length > 0 ? parts.join(' ') : '0s';
}
